/** A column of a BigQuery result or table (`TableFieldSchema`). */
export interface BigQueryField {
  name: string;
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  fields?: BigQueryField[];
}

/** One row as the REST API sends it: `{ f: [{ v: '1' }, { v: null }] }`. */
export interface BigQueryRestRow {
  f: Array<{ v: unknown }>;
}

/** Legacy type names the API still returns, mapped to the GoogleSQL names users write. */
const CANONICAL: Record<string, string> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', RECORD: 'STRUCT' };

/** `INTEGER` → `INT64`, `FLOAT` → `FLOAT64`, … (what the introspector reports and contracts compare). */
export function canonicalType(type: string): string {
  const upper = type.toUpperCase();
  return CANONICAL[upper] ?? upper;
}

/** A TIMESTAMP cell: int64 microseconds (`formatOptions.useInt64Timestamp`) or float seconds. */
function timestamp(value: string): Date {
  if (/^-?\d+$/.test(value) && value.replace('-', '').length > 11) return new Date(Number(BigInt(value) / 1000n));
  return new Date(Math.round(Number.parseFloat(value) * 1000));
}

/** DATE and DATETIME cells have no zone; Strata reads them as UTC, like the other adapters. */
function civil(value: string): Date {
  return new Date(value.includes('T') || value.includes(' ') ? `${value.replace(' ', 'T')}Z` : `${value}T00:00:00Z`);
}

function scalar(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const text = String(value);
  switch (canonicalType(type)) {
    case 'INT64': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return Number(text);
    case 'BOOL':
      return text === 'true';
    case 'TIMESTAMP':
      return timestamp(text);
    case 'DATE':
    case 'DATETIME':
      return civil(text);
    default:
      return text;
  }
}

function cell(field: BigQueryField, value: unknown): unknown {
  if (field.mode === 'REPEATED') {
    return Array.isArray(value) ? value.map((item) => cell({ ...field, mode: 'NULLABLE' }, (item as { v: unknown }).v)) : [];
  }
  if (canonicalType(field.type) === 'STRUCT') {
    if (value === null || value === undefined) return null;
    return toPlainRow(field.fields ?? [], value as BigQueryRestRow);
  }
  return scalar(field.type, value);
}

/**
 * Turns a REST row into a plain object: INT64 → number (a string beyond 2^53), FLOAT64/NUMERIC
 * → number, BOOL → boolean, TIMESTAMP/DATE/DATETIME → Date (UTC), arrays and structs nested.
 *
 * @example toPlainRow([{ name: 'n', type: 'INTEGER' }], { f: [{ v: '3' }] }) // { n: 3 }
 */
export function toPlainRow(fields: BigQueryField[], row: BigQueryRestRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    out[field.name] = cell(field, row.f[i]?.v);
  });
  return out;
}
