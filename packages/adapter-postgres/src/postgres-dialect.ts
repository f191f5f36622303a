import { CompilationError, translateJsRegex, type DatePart, type Dialect, type LogicalType, type RelationRef } from '@strata/core';
import { DEFAULT_HELPER_SCHEMA } from './postgres-config.js';
import { safeCastSql } from './safe-cast.js';
import { translateStrptime } from './strptime.js';

const TYPES: Record<LogicalType, string> = {
  string: 'text',
  integer: 'integer',
  bigint: 'bigint',
  float: 'double precision',
  numeric: 'numeric(38, 9)',
  boolean: 'boolean',
  timestamp: 'timestamp',
  date: 'date',
};

/** Postgres truncates longer identifiers silently, which would make two names one. */
export const MAX_IDENTIFIER_BYTES = 63;

/** Interval of one unit of a date part. */
function interval(part: DatePart): string {
  if (part === 'quarter') return "interval '3 months'";
  if (part === 'week') return "interval '7 days'";
  return `interval '1 ${part}'`;
}

/** Seconds in one bucket of the parts counted on the epoch axis. */
const SECONDS: Partial<Record<DatePart, number>> = { day: 86400, hour: 3600, minute: 60, second: 1 };

/**
 * Postgres SQL: double-quoted identifiers (at most 63 bytes), standard strings, `~` regular
 * expressions. The macros return the same values as DuckDB's: date differences count the
 * boundaries crossed (weeks are whole 7-day spans, as DuckDB's `date_diff`), and `safe_cast`
 * calls a helper function the adapter installs, since Postgres has no `try_cast`.
 */
export class PostgresDialect implements Dialect {
  /**
   * Uniqueness checks count keys with a window. Joining the grouped duplicates back lets the
   * planner pick a nested loop that re-aggregates the inner side for every row when it
   * underestimates a view's rows (a fresh seed has no statistics): quadratic — 84 s for 18k rows
   * of streaming's stg_watch_history, 0.3 s with the window, which also reads the view once.
   */
  readonly duplicateKeys = 'window' as const;

  constructor(
    readonly helperSchema: string = DEFAULT_HELPER_SCHEMA,
    /** Fold quoted names to lower case (see `fold`). */
    readonly foldCase = true,
  ) {}

  /**
   * The name Postgres stores for an identifier Strata quotes. Postgres folds unquoted names to
   * lower case and DuckDB matches names in any case, so a model written on DuckDB says `OrderID`
   * for a seed column Strata created: folding every quoted name (A–Z only, as Postgres does)
   * makes `OrderID`, `orderid` and `"OrderID"` from core all mean the same column.
   */
  fold(name: string): string {
    return this.foldCase ? name.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : name;
  }

  quoteIdentifier(name: string): string {
    const folded = this.fold(name);
    if (Buffer.byteLength(folded) > MAX_IDENTIFIER_BYTES) {
      throw new CompilationError('E_IDENTIFIER_TOO_LONG', `identifier '${name}' is ${Buffer.byteLength(folded)} bytes; PostgreSQL keeps only ${MAX_IDENTIFIER_BYTES}`, {
        hint: 'use a shorter model, schema or column name',
      });
    }
    return `"${folded.replace(/"/g, '""')}"`;
  }
  quoteString(value: string): string {
    // standard_conforming_strings is on (the default since 9.1): backslashes are literal.
    return `'${value.replace(/'/g, "''")}'`;
  }
  renderRelation(relation: RelationRef): string {
    const parts = [relation.database, relation.schema, relation.name].filter((p): p is string => Boolean(p));
    return parts.map((p) => this.quoteIdentifier(p)).join('.');
  }
  typeName(type: LogicalType): string {
    return TYPES[type];
  }
  dateTrunc(part: DatePart, expression: string): string {
    return `date_trunc('${part}', cast(${expression} as timestamp))`;
  }
  dateDiff(start: string, end: string, part: DatePart): string {
    const s = `cast(${start} as timestamp)`;
    const e = `cast(${end} as timestamp)`;
    const field = (f: string, x: string) => `extract(${f} from ${x})`;
    const years = `(${field('year', e)} - ${field('year', s)})`;
    switch (part) {
      case 'year':
        return `cast(${years} as bigint)`;
      case 'quarter':
        return `cast(${years} * 4 + ${field('quarter', e)} - ${field('quarter', s)} as bigint)`;
      case 'month':
        return `cast(${years} * 12 + ${field('month', e)} - ${field('month', s)} as bigint)`;
      case 'week':
        // Whole 7-day spans between the dates, truncated towards zero (DuckDB's date_diff).
        return `cast((cast(${end} as date) - cast(${start} as date)) / 7 as bigint)`;
      default: {
        // Boundaries crossed: the difference of the bucket numbers on the epoch axis.
        const size = SECONDS[part]!;
        const bucket = (x: string) => `floor(extract(epoch from ${x}) / ${size})`;
        return `cast(${bucket(e)} - ${bucket(s)} as bigint)`;
      }
    }
  }
  dateAdd(part: DatePart, amount: string, expression: string): string {
    return `(cast(${expression} as timestamp) + (${amount}) * ${interval(part)})`;
  }
  /**
   * Postgres inlines a CTE read once and substitutes its expressions for every reference to
   * its columns: logistics' stg_deliveries parsed each timestamp ~30 times a row (61 s for 100k
   * deliveries as CREATE TABLE AS; 6.7 s with the CTE materialized).
   */
  readonly materializedCte = 'materialized';
  safeCast(expression: string, type: string): string {
    return safeCastSql(expression, type, this.quoteIdentifier(this.helperSchema));
  }
  /**
   * DuckDB's `try_strptime(text, [formats])`: the first format that matches the whole text, else
   * NULL; a timestamp, or a timestamptz when a format has `%z`. Each format becomes an anchored
   * regular expression whose groups the `strptime_parts` helper turns into a timestamp.
   */
  tryStrptime(expression: string, formats: string[]): string {
    const text = `cast(${expression} as text)`;
    const helper = `${this.quoteIdentifier(this.helperSchema)}.strptime_parts`;
    const parts = formats.map((format) => {
      const { regex, spec } = translateStrptime(format);
      return `${helper}(regexp_match(${text}, ${this.quoteString(regex)}, 'i'), ${this.quoteString(spec)})`;
    });
    const value = parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
    return formats.some((f) => f.includes('%z')) ? `(${value} at time zone 'UTC')` : value;
  }
  hash(expression: string): string {
    return `md5(cast(${expression} as text))`;
  }
  concat(expressions: string[]): string {
    // `||` needs a text operand on one side; casting each keeps numbers and dates working.
    return `(${expressions.map((e) => `cast(${e} as text)`).join(' || ')})`;
  }
  regexpMatches(value: string, pattern: string): string {
    return `(${value} ~ ${pattern})`;
  }
  /** zod's JavaScript patterns as Postgres AREs (core's translator, which rejects what AREs lack). */
  translateRegex(source: string, flags: string): string {
    return translateJsRegex(source, flags, 'postgres');
  }
  castToString(expression: string): string {
    return `cast(${expression} as text)`;
  }
}
