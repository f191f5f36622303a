import type { DatePart, Dialect, LogicalType, RelationRef } from '@strata/core';

const TYPES: Record<LogicalType, string> = {
  string: 'STRING',
  integer: 'INT64',
  bigint: 'INT64',
  float: 'FLOAT64',
  numeric: 'NUMERIC',
  boolean: 'BOOL',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

/**
 * BigQuery's name of a date part. Weeks start on Monday (`ISOWEEK`), as `date_trunc('week')`
 * does on DuckDB and Postgres; BigQuery's plain `WEEK` starts on Sunday.
 */
function part(p: DatePart): string {
  return p === 'week' ? 'ISOWEEK' : p.toUpperCase();
}

/** A TIMESTAMP as CAST prints it: `2024-02-01 00:00:00+00`, `… 00:00:00.5+00`. */
const TIMESTAMP_ZONE = String.raw`r'^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00$'`;

/** A SQL string literal such as `'-'` needs no cast to STRING. */
const STRING_LITERAL = /^'(?:[^'\\]|\\.)*'$/;

/**
 * Splits `NAME(a, b)` into its name and top-level arguments when the call spans the whole
 * expression (quotes and backticks respected); undefined for anything else.
 */
function outerCall(expression: string): { name: string; args: string[] } | undefined {
  const m = /^([A-Za-z_]+)\(/.exec(expression);
  if (!m) return undefined;
  const args: string[] = [];
  let depth = 0;
  let start = m[0].length;
  for (let i = m[0].length - 1; i < expression.length; i++) {
    const c = expression[i]!;
    if (c === "'" || c === '`') {
      for (i++; i < expression.length && expression[i] !== c; i++) if (expression[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      if (i !== expression.length - 1) return undefined;
      args.push(expression.slice(start, i).trim());
    } else if (c === ',' && depth === 1) {
      args.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  return depth === 0 ? { name: m[1]!.toUpperCase(), args } : undefined;
}

/** True when an expression is certainly a STRING already (so CONCAT needs no cast around it). */
function isString(expression: string): boolean {
  const e = expression.trim();
  if (STRING_LITERAL.test(e)) return true;
  const call = outerCall(e);
  if (!call) return false;
  if (call.name === 'CAST' || call.name === 'SAFE_CAST') return /\sAS\s+STRING$/i.test(call.args[0] ?? '');
  if (call.name === 'COALESCE') return call.args.every(isString);
  return call.name === 'CONCAT' || call.name === 'TO_HEX' || call.name === 'REGEXP_REPLACE';
}

/**
 * GoogleSQL (BigQuery standard SQL): backtick-quoted `project`.`dataset`.`table` names,
 * backslash-escaped strings, `SAFE_CAST`, `TIMESTAMP_TRUNC`, `DATETIME_DIFF`, RE2 regexes.
 * Pure string building: it needs the project only to qualify names.
 *
 * @example new BigQueryDialect('acme').renderRelation({ schema: 'shop_marts', name: 'orders' }) // `acme`.`shop_marts`.`orders`
 */
export class BigQueryDialect implements Dialect {
  /** @param project Project of relations that name none; absent: two-part `dataset.table` names. */
  constructor(readonly project?: string) {}

  quoteIdentifier(name: string): string {
    return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  }
  quoteString(value: string): string {
    // BigQuery strings take C-style escapes; a raw newline would end a single-quoted literal.
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
  }
  renderRelation(relation: RelationRef): string {
    const parts = [relation.database ?? this.project, relation.schema, relation.name].filter((p): p is string => Boolean(p));
    return parts.map((p) => this.quoteIdentifier(p)).join('.');
  }
  typeName(type: LogicalType): string {
    return TYPES[type];
  }
  /** Truncates to a TIMESTAMP, like the other dialects (a DATE argument is cast first). */
  dateTrunc(p: DatePart, expression: string): string {
    return `TIMESTAMP_TRUNC(CAST(${expression} AS TIMESTAMP), ${part(p)})`;
  }
  /**
   * Counts part boundaries crossed from `start` to `end`, like DuckDB's `date_diff`:
   * `DATETIME_DIFF` counts boundaries, while `TIMESTAMP_DIFF` would count whole 24-hour periods.
   */
  dateDiff(start: string, end: string, p: DatePart): string {
    return `DATETIME_DIFF(CAST(${end} AS DATETIME), CAST(${start} AS DATETIME), ${part(p)})`;
  }
  /** `TIMESTAMP_ADD` stops at days, so months, quarters and years go through DATETIME and back. */
  dateAdd(p: DatePart, amount: string, expression: string): string {
    return `TIMESTAMP(DATETIME_ADD(CAST(${expression} AS DATETIME), INTERVAL (${amount}) ${p === 'week' ? 'WEEK' : part(p)}))`;
  }
  safeCast(expression: string, type: string): string {
    return `SAFE_CAST(${expression} AS ${type})`;
  }
  /** Hex md5, the same 32 characters DuckDB's and Postgres' `md5()` return. */
  hash(expression: string): string {
    return `TO_HEX(MD5(${isString(expression) ? expression : this.castToString(expression)}))`;
  }
  /** `CONCAT` takes strings only, so every non-literal argument is cast; a NULL argument gives NULL, as `||` does. */
  concat(expressions: string[]): string {
    return `CONCAT(${expressions.map((e) => (isString(e) ? e : this.castToString(e))).join(', ')})`;
  }
  regexpMatches(value: string, pattern: string): string {
    return `REGEXP_CONTAINS(${value}, ${pattern})`;
  }
  /** BigQuery's PERCENTILE_CONT is analytic only; APPROX_QUANTILES is its aggregate median (exact on small inputs). */
  median(expression: string): string {
    return `APPROX_QUANTILES(${expression}, 2)[OFFSET(1)]`;
  }
  /**
   * `CAST(… AS STRING)`, less the `+00` zone BigQuery prints after a TIMESTAMP: Strata's
   * timestamps are UTC, and text, hashes and surrogate keys then match DuckDB's and Postgres'.
   */
  castToString(expression: string): string {
    return `REGEXP_REPLACE(CAST(${expression} AS STRING), ${TIMESTAMP_ZONE}, r'\\1')`;
  }
  /** BigQuery's REGEXP_REPLACE always replaces every match. */
  regexpReplace(value: string, pattern: string, replacement: string): string {
    return `REGEXP_REPLACE(${value}, ${pattern}, ${replacement})`;
  }
  /** `SPLIT(…)[SAFE_OFFSET(n - 1)]`, with DuckDB's and Postgres' '' past the last part (NULL stays NULL). */
  splitPart(expression: string, delimiter: string, part: string): string {
    return `(CASE WHEN ${expression} IS NULL THEN NULL ELSE COALESCE(SPLIT(${expression}, ${delimiter})[SAFE_OFFSET((${part}) - 1)], '') END)`;
  }
  /**
   * The first format that parses the text, with `SAFE.PARSE_TIMESTAMP` (UTC when the format has
   * no `%z`). strptime's fractional seconds (`%S.%f`, `%S.%g`) are BigQuery's `%E*S`.
   */
  tryStrptime(expression: string, formats: string[]): string {
    // `%E*S` reads fractional seconds; `%Ez` reads every offset `%z` does plus `+hh:mm`, which
    // BigQuery's `%z` rejects (DuckDB's and Postgres's accept it).
    const translate = (f: string) => f.replace(/%S\.%[fgn]/g, '%E*S').replace(/%z/g, '%Ez');
    const parsers = formats.map((f) => `SAFE.PARSE_TIMESTAMP(${this.quoteString(translate(f))}, ${expression})`);
    return parsers.length === 1 ? parsers[0]! : `COALESCE(${parsers.join(', ')})`;
  }
}
