import type { FreshnessPart } from '../config/check-specs.js';
import type { ColumnReference } from '../config/define-schemas.js';

export type CheckValue = string | number | boolean;

/** Column statistics an `aggregate_between` check bounds. */
export type AggregateStat = 'min' | 'max' | 'mean' | 'median' | 'sum' | 'stdev' | 'distinct_count' | 'proportion_unique' | 'null_proportion';

/**
 * One expectation, independent of any warehouse. `kind` selects how it is compiled: row and
 * aggregate checks share the relation's single scan; the others run their own query.
 */
export type CheckDefinition =
  | { kind: 'not_null'; column: string }
  | { kind: 'unique'; column: string }
  | { kind: 'accepted_values'; column: string; values: CheckValue[] }
  | { kind: 'not_accepted_values'; column: string; values: CheckValue[] }
  | { kind: 'between'; column: string; min?: number; max?: number; minInclusive?: boolean; maxInclusive?: boolean }
  | { kind: 'length_between'; column: string; min?: number; max?: number }
  | { kind: 'matches_pattern'; column: string; pattern: string; flags?: string; format?: string }
  | { kind: 'monotonic'; column: string; orderBy: string; direction: 'increasing' | 'decreasing'; strictly: boolean; groupBy?: string[] }
  | { kind: 'z_score'; column: string; threshold: number }
  | { kind: 'recent_data'; column: string; interval: number; datepart: FreshnessPart }
  | { kind: 'aggregate_between'; column: string; stat: AggregateStat; min?: number; max?: number; strictMin?: boolean; strictMax?: boolean }
  | { kind: 'distinct_values'; column: string; values: CheckValue[]; mode: 'in' | 'equal' }
  | { kind: 'relationships'; column: string; to: ColumnReference }
  | { kind: 'expression_is_true'; expression: string }
  | { kind: 'unique_combination'; columns: string[] }
  | { kind: 'column_pair_greater'; columnA: string; columnB: string; orEqual: boolean }
  | { kind: 'multicolumn_sum_equal'; columns: string[]; total: number }
  | { kind: 'row_count_between'; min?: number; max?: number }
  | { kind: 'row_count_equal'; to: { model: string; project?: string }; factor: number }
  | { kind: 'data_for_every_day'; column: string; start?: string; end?: string }
  | { kind: 'generic'; macro: string; column?: string; args: Record<string, unknown> };

export type CheckKind = CheckDefinition['kind'];

/** Options every check takes. */
export interface CheckOptions {
  severity: 'error' | 'warn';
  /** Fraction of rows that must pass (Great Expectations' `mostly`). */
  mostly: number;
  where?: string;
  /** dbt's thresholds on the failure count (`'>10'`); both default to `'!=0'`. */
  warnIf?: string;
  errorIf?: string;
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
  'z_score',
  'expression_is_true',
  'unique_combination',
  'column_pair_greater',
  'multicolumn_sum_equal',
]);

/** Checks that measure one value of the whole relation (an `observed_value`), in the same scan. */
export const AGGREGATE_CHECKS: ReadonlySet<CheckKind> = new Set(['aggregate_between', 'distinct_values', 'recent_data', 'row_count_between']);

/** True when a check joins its relation's single scan (row or aggregate check). */
export function sharesScan(check: CheckDefinition): boolean {
  return ROW_CHECKS.has(check.kind) || AGGREGATE_CHECKS.has(check.kind);
}

/** The column a check is about, if it is about one. */
export function checkColumn(check: CheckDefinition): string | undefined {
  return 'column' in check ? check.column : undefined;
}

/** Great Expectations' name for a check, reported as `expectation_type`. */
export function expectationType(check: CheckDefinition): string {
  switch (check.kind) {
    case 'not_null':
      return 'expect_column_values_to_not_be_null';
    case 'unique':
      return 'expect_column_values_to_be_unique';
    case 'accepted_values':
      return 'expect_column_values_to_be_in_set';
    case 'not_accepted_values':
      return 'expect_column_values_to_not_be_in_set';
    case 'between':
      return 'expect_column_values_to_be_between';
    case 'length_between':
      return 'expect_column_value_lengths_to_be_between';
    case 'matches_pattern':
      return 'expect_column_values_to_match_regex';
    case 'monotonic':
      return `expect_column_values_to_be_${check.direction}`;
    case 'z_score':
      return 'expect_column_value_z_scores_to_be_less_than';
    case 'recent_data':
      return 'expect_row_values_to_have_recent_data';
    case 'aggregate_between':
      return { min: 'expect_column_min_to_be_between', max: 'expect_column_max_to_be_between', mean: 'expect_column_mean_to_be_between', median: 'expect_column_median_to_be_between', sum: 'expect_column_sum_to_be_between', stdev: 'expect_column_stdev_to_be_between', distinct_count: 'expect_column_unique_value_count_to_be_between', proportion_unique: 'expect_column_proportion_of_unique_values_to_be_between', null_proportion: 'expect_column_null_proportion_to_be_between' }[check.stat];
    case 'distinct_values':
      return check.mode === 'in' ? 'expect_column_distinct_values_to_be_in_set' : 'expect_column_distinct_values_to_equal_set';
    case 'relationships':
      return 'expect_column_values_to_be_in_other_relation';
    case 'expression_is_true':
      return 'expect_expression_to_be_true';
    case 'unique_combination':
      return 'expect_compound_columns_to_be_unique';
    case 'column_pair_greater':
      return 'expect_column_pair_values_a_to_be_greater_than_b';
    case 'multicolumn_sum_equal':
      return 'expect_multicolumn_sum_to_equal';
    case 'row_count_between':
      return 'expect_table_row_count_to_be_between';
    case 'row_count_equal':
      return 'expect_table_row_count_to_equal_other_table';
    case 'data_for_every_day':
      return 'expect_row_values_to_have_data_for_every_n_datepart';
    case 'generic':
      return check.macro;
  }
}
