import type { DocsNode } from '../docs-data.js';

/** One word for a node's state: its own last run and its expectations' last results. */
export type Health = 'ok' | 'warn' | 'fail' | 'none';

/** `fail` if it or a test errored/failed, `warn` on warnings, `ok` when something ran clean, `none` when nothing ran. */
export function nodeHealth(node: DocsNode): Health {
  const statuses = [node.lastRun?.status, ...node.expectations.map((e) => e.status)].filter((s): s is string => s !== undefined && s !== 'not run');
  if (statuses.some((s) => s === 'error' || s === 'fail' || s === 'runtime error')) return 'fail';
  if (statuses.some((s) => s === 'warn' || s === 'skipped')) return 'warn';
  if (node.freshness?.status === 'error') return 'fail';
  if (node.freshness?.status === 'warn') return 'warn';
  return statuses.length > 0 ? 'ok' : 'none';
}
