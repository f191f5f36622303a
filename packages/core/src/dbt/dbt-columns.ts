import { closeSync, openSync, readSync } from 'node:fs';
import type { LogicalType } from '../adapter/dialect.js';
import type { ColumnSpec } from '../parse/manifest.js';
import { columnsOf, testsOf } from './dbt-properties.js';

/** A SQL type name (`varchar(20)`, `bigint`, `decimal(10,2)`) as Strata's logical type, when it has one. */
export function logicalType(sqlType: unknown): LogicalType | undefined {
  if (typeof sqlType !== 'string') return undefined;
  const t = sqlType.toLowerCase().trim();
  if (/^(varchar|text|string|char|character|character varying|bpchar|uuid)\b/.test(t)) return 'string';
  if (/^(bigint|int8|int64|hugeint|long)\b/.test(t)) return 'bigint';
  if (/^(int|integer|int4|smallint|int2|tinyint)\b/.test(t)) return 'integer';
  if (/^(double|float|float4|float8|float64|real|double precision)\b/.test(t)) return 'float';
  if (/^(decimal|numeric|number|bignumeric)\b/.test(t)) return 'numeric';
  if (/^(bool|boolean)\b/.test(t)) return 'boolean';
  if (/^(timestamp|datetime|timestamptz)/.test(t)) return 'timestamp';
  if (/^date\b/.test(t)) return 'date';
  return undefined;
}

/** The columns a properties entry documents (name, description, `data_type`). */
export function columnSpecs(data: Record<string, unknown> | undefined): ColumnSpec[] {
  return columnsOf(data).map((c) => ({
    name: c.name,
    description: typeof c.description === 'string' ? c.description : undefined,
    type: logicalType(c.data_type),
    nullable: !testsOf(c).some((t) => t === 'not_null' || (t && typeof t === 'object' && 'not_null' in t)),
  }));
}

/** The header of a CSV file (first line, quotes honoured), read without loading the file. */
export function csvHeader(file: string, delimiter: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
    const fields: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') (current += '"'), i++;
        else if (c === '"') quoted = false;
        else current += c;
      } else if (c === '"') quoted = true;
      else if (c === delimiter) fields.push(current), (current = '');
      else if (c === '\n' || c === '\r') break;
      else current += c;
    }
    if (current !== '' || fields.length > 0) fields.push(current);
    return fields.map((f) => f.trim());
  } finally {
    closeSync(fd);
  }
}
