import type { Adapter } from '../adapter/adapter.js';
import type { FreshnessConfig } from '../config/project-config.js';
import { StrataError } from '../errors/strata-error.js';
import type { SourceNode } from '../parse/manifest.js';
import { freshnessStatus, type FreshnessStatus } from './freshness-status.js';

/** The freshness of one source table, shaped after one entry of dbt's `sources.json`. */
export interface FreshnessResult {
  uniqueId: string;
  sourceName: string;
  name: string;
  project: string;
  status: FreshnessStatus;
  maxLoadedAt?: Date;
  snapshottedAt: Date;
  ageSeconds?: number;
  criteria: FreshnessConfig;
  executionTime: number;
  startedAt: Date;
  message?: string;
}

/** Sources `strata source freshness` checks: those with a `loadedAtField` and at least one limit. */
export function hasFreshness(node: SourceNode): boolean {
  return Boolean(node.freshness && (node.freshness.warnAfter || node.freshness.errorAfter));
}

/**
 * Measures each source's newest `loadedAtField` against `now` and grades it. Stored times are
 * taken as UTC (Strata's convention for TIMESTAMP columns). A missing table, a missing column or a
 * source without `loadedAtField` is a `runtime error` for that source, not for the run.
 *
 * @example const results = await checkFreshness(adapter, sources, new Date());
 */
export async function checkFreshness(adapter: Adapter, sources: SourceNode[], now: Date): Promise<FreshnessResult[]> {
  const connection = await adapter.connect();
  const results: FreshnessResult[] = [];
  try {
    for (const source of sources) {
      const startedAt = new Date();
      const criteria = source.freshness ?? {};
      const base = { uniqueId: source.uniqueId, sourceName: source.sourceName, name: source.name, project: source.project, criteria, snapshottedAt: now, startedAt };
      const elapsed = () => (Date.now() - startedAt.getTime()) / 1000;
      if (!source.loadedAtField) {
        results.push({ ...base, status: 'runtime error', executionTime: 0, message: `source ${source.sourceName}.${source.name} has freshness limits but no loadedAtField` });
        continue;
      }
      const d = adapter.dialect;
      const sql = `select max(${d.quoteIdentifier(source.loadedAtField)}) as max_loaded_at from ${d.renderRelation(source.relation!)}${criteria.filter ? ` where ${criteria.filter}` : ''}`;
      try {
        const [row] = await connection.query<{ max_loaded_at: unknown }>(sql);
        const raw = row?.max_loaded_at;
        const maxLoadedAt = raw === null || raw === undefined ? undefined : raw instanceof Date ? raw : new Date(String(raw));
        const ageSeconds = maxLoadedAt ? (now.getTime() - maxLoadedAt.getTime()) / 1000 : undefined;
        const status = freshnessStatus(ageSeconds, criteria);
        results.push({ ...base, status, maxLoadedAt, ageSeconds, executionTime: elapsed(), message: maxLoadedAt ? undefined : 'the table has no rows with a loaded-at time' });
      } catch (error) {
        results.push({ ...base, status: 'runtime error', executionTime: elapsed(), message: error instanceof StrataError ? error.message : String((error as Error)?.message ?? error) });
      }
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
  return results;
}
