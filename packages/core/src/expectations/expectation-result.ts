/**
 * The outcome of one check, shaped like Great Expectations' validation result so that people
 * and tools used to GE can read it.
 */
export interface ExpectationResult {
  success: boolean;
  /** Rows the check looked at (after its `where`). */
  element_count: number;
  unexpected_count: number;
  /** Percent of non-null rows that failed (GE's definition). */
  unexpected_percent: number;
  /** Percent of all rows that failed. */
  unexpected_percent_total: number;
  /** For aggregate checks: the value measured. */
  observed_value?: number | string | null;
  /** Up to 20 failing values (or rows, for table-level checks). */
  partial_unexpected_list: unknown[];
}

/** Applies `mostly`: the check passes when at most (1 − mostly) of the rows failed. */
export function judge(unexpected: number, denominator: number, mostly: number): boolean {
  if (unexpected === 0) return true;
  if (denominator === 0) return false;
  return unexpected / denominator <= 1 - mostly + 1e-12;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}
