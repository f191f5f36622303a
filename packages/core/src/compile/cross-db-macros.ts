import type { DatePart, Dialect, LogicalType } from '../adapter/dialect.js';
import { CompilationError } from '../errors/strata-error.js';

const DATE_PARTS = new Set<DatePart>(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second']);

function datePart(part: unknown): DatePart {
  const p = String(part).toLowerCase().replace(/^'|'$/g, '') as DatePart;
  if (!DATE_PARTS.has(p)) throw new CompilationError('E_DATE_PART', `unknown date part '${String(part)}'`, { hint: `use one of ${[...DATE_PARTS].join(', ')}` });
  return p;
}

/**
 * dbt's cross-database macros, dispatched to the target's dialect so that one model's SQL runs
 * on every warehouse. Arguments are SQL expressions (column names, literals), as in dbt.
 *
 * @example {{ date_trunc('day', 'ordered_at') }}  →  date_trunc('day', ordered_at) on DuckDB
 */
export function crossDatabaseMacros(dialect: Dialect): Record<string, (...args: never[]) => string> {
  const type = (t: LogicalType) => () => dialect.typeName(t);
  const macros = {
    date_trunc: (part: string, expression: string) => dialect.dateTrunc(datePart(part), expression),
    datediff: (start: string, end: string, part: string) => dialect.dateDiff(start, end, datePart(part)),
    dateadd: (part: string, amount: string | number, expression: string) => dialect.dateAdd(datePart(part), String(amount), expression),
    safe_cast: (expression: string, typeName: string) => dialect.safeCast(expression, typeName),
    hash: (expression: string) => dialect.hash(expression),
    concat: (expressions: string[]) => dialect.concat(expressions),
    /** True when the text expression matches the regular expression (both SQL): `regexp_matches` on DuckDB, `~` on Postgres. */
    regexp_matches: (value: string, pattern: string) => dialect.regexpMatches(value, pattern),
    /** The first strptime format that parses the text (else NULL): `{{ try_strptime('trim(x)', ['%Y-%m-%d', '%m/%d/%Y']) }}`. */
    try_strptime: (expression: string, formats: string[] | string) => {
      const list = (Array.isArray(formats) ? formats : [formats]).map(String);
      return dialect.tryStrptime ? dialect.tryStrptime(expression, list) : `try_strptime(${expression}, [${list.map((f) => dialect.quoteString(f)).join(', ')}])`;
    },
    /** Part n (1-based) of a text split on a delimiter, '' past the end: `{{ split_part('trim(zip)', "'-'", 1) }}`. */
    split_part: (expression: string, delimiter: string, part: string | number) =>
      dialect.splitPart ? dialect.splitPart(expression, delimiter, String(part)) : `split_part(${expression}, ${delimiter}, ${part})`,
    /** Every match replaced: `{{ regexp_replace('zip', "'[^0-9]'", "''") }}` (`'g'` on DuckDB/Postgres, always global on BigQuery). */
    regexp_replace: (value: string, pattern: string, replacement: string) =>
      dialect.regexpReplace ? dialect.regexpReplace(value, pattern, replacement) : `regexp_replace(${value}, ${pattern}, ${replacement}, 'g')`,
    string_literal: (value: string) => dialect.quoteString(String(value)),
    /**
     * `with parsed as {{ materialized_cte() }}(…)`: the CTE is computed once, on warehouses whose
     * planner would otherwise repeat its expressions for every reference (Postgres); nothing
     * elsewhere. For CTEs that parse text, read by several later expressions.
     */
    materialized_cte: () => (dialect.materializedCte ? `${dialect.materializedCte} ` : ''),
    /** md5 over the fields joined with '-', nulls as a marker, like dbt_utils.generate_surrogate_key. */
    surrogate_key: (fields: string[] | string) => {
      const list = Array.isArray(fields) ? fields : [fields];
      const parts = list.map((field) => `coalesce(${dialect.castToString(field)}, '_strata_null_')`);
      return dialect.hash(dialect.concat(parts.flatMap((p, i) => (i === 0 ? [p] : ["'-'", p]))));
    },
    type_string: type('string'),
    type_int: type('integer'),
    type_bigint: type('bigint'),
    type_float: type('float'),
    type_numeric: type('numeric'),
    type_boolean: type('boolean'),
    type_timestamp: type('timestamp'),
    type_date: type('date'),
  };
  return macros as unknown as Record<string, (...args: never[]) => string>;
}
