import pg from 'pg';

/** Type OIDs whose text form we parse ourselves. */
const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114 } as const;

/** `bigint` as a number when it is exact, else as a string (as DuckDB's adapter returns it). */
function parseBigint(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** `numeric` as a number: `sum()` and `avg()` of integers are numeric on Postgres, double on DuckDB. */
function parseNumeric(text: string): number {
  return Number(text);
}

/** A `date` as midnight UTC (pg's default is local midnight, which shifts with the machine's zone). */
function parseDate(text: string): Date | string {
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? text : date;
}

/** A `timestamp` (without time zone) read as UTC, like DuckDB's naive timestamps. */
function parseTimestamp(text: string): Date | string {
  const date = new Date(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? text : date;
}

const PARSERS: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseBigint,
  [OID.numeric]: parseNumeric,
  [OID.date]: parseDate,
  [OID.timestamp]: parseTimestamp,
};

/**
 * Per-pool type parsers (never the process-wide `pg.types`): query results are plain JS values —
 * numbers, strings, booleans, `Date` for dates and timestamps, null — the same as DuckDB gives.
 * @example new pg.Pool({ types: strataTypes })
 */
export const strataTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if ((format ?? 'text') === 'text' && PARSERS[oid]) return PARSERS[oid];
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};
