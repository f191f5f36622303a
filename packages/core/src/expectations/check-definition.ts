import type { ColumnReference } from '../config/define-schemas.js';

/**
 * One expectation, independent of any warehouse. `kind` selects how it is compiled:
 * row checks become a predicate in the relation's single scan; the others run their own query.
 */
export type CheckDefinition =
  | { kind: 'not_null'; column: string }
  | { kind: 'unique'; column: string }
  | { kind: 'accepted_values'; column: string; values: Array<string | number | boolean> }
  | { kind: 'not_accepted_values'; column: string; values: Array<string | number | boolean> }
  | { kind: 'between'; column: string; min?: number; max?: number; minInclusive?: boolean; maxInclusive?: boolean }
  | { kind: 'length_between'; column: string; min?: number; max?: number }
  | { kind: 'matches_pattern'; column: string; pattern: string; format?: string }
  | { kind: 'relationships'; column: string; to: ColumnReference }
  | { kind: 'expression_is_true'; expression: string }
  | { kind: 'unique_combination'; columns: string[] }
  | { kind: 'row_count_between'; min?: number; max?: number }
  | { kind: 'generic'; macro: string; column?: string; args: Record<string, unknown> };

export type CheckKind = CheckDefinition['kind'];

/** Options every check takes. */
export interface CheckOptions {
  severity: 'error' | 'warn';
  /** Fraction of rows that must pass (Great Expectations' `mostly`). */
  mostly: number;
  where?: string;
}

/** Checks evaluated as a per-row predicate inside the relation's one scan. */
export const ROW_CHECKS: ReadonlySet<CheckKind> = new Set([
  'not_null',
  'unique',
  'accepted_values',
  'not_accepted_values',
  'between',
  'length_between',
  'matches_pattern',
  'expression_is_true',
  'unique_combination',
]);
