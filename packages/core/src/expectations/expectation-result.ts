/**
 * The outcome of one check, shaped like Great Expectations' validation result so that people
 * and tools used to GE can read it.
 */
export interface ExpectationResult {
  /** GE's name of the check (`expect_column_values_to_not_be_null`). */
  expectation_type?: string;
  success: boolean;
  /** Rows the check looked at (after its `where`). */
  element_count: number;
  /** Null values of the checked column (column checks only). */
  missing_count?: number;
  missing_percent?: number;
  /** Failing rows (row checks), or 1 when an aggregate or table check fails. */
  unexpected_count: number;
  /** Percent of non-null rows that failed (GE's definition). */
  unexpected_percent: number;
  /** Percent of all rows that failed. */
  unexpected_percent_total: number;
  /** For aggregate checks: the value measured. */
  observed_value?: number | string | boolean | null | Array<string | number | boolean>;
  /** Up to 20 failing values (or rows, for table-level checks). */
  partial_unexpected_list: unknown[];
  /** With `--store-failures`: the audit table holding this check's failing rows. */
  failures_relation?: string;
  /** A sentence saying what failed, for summaries: `observed 12.5, expected between 0 and 10`. */
  summary?: string;
}

/** Applies `mostly`: the check passes when at most (1 − mostly) of the rows failed. */
export function judge(unexpected: number, denominator: number, mostly: number): boolean {
  if (unexpected === 0) return true;
  if (denominator === 0) return false;
  return unexpected / denominator <= 1 - mostly + 1e-12;
}

/** `part` as a percent of `whole` (0 when there is nothing to divide by). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}
