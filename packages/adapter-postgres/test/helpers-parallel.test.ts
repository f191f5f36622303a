import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@strata/core';
import type { PostgresAdapter } from '../src/index.js';
import { openPg } from './pg-env.js';

/**
 * The helpers that turn errors into NULL open a subtransaction per call, which Postgres forbids
 * inside a parallel query. Forcing parallel plans (as large tables get anyway) must not break
 * a query that calls them.
 */
describe('helper functions in queries Postgres would run in parallel', () => {
  let adapter: PostgresAdapter;
  let connection: Connection;

  beforeAll(async () => {
    adapter = await openPg();
    connection = await adapter.connect();
    // `force_parallel_mode` until Postgres 15, `debug_parallel_query` from 16.
    await connection.query("select set_config(name, 'on', false) from pg_settings where name in ('force_parallel_mode', 'debug_parallel_query')");
  });
  afterAll(async () => {
    await connection.query("select set_config(name, 'off', false) from pg_settings where name in ('force_parallel_mode', 'debug_parallel_query')");
    await connection.close();
    await adapter.close();
  });

  it('casts with safe_cast, bad values becoming NULL', async () => {
    const d = adapter.dialect;
    const value = "case when i % 2 = 0 then '2024-02-' || (i % 40 + 1) else 'not a date' end";
    const [row] = await connection.query(`select count(*) as n, count(${d.safeCast(value, 'date')}) as dates from generate_series(1, 1000) as s(i)`);
    // Even i give the odd days 1–39 of February, 25 times each; 2024 has 15 of them (1–29).
    expect(row).toEqual({ n: 1000, dates: 375 });
  });

  it('parses with strptime_parts', async () => {
    const [row] = await connection.query(`select count(${adapter.dialect.tryStrptime!("'2024-02-' || (i % 40 + 1)", ['%Y-%m-%d'])}) as parsed from generate_series(1, 1000) as s(i)`);
    // Days 1–40 of February, 25 times each; 29 exist in 2024.
    expect(row).toEqual({ parsed: 725 });
  });
});
