import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import type { RelationRef, SeedColumn } from '@strata/core';
import type { PostgresConnection } from './postgres-connection.js';
import type { PostgresDialect } from './postgres-dialect.js';

/**
 * Streams a CSV file into an existing table with `COPY … FROM STDIN` (the file goes to the server
 * in chunks, never whole through Node). Resolves to the rows loaded; rejects with the server's
 * error, whose `where` names the file line (`COPY t, line 3: …`).
 */
export async function copyCsv(connection: PostgresConnection, dialect: PostgresDialect, table: RelationRef, columns: string[], file: string, delimiter: string): Promise<number> {
  const list = columns.map((c) => dialect.quoteIdentifier(c)).join(', ');
  const options = `FORMAT csv, HEADER true, DELIMITER ${dialect.quoteString(delimiter)}, ENCODING 'UTF8'`;
  const stream = connection.client.query(copyStreams.from(`COPY ${dialect.renderRelation(table)} (${list}) FROM STDIN WITH (${options})`));
  await pipeline(createReadStream(file), stream);
  return stream.rowCount;
}

const INTEGER = String.raw`^[+-]?(0|[1-9][0-9]*)$`;
const DECIMAL = String.raw`^[+-]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`;
const DATE = String.raw`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`;
const TIMESTAMP = String.raw`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$`;
const TIMESTAMPTZ = String.raw`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$`;

/**
 * Types of the columns a seed does not declare, inferred the way DuckDB's CSV sniffer does so the
 * same seed gets the same types on both engines: all-empty → text; `true/false/t/f` → boolean;
 * integers without leading zeros that fit → bigint; other numbers → double precision; ISO dates →
 * date; ISO timestamps → timestamp (with an offset: timestamptz); anything else → text. A
 * candidate counts only when every non-empty value converts (checked with `safe_cast`), in one
 * scan of the loaded text.
 */
export async function inferColumnTypes(connection: PostgresConnection, dialect: PostgresDialect, table: RelationRef, columns: string[]): Promise<string[]> {
  if (columns.length === 0) return [];
  const cast = (c: string, type: string) => dialect.safeCast(c, type);
  const selects = columns.flatMap((name, i) => {
    const c = dialect.quoteIdentifier(name);
    const where = (pattern: string, type: string) => `count(${cast(c, type)}) FILTER (WHERE ${c} ~ '${pattern}')`;
    return [
      `count(${c}) AS n${i}`,
      `count(*) FILTER (WHERE lower(${c}) IN ('true', 'false', 't', 'f')) AS b${i}`,
      `${where(INTEGER, 'bigint')} AS i${i}`,
      `${where(DECIMAL, 'double precision')} AS f${i}`,
      `${where(DATE, 'date')} AS d${i}`,
      `${where(TIMESTAMP, 'timestamp')} AS t${i}`,
      `${where(TIMESTAMPTZ, 'timestamptz')} AS z${i}`,
    ];
  });
  const [row] = await connection.query<Record<string, number>>(`SELECT ${selects.join(',\n  ')}\nFROM ${dialect.renderRelation(table)}`);
  return columns.map((_, i) => {
    const n = Number(row![`n${i}`]);
    const all = (key: string) => Number(row![`${key}${i}`]) === n;
    if (n === 0) return 'text';
    if (all('b')) return 'boolean';
    if (all('i')) return 'bigint';
    if (all('f')) return 'double precision';
    if (all('d')) return 'date';
    if (all('t')) return 'timestamp';
    if (all('z')) return 'timestamptz';
    return 'text';
  });
}

/** `CREATE TABLE` of a seed's columns: declared types where given, text for the rest. */
export function createSeedTable(dialect: PostgresDialect, table: RelationRef, header: string[], declared: SeedColumn[] | undefined): string {
  const types = new Map((declared ?? []).map((c) => [c.name, c.type]));
  const columns = header.map((name) => `${dialect.quoteIdentifier(name)} ${types.get(name) ?? 'text'}`);
  return `CREATE TABLE ${dialect.renderRelation(table)} (${columns.join(', ')})`;
}
