import type { RelationRef } from './relation.js';

/** Logical column types, mapped to each warehouse's names by its dialect. */
export type LogicalType = 'string' | 'integer' | 'bigint' | 'float' | 'numeric' | 'boolean' | 'timestamp' | 'date';

/** Date parts understood by every dialect's date macros. */
export type DatePart = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

/**
 * What one warehouse's SQL looks like: quoting, type names and the cross-database macros.
 * Everything is pure string-building; a dialect never talks to the warehouse.
 */
export interface Dialect {
  /** Quotes an identifier: `"order id"` on DuckDB/Postgres, `` `order id` `` on BigQuery. */
  quoteIdentifier(name: string): string;
  /** Quotes a string literal, escaping what must be escaped. */
  quoteString(value: string): string;
  /** The fully qualified, quoted name of a relation. */
  renderRelation(relation: RelationRef): string;
  typeName(type: LogicalType): string;
  dateTrunc(part: DatePart, expression: string): string;
  /** Whole `part`s from `start` to `end` (end − start), like dbt's datediff. */
  dateDiff(start: string, end: string, part: DatePart): string;
  dateAdd(part: DatePart, amount: string, expression: string): string;
  /** A cast that yields NULL instead of failing. */
  safeCast(expression: string, type: string): string;
  /** Hex md5 of an expression cast to text. */
  hash(expression: string): string;
  /** Concatenates expressions, null-safe, as text. */
  concat(expressions: string[]): string;
  /** True when `value` matches the regular expression `pattern` (both SQL expressions). */
  regexpMatches(value: string, pattern: string): string;
  /**
   * A JavaScript regular expression (zod's `.regex()`, `.email()`, …) written in this warehouse's
   * regex dialect; throws a CompilationError for constructs it cannot express. Absent: RE2.
   * @example translateRegex('^\\d+$', 'i') // '(?i)^\\d+$'
   */
  translateRegex?(source: string, flags: string): string;
  /** The median of an expression as an aggregate. Absent: `percentile_cont(0.5) within group (order by …)`. */
  median?(expression: string): string;
  /**
   * Text parsed with the first strptime format (`%Y-%m-%d`, …) that matches it, else NULL; a
   * timestamp (with time zone when a format has `%z`). Absent: DuckDB's `try_strptime(x, [...])`.
   */
  tryStrptime?(expression: string, formats: string[]): string;
  /**
   * Part `part` (1-based) of text split on `delimiter`, '' past the last part (all three are SQL
   * expressions). Absent: `split_part(…)`, which DuckDB and Postgres have.
   */
  splitPart?(expression: string, delimiter: string, part: string): string;
  /** Every match of `pattern` in `value` replaced (SQL expressions). Absent: `regexp_replace(v, p, r, 'g')` (DuckDB, Postgres). */
  regexpReplace?(value: string, pattern: string, replacement: string): string;
  /**
   * The keyword that has a CTE computed once (`with parsed as materialized (…)`), for
   * `{{ materialized_cte() }}`. Absent: none, the warehouse plans CTEs as it likes. Postgres
   * needs it where a CTE parses columns that later steps read more than once: it inlines the
   * CTE and evaluates the parsing expression again for every reference.
   */
  materializedCte?: string;
  /** Cast an expression to the dialect's text type. */
  castToString(expression: string): string;
  /**
   * How an expectation scan flags rows whose key is duplicated (uniqueness checks). Absent or
   * `'join'`: the duplicated keys grouped once and joined back, a hash aggregate and a hash join
   * (DuckDB, BigQuery). `'window'`: `count(*) over (partition by key)`, one sort of the relation
   * whatever the planner believes about its size, and the relation read once (a view is not
   * evaluated twice).
   * @example readonly duplicateKeys = 'window';
   */
  readonly duplicateKeys?: 'join' | 'window';
}
