/**
 * Typed arguments of the built-in checks, as users write them in `schema.ts`: under a column's
 * `.meta({ expect: {...} })` or in a relation's `tests: [...]`. Plain data, checked again at
 * parse time (jiti strips types without checking them).
 */

/** Date parts a freshness window can be measured in. */
export type FreshnessPart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Options every check takes. */
export interface CommonCheckOptions {
  /** `error` (default) fails the test and skips what is built downstream; `warn` only reports. */
  severity?: 'error' | 'warn';
  /** Fraction of rows that must pass, Great Expectations' `mostly` (default 1). */
  mostly?: number;
  /** SQL row filter applied before the check: `where: "status <> 'test'"`. */
  where?: string;
  /** dbt threshold on the failure count that makes the test warn: `'>10'`, `'!=0'` (default). */
  warn_if?: string;
  /** dbt threshold on the failure count that makes the test fail: `'>100'`, `'!=0'` (default). */
  error_if?: string;
}

/** A column-level entry under `expect`: options plus an optional test name. */
export type ColumnCheckOptions<Args = unknown> = Args & CommonCheckOptions & {
  /** Test name in results, instead of `<check>_<relation>_<column>`. */
  name?: string;
};

/** Bounds of an aggregate (inclusive unless `strict_*`). */
export interface Bounds {
  min?: number;
  max?: number;
  strict_min?: boolean;
  strict_max?: boolean;
}

export type SetValues = Array<string | number | boolean>;

/** What `expect` on a column may hold (`.meta({ expect: { not_in: ['test'], mean: { min: 1 } } })`). */
export interface ColumnExpectations {
  /** Options for checks zod's own constraints imply. */
  not_null?: ColumnCheckOptions;
  accepted_values?: ColumnCheckOptions;
  between?: ColumnCheckOptions;
  length?: ColumnCheckOptions;
  pattern?: ColumnCheckOptions;
  /** No value is one of these. */
  not_in?: SetValues | ColumnCheckOptions<{ values: SetValues }>;
  /** Values never go down when rows are ordered by `by` (within each `group_by` group). */
  increasing?: ColumnCheckOptions<{ by: string; strictly?: boolean; group_by?: string[] }>;
  /** Values never go up when rows are ordered by `by`. */
  decreasing?: ColumnCheckOptions<{ by: string; strictly?: boolean; group_by?: string[] }>;
  /** The newest value is at most `interval` `datepart`s old (freshness of a timestamp column). */
  recent?: ColumnCheckOptions<{ interval: number; datepart?: FreshnessPart }>;
  /** No value lies more than `max` standard deviations from the mean (default 3). */
  z_score?: ColumnCheckOptions<{ max?: number }>;
  min?: ColumnCheckOptions<Bounds>;
  max?: ColumnCheckOptions<Bounds>;
  mean?: ColumnCheckOptions<Bounds>;
  median?: ColumnCheckOptions<Bounds>;
  sum?: ColumnCheckOptions<Bounds>;
  stdev?: ColumnCheckOptions<Bounds>;
  distinct_count?: ColumnCheckOptions<Bounds>;
  /** Distinct non-null values ÷ non-null values. */
  proportion_unique?: ColumnCheckOptions<Bounds>;
  /** Null values ÷ rows. */
  null_proportion?: ColumnCheckOptions<Bounds>;
  /** Every distinct value is in the set. */
  distinct_values_in?: SetValues | ColumnCheckOptions<{ values: SetValues }>;
  /** The distinct values are exactly the set. */
  distinct_values_equal?: SetValues | ColumnCheckOptions<{ values: SetValues }>;
}

type TableSpec<Name extends string, Args> = { name: Name; alias?: string } & Args & CommonCheckOptions;

/** Built-in relation-level checks, for a model's `tests: [...]`. */
export type TableCheckSpec =
  | TableSpec<'row_count_between', { min?: number; max?: number }>
  | TableSpec<'row_count_equal', { to: string; factor?: number }>
  | TableSpec<'unique_combination', { columns: string[] }>
  | TableSpec<'column_pair_greater', { column_a: string; column_b: string; or_equal?: boolean }>
  | TableSpec<'multicolumn_sum_equal', { columns: string[]; total: number }>
  | TableSpec<'expression_is_true', { expression: string }>
  | TableSpec<'data_for_every_day', { column: string; start?: string; end?: string }>;
