import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '@strata/core';
import type { PostgresAdapter, PostgresConnection } from '../src/index.js';
import { openPg } from './pg-env.js';

describe('Postgres connections', () => {
  let adapter: PostgresAdapter;
  let connection: PostgresConnection;
  beforeAll(async () => {
    adapter = await openPg();
    connection = (await adapter.connect()) as PostgresConnection;
  });
  afterAll(() => adapter.close());

  it('returns plain JS values, as the DuckDB adapter does', async () => {
    const [row] = await connection.query(`select
      cast(42 as bigint) as big, 9007199254740993::bigint as huge, count(*) as n, sum(x) as total, avg(x) as mean,
      cast(1.25 as numeric(10, 2)) as money, 0.5::double precision as ratio, true as flag, null::text as nothing,
      date '2024-02-29' as day, timestamp '2024-02-29 23:59:58.5' as at, timestamptz '2024-03-01 10:00:00+02' as instant
      from (values (1), (2)) as v(x)`);
    expect(row).toEqual({
      big: 42,
      huge: '9007199254740993',
      n: 2,
      total: 3,
      mean: 1.5,
      money: 1.25,
      ratio: 0.5,
      flag: true,
      nothing: null,
      day: new Date('2024-02-29T00:00:00Z'),
      at: new Date('2024-02-29T23:59:58.500Z'),
      instant: new Date('2024-03-01T08:00:00Z'),
    });
  });

  it('sets every session up alike: helper schema first, UTC, ISO dates', async () => {
    const [row] = await connection.query<Record<string, string>>("select current_setting('search_path') as path, current_setting('TimeZone') as tz, current_setting('DateStyle') as style, current_setting('application_name') as app");
    expect(row).toEqual({ path: 'strata,pg_catalog,"$user",public', tz: 'UTC', style: 'ISO, YMD', app: 'strata' });
  });

  it("starts every session with the target's sessionSettings, values with blanks included", async () => {
    const tuned = await openPg({ sessionSettings: { enable_nestloop: false, work_mem: '64MB', 'strata.run_note': 'nightly build' } });
    try {
      const [row] = await (await tuned.connect()).query<Record<string, string>>("select current_setting('enable_nestloop') as nestloop, current_setting('work_mem') as mem, current_setting('strata.run_note') as note, current_setting('TimeZone') as tz");
      expect(row).toEqual({ nestloop: 'off', mem: '64MB', note: 'nightly build', tz: 'UTC' });
    } finally {
      await tuned.close();
    }
  });

  it("turns a failing statement into an AdapterError with Postgres's message, hint and the SQL", async () => {
    const error = await connection.query('select nme from (select 1 as name) as t').then(() => undefined, (e: unknown) => e as AdapterError);
    expect(error).toBeInstanceOf(AdapterError);
    expect([error!.code, error!.message, error!.hint, error!.sql]).toEqual([
      'E_WAREHOUSE',
      'column "nme" does not exist',
      'Perhaps you meant to reference the column "t.name".',
      'select nme from (select 1 as name) as t',
    ]);
    // The session is usable after the error.
    expect(await connection.query('select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('cancels a running statement from another session', async () => {
    const started = Date.now();
    const running = connection.query('select pg_sleep(20)').then(() => undefined, (e: unknown) => e as AdapterError);
    await new Promise((r) => setTimeout(r, 300));
    await connection.cancel();
    const error = await running;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error!.message).toBe('canceling statement due to user request');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('returns each statement result of a transaction, and rolls all back on failure', async () => {
    await connection.execute('create temporary table tx_probe (id int)');
    const results = await connection.transaction(['insert into tx_probe values (1), (2)', 'delete from tx_probe where id = 1']);
    expect(results).toEqual([{ rowsAffected: 2 }, { rowsAffected: 1 }]);
    await expect(connection.transaction(['insert into tx_probe values (3)', 'select * from no_such_table'])).rejects.toThrow('relation "no_such_table" does not exist');
    expect(await connection.query('select id from tx_probe')).toEqual([{ id: 2 }]);
  });

  it('knows the server it talks to', () => {
    expect(adapter.serverVersion).toBeGreaterThanOrEqual(150000);
    expect(adapter.capabilities).toEqual({ supportsTransactionalDdl: true, supportsCreateOrReplaceTable: false, supportsMerge: true, supportsConcurrentWrites: true });
  });

  it('says so when more threads ask for sessions than the pool holds', async () => {
    const small = await openPg({ poolSize: 1, connectTimeout: 0.5 });
    try {
      const held = await small.connect();
      expect(small.poolSize).toBe(1);
      const error = await small.connect().then(() => undefined, (e: unknown) => e as AdapterError);
      expect([error!.code, error!.message, error!.hint]).toEqual(['E_POOL_EXHAUSTED', 'all 1 pooled connections to PostgreSQL are in use', "use fewer --threads, or raise the target's poolSize"]);
      await held.close();
      const again = await small.connect();
      await again.close();
    } finally {
      await small.close();
    }
  });
});
