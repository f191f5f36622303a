import { artifactMetadata } from '../artifacts/write-artifacts.js';
import type { FreshnessSpan } from '../config/project-config.js';
import type { FreshnessResult } from './source-freshness.js';

const span = (s: FreshnessSpan | undefined) => ({ count: s?.count ?? null, period: s?.period ?? null });

/**
 * `target/sources.json` in dbt's shape (v3): one entry per source table with its newest load
 * time, its age in seconds, the status and the criteria it was graded against.
 */
export function sourcesJson(results: FreshnessResult[], invocationId: string, elapsed: number, project?: string, adapter?: string): Record<string, unknown> {
  return {
    metadata: artifactMetadata('sources', invocationId, project, adapter),
    elapsed_time: elapsed,
    results: results.map((r) =>
      r.status === 'runtime error'
        ? { unique_id: r.uniqueId, status: r.status, error: r.message ?? 'runtime error' }
        : {
            unique_id: r.uniqueId,
            max_loaded_at: r.maxLoadedAt?.toISOString() ?? null,
            snapshotted_at: r.snapshottedAt.toISOString(),
            max_loaded_at_time_ago_in_s: r.ageSeconds ?? null,
            status: r.status,
            criteria: { warn_after: span(r.criteria.warnAfter), error_after: span(r.criteria.errorAfter), filter: r.criteria.filter ?? null },
            adapter_response: {},
            timing: [{ name: 'execute', started_at: r.startedAt.toISOString(), completed_at: new Date(r.startedAt.getTime() + r.executionTime * 1000).toISOString() }],
            thread_id: 'Thread-1',
            execution_time: r.executionTime,
          },
    ),
  };
}
