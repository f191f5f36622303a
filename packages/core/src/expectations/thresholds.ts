import { CheckArgsError } from './build-check.js';
import type { CheckOptions } from './check-definition.js';
import type { ExpectationResult } from './expectation-result.js';

type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=';

/** A parsed dbt threshold such as `'>10'`. */
export interface Threshold {
  op: Operator;
  value: number;
}

const THRESHOLD = /^\s*(==|=|!=|<>|>=|<=|>|<)\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * Parses a dbt `warn_if` / `error_if` condition on the failure count.
 * @example parseThreshold('>10') // { op: '>', value: 10 }
 */
export function parseThreshold(text: string): Threshold {
  const match = typeof text === 'string' ? THRESHOLD.exec(text) : null;
  if (!match) throw new CheckArgsError(`threshold '${String(text)}' is not a comparison with a number, like '>10' or '!=0'`);
  const op = match[1] === '=' ? '==' : match[1] === '<>' ? '!=' : (match[1] as Operator);
  return { op, value: Number(match[2]) };
}

function holds(threshold: string, failures: number): boolean {
  const { op, value } = parseThreshold(threshold);
  switch (op) {
    case '==':
      return failures === value;
    case '!=':
      return failures !== value;
    case '>':
      return failures > value;
    case '>=':
      return failures >= value;
    case '<':
      return failures < value;
    case '<=':
      return failures <= value;
  }
}

/** How a check ends up in the run: its node status. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/**
 * Decides a check's status the way dbt does, after Great Expectations' `mostly`: a check whose
 * unexpected share is within `mostly` passes; otherwise the failure count is compared with
 * `error_if` (error severity only) and then `warn_if`, both `'!=0'` by default.
 *
 * @example checkStatus({ success: false, unexpected_count: 4, … }, { severity: 'error', mostly: 1, errorIf: '>10' }) // 'warn'
 */
export function checkStatus(result: Pick<ExpectationResult, 'success' | 'unexpected_count'>, options: CheckOptions): CheckStatus {
  if (result.success) return 'pass';
  const failures = result.unexpected_count;
  if (options.severity === 'error' && holds(options.errorIf ?? '!=0', failures)) return 'fail';
  if (holds(options.warnIf ?? '!=0', failures)) return 'warn';
  return 'pass';
}
