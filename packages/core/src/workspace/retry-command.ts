import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors/strata-error.js';
import type { Workspace } from './load-workspace.js';
import { runCommand, type RunCommandOptions, type RunSummary, type StrataCommand } from './run-command.js';

/** Statuses `strata retry` runs again. */
const RETRY_STATUSES = new Set(['error', 'fail', 'skipped', 'runtime error']);

interface PreviousRun {
  args: Record<string, unknown>;
  failed: string[];
  /** An on-run-start/end hook failed: the previous selection runs again in full. */
  hookFailed: boolean;
}

/** Reads every project's `target/run_results.json` (the last run's), or throws when there is none. */
export function readPreviousRun(workspace: Workspace): PreviousRun {
  const files = workspace.projects.map((p) => join(p.root, 'target', 'run_results.json')).filter((f) => existsSync(f));
  if (files.length === 0) {
    throw new ConfigError('E_NO_RUN_RESULTS', 'there is no target/run_results.json to retry', { file: workspace.projects[0]?.root, hint: 'run strata build (or run, seed, test, snapshot) first' });
  }
  const previous: PreviousRun = { args: {}, failed: [], hookFailed: false };
  for (const file of files) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { args?: Record<string, unknown>; results?: Array<{ unique_id: string; status: string }> };
    if (Object.keys(previous.args).length === 0) previous.args = json.args ?? {};
    for (const result of json.results ?? []) {
      if (!RETRY_STATUSES.has(result.status)) continue;
      if (result.unique_id.startsWith('operation.')) previous.hookFailed = true;
      else previous.failed.push(result.unique_id);
    }
  }
  return previous;
}

/** What `strata retry` did: the run, or nothing when the last run had no failures. */
export type RetrySummary = RunSummary & { command: StrataCommand | undefined; retried: number };

/**
 * dbt's `retry`: runs again, with the last run's command and arguments, only the nodes that
 * errored, failed or were skipped in `target/run_results.json`.
 *
 * @example const summary = await retryCommand(workspace, { adapters });
 */
export async function retryCommand(workspace: Workspace, options: Omit<RunCommandOptions, 'command' | 'select' | 'exclude' | 'selector' | 'state' | 'nodeIds'>): Promise<RetrySummary> {
  const previous = readPreviousRun(workspace);
  const command = previous.args.command as StrataCommand | undefined;
  if (!command || command === 'compile' || (previous.failed.length === 0 && !previous.hookFailed)) {
    return { invocationId: '', results: [], elapsed: 0, compiled: new Map(), success: true, command, retried: 0 };
  }
  const list = (key: string) => (Array.isArray(previous.args[key]) ? (previous.args[key] as string[]) : undefined);
  const summary = await runCommand(workspace, {
    ...options,
    command,
    ...(previous.hookFailed
      ? { select: list('select'), exclude: list('exclude'), selector: (previous.args.selector as string | null) ?? undefined, state: (previous.args.state as string | null) ?? undefined }
      : { nodeIds: previous.failed }),
    fullRefresh: options.fullRefresh ?? (previous.args.full_refresh as boolean | undefined),
    threads: options.threads ?? (previous.args.threads as number | undefined),
    vars: options.vars ?? (previous.args.vars as Record<string, unknown> | undefined),
  });
  return { ...summary, command, retried: summary.results.filter((r) => !r.uniqueId.startsWith('operation.')).length };
}
