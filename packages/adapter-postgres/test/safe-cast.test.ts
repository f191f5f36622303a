import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@strata/core';
import { safeCastSql, type PostgresAdapter } from '../src/index.js';
import { openPg } from './pg-env.js';

/** safe_cast to a numeric with a precision: a value that does not fit is NULL, as on DuckDB. */
describe('safe_cast to numeric(p, s)', () => {
  let adapter: PostgresAdapter;
  let connection: Connection;

  beforeAll(async () => {
    adapter = await openPg();
    connection = await adapter.connect();
  });
  afterAll(async () => {
    await connection.close();
    await adapter.close();
  });

  const cases: Array<[string, string, string | null]> = [
    ['12.345', 'numeric(5, 2)', '12.35'],
    ['-12.345', 'numeric(5, 2)', '-12.35'],
    ['999.994', 'numeric(5, 2)', '999.99'],
    // Rounds to 1000.00, which needs 4 integer digits: NULL, not "numeric field overflow".
    ['999.995', 'numeric(5, 2)', null],
    ['99999', 'numeric(5, 2)', null],
    [' 7 ', 'numeric(5, 2)', '7.00'],
    ['abc', 'numeric(5, 2)', null],
    ['nan', 'numeric(5, 2)', null],
    ['1e400', 'numeric(38, 9)', null],
    ['12345678901234567890123456789', 'numeric(38, 9)', '12345678901234567890123456789.000000000'],
    ['123456789012345678901234567890', 'numeric(38, 9)', null],
    ['1.5e3', 'numeric(38, 9)', '1500.000000000'],
    ['42', 'decimal(4)', '42'],
    ['12345', 'decimal(4)', null],
  ];

  it('rounds to the scale and gives NULL for values too large for the precision', async () => {
    const select = cases.map(([text, type], i) => `cast(${safeCastSql(adapter.dialect.quoteString(text), type, '"strata"')} as text) as c${i}`).join(', ');
    const [row] = await connection.query<Record<string, string | null>>(`select ${select}`);
    expect(cases.map((_, i) => row![`c${i}`])).toEqual(cases.map(([, , expected]) => expected));
  });

  it('casts a column of them in one query without failing', async () => {
    const [row] = await connection.query(
      `select count(*) as n, count(${safeCastSql('v', 'numeric(5, 2)', '"strata"')}) as cast from unnest(array['1', '1e9', 'x', '999.99', '-1000']) as s(v)`,
    );
    expect(row).toEqual({ n: 2 + 3, cast: 2 });
  });

  it('leaves other types to the helper as before', () => {
    expect(safeCastSql('x', 'integer', '"strata"')).toBe('cast("strata".safe_cast(x, cast(null as integer)) as integer)');
    expect(safeCastSql('x', 'numeric(38, 9)', '"h"')).toBe('cast("h".safe_cast_numeric(x, 38, 9) as numeric(38, 9))');
  });
});
