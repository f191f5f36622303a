import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeJsonAtomic } from '../artifacts/write-artifacts.js';
import type { AdapterFactory } from '../adapter/adapter.js';
import type { RunEvent } from '../execute/node-result.js';
import { checkFreshness, hasFreshness, type FreshnessResult } from '../freshness/source-freshness.js';
import { sourcesJson } from '../freshness/sources-json.js';
import type { SourceNode } from '../parse/manifest.js';
import type { Workspace } from './load-workspace.js';
import { openAdapter } from './run-command.js';
import { selectWorkspace, type SelectionOptions } from './select-workspace.js';

export interface FreshnessCommandOptions extends SelectionOptions {
  adapters: Record<string, AdapterFactory>;
  /** The clock ages are measured against; default now. */
  now?: Date;
  onEvent?: (event: RunEvent) => void;
}

export interface FreshnessSummary {
  invocationId: string;
  results: FreshnessResult[];
  elapsed: number;
  /** False when a source is past `errorAfter` or could not be measured. */
  success: boolean;
}

/**
 * `strata source freshness`: grades every selected source that has freshness limits and writes
 * `target/sources.json` into each project.
 *
 * @example await freshnessCommand(workspace, { select: ['source:raw'], adapters })
 */
export async function freshnessCommand(workspace: Workspace, options: FreshnessCommandOptions): Promise<FreshnessSummary> {
  const started = Date.now();
  const invocationId = randomUUID();
  const selected = selectWorkspace(workspace, options);
  const sources = [...selected].map((id) => workspace.dag.node(id)).filter((n): n is SourceNode => n.resourceType === 'source' && hasFreshness(n as SourceNode))
    .sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
  const adapter = await openAdapter(workspace, options.adapters, (message) => options.onEvent?.({ type: 'log', level: 'info', message }));
  let results: FreshnessResult[];
  try {
    results = await checkFreshness(adapter, sources, options.now ?? new Date());
  } finally {
    await adapter.close();
  }
  const elapsed = (Date.now() - started) / 1000;
  for (const project of workspace.dag.manifest.projects.values()) {
    const own = results.filter((r) => r.project === project.name);
    writeJsonAtomic(join(project.root, 'target', 'sources.json'), sourcesJson(own, invocationId, elapsed, project.name, workspace.target.adapter));
  }
  return { invocationId, results, elapsed, success: results.every((r) => r.status === 'pass' || r.status === 'warn') };
}
