import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelationRef } from '@strata/core';
import type { PostgresAdapter, PostgresConnection } from '../src/index.js';
import { openPg, uniqueSchema } from './pg-env.js';

// Statistics on what Strata builds: without them the planner guesses the size of a fresh table
// and the models that read it get nested-loop plans that grow with the square of the rows.
const schema = uniqueSchema('strata_analyze');
const rel = (name: string): RelationRef => ({ schema, name });
const ROWS = 1500;
const dir = mkdtempSync(join(tmpdir(), 'strata-pg-analyze-'));
const seedFile = join(dir, 'orders.csv');
writeFileSync(seedFile, `id,customer,amount\n${Array.from({ length: ROWS }, (_, i) => `${i + 1},c${i % 37},${(i % 100) + 0.5}`).join('\n')}\n`);

describe('ANALYZE after builds', () => {
  let adapter: PostgresAdapter;
  let connection: PostgresConnection;
  const q = (name: string) => adapter.dialect.renderRelation(rel(name));

  /** `reltuples` of a relation: -1 until it is analyzed (or vacuumed), then its row count. */
  const reltuples = async (name: string) => Number((await connection.query<{ n: number }>(`select reltuples as n from pg_class where oid = '${q(name)}'::regclass`))[0]!.n);
  /** Columns `pg_stats` has statistics for. */
  const statsColumns = async (name: string) =>
    (await connection.query<{ attname: string }>(`select attname from pg_stats where schemaname = '${schema}' and tablename = '${name}' order by attname`)).map((r) => r.attname);
  /** The planner's row estimate for `select * from <relation>`. */
  const planRows = async (name: string) => {
    const [row] = await connection.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`explain (format json) select * from ${q(name)}`);
    return row!['QUERY PLAN'][0]!.Plan['Plan Rows'];
  };

  beforeAll(async () => {
    adapter = await openPg();
    connection = (await adapter.connect()) as PostgresConnection;
    await adapter.createMaterializer(connection).ensureSchema(schema);
  });
  afterAll(async () => {
    await connection.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await adapter.close();
  });

  it('gives a loaded seed statistics, so a view over it is estimated at its real size', async () => {
    const materializer = adapter.createMaterializer(connection);
    expect((await materializer.seed(rel('orders'), seedFile, {})).rowsAffected).toBe(ROWS);
    await materializer.view(rel('orders_view'), `select * from ${q('orders')} where amount >= 0`);
    expect(await reltuples('orders')).toBe(ROWS);
    expect(await statsColumns('orders')).toEqual(['amount', 'customer', 'id']);
    expect(await planRows('orders_view')).toBe(ROWS);
  });

  it('gives a built table statistics, kept through the swap and on a rebuild', async () => {
    const materializer = adapter.createMaterializer(connection);
    const sql = `select customer, count(*) as orders, sum(amount) as amount from ${q('orders')} group by customer`;
    await materializer.table(rel('customers'), sql);
    expect(await reltuples('customers')).toBe(37);
    expect(await statsColumns('customers')).toEqual(['amount', 'customer', 'orders']);
    await materializer.table(rel('customers'), `${sql} having count(*) > 40`);
    expect(await reltuples('customers')).toBe(20);
    expect(await planRows('customers')).toBe(20);
  });

  it('gives the first build of an incremental model and of a snapshot statistics', async () => {
    const materializer = adapter.createMaterializer(connection);
    await materializer.incremental(rel('orders_inc'), `select * from ${q('orders')}`, { strategy: 'merge', uniqueKey: ['id'], onSchemaChange: 'ignore', fullRefresh: false });
    expect(await reltuples('orders_inc')).toBe(ROWS);
    await materializer.snapshot(rel('orders_snap'), `select * from ${q('orders')}`, {
      strategy: 'check',
      uniqueKey: ['id'],
      checkCols: 'all',
      invalidateHardDeletes: false,
      snapshotTime: new Date('2024-01-01T00:00:00Z'),
      columnNames: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', scdId: 'strata_scd_id' },
    });
    expect(await reltuples('orders_snap')).toBe(ROWS);
  });

  it('leaves statistics to autovacuum when the target says analyze: false', async () => {
    const off = await openPg({ analyze: false });
    try {
      const other = await off.connect();
      await off.createMaterializer(other).seed(rel('orders_unanalyzed'), seedFile, {});
      await off.createMaterializer(other).table(rel('customers_unanalyzed'), `select distinct customer from ${q('orders')}`);
      await other.close();
    } finally {
      await off.close();
    }
    expect(await reltuples('orders_unanalyzed')).toBe(-1);
    expect(await reltuples('customers_unanalyzed')).toBe(-1);
    expect(await statsColumns('orders_unanalyzed')).toEqual([]);
  });
});
