import type { ExpectationResult } from '../expectations/expectation-result.js';

/**
 * dbt's statuses: models and seeds end `success`, `error` or `skipped`; tests end `pass`,
 * `fail`, `warn`, `error` or `skipped`.
 */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

/** What happened to one node in a run; becomes one entry of `run_results.json`. */
export interface NodeResult {
  uniqueId: string;
  name: string;
  resourceType: string;
  project: string;
  status: NodeStatus;
  message?: string;
  /** Rows written (models, seeds) or failing rows (tests). */
  rowsAffected?: number;
  failures?: number;
  relation?: string;
  startedAt: string;
  completedAt: string;
  executionTime: number;
  /** Path of the compiled SQL under `target/compiled/`. */
  compiledPath?: string;
  compiledSql?: string;
  expectation?: ExpectationResult;
  /** The error of an `error` node: its StrataError class (`type`), code, where to fix it, and the SQL that failed. */
  error?: { code: string; type?: string; file?: string; line?: number; hint?: string; sql?: string };
}

/** Events a run emits, for progress output and JSON logs. */
export type RunEvent =
  | { type: 'run_started'; total: number; threads: number }
  | { type: 'node_started'; uniqueId: string; name: string; resourceType: string }
  | { type: 'node_finished'; result: NodeResult; done: number; total: number }
  | { type: 'node_retrying'; uniqueId: string; name: string; attempt: number; delayMs: number; message: string }
  | { type: 'log'; level: 'info' | 'warn'; message: string }
  | { type: 'run_finished'; elapsed: number };
