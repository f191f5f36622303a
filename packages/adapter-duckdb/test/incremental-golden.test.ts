import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, IncrementalOptions, SnapshotOptions } from '@strata/core';
import { DuckDbAdapter } from '../src/index.js';

/** Records the statements a materialization runs, temporary-name suffixes made stable. */
function recording(connection: Connection): { connection: Connection; statements: string[] } {
  const statements: string[] = [];
  const stable = (sql: string) => sql.replace(/__strata_tmp_(\w+?)_[a-z0-9]+"/g, '__strata_tmp_$1_SUFFIX"');
  const wrapped: Connection = {
    execute: (sql) => (statements.push(stable(sql)), connection.execute(sql)),
    query: (sql) => connection.query(sql),
    transaction: async (list) => (statements.push('BEGIN', ...list.map(stable), 'COMMIT'), connection.transaction(list)),
    cancel: () => connection.cancel(),
    close: () => connection.close(),
  };
  return { connection: wrapped, statements };
}

/** Compares with `golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead. */
function expectGolden(name: string, statements: string[]): void {
  const file = join(import.meta.dirname, 'golden', name);
  const text = statements.join('\n---\n') + '\n';
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const relation = { schema: 'marts', name: 'orders' };
const base: IncrementalOptions = { strategy: 'merge', uniqueKey: ['order_id'], onSchemaChange: 'ignore', fullRefresh: false };
const snapshotBase: SnapshotOptions = {
  strategy: 'timestamp',
  uniqueKey: ['id'],
  updatedAt: 'updated_at',
  invalidateHardDeletes: true,
  snapshotTime: new Date('2024-02-01T00:00:00Z'),
  columnNames: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', scdId: 'strata_scd_id' },
};

describe('incremental and snapshot SQL on DuckDB (golden)', () => {
  let adapter: DuckDbAdapter;
  let raw: Connection;
  const record = async (run: (m: ReturnType<DuckDbAdapter['createMaterializer']>) => Promise<unknown>) => {
    const { connection, statements } = recording(raw);
    await run(adapter.createMaterializer(connection));
    // Catalog reads go through query() and are not recorded: only statements that change things.
    return statements;
  };
  beforeAll(async () => {
    adapter = await DuckDbAdapter.open({ path: ':memory:' });
    raw = await adapter.connect();
    await raw.execute('create schema marts');
  });
  afterAll(() => adapter.close());

  it('merge on one key: new rows staged, then one MERGE in a transaction', async () => {
    await adapter.createMaterializer(raw).incremental(relation, 'select 1 as order_id, 10 as amount', { ...base, fullRefresh: true });
    expectGolden('incremental-merge.sql', await record((m) => m.incremental(relation, 'select 2 as order_id, 20 as amount', base)));
  });

  it('delete+insert on two keys, with append_new_columns', async () => {
    const daily = { schema: 'marts', name: 'daily' };
    await adapter.createMaterializer(raw).table(daily, "select 1 as customer_id, date '2024-01-01' as day, 5 as n");
    const statements = await record((m) => m.incremental(daily, "select 1 as customer_id, date '2024-01-01' as day, 6 as n, 'x' as note", { ...base, strategy: 'delete+insert', uniqueKey: ['customer_id', 'day'], onSchemaChange: 'append_new_columns' }));
    expectGolden('incremental-delete-insert.sql', statements);
    expect(await raw.query('select customer_id, n, note from marts.daily')).toEqual([{ customer_id: 1, n: 6, note: 'x' }]);
  });

  it('snapshot, timestamp strategy with hard deletes invalidated', async () => {
    const snap = { schema: 'marts', name: 'customers_snapshot' };
    await adapter.createMaterializer(raw).snapshot(snap, "select 1 as id, 'a' as tier, timestamp '2024-01-01' as updated_at", snapshotBase);
    expectGolden('snapshot-timestamp.sql', await record((m) => m.snapshot(snap, "select 1 as id, 'b' as tier, timestamp '2024-01-02' as updated_at", snapshotBase)));
  });

  it('snapshot, check strategy', async () => {
    const snap = { schema: 'marts', name: 'customers_check' };
    const options: SnapshotOptions = { ...snapshotBase, strategy: 'check', updatedAt: undefined, checkCols: ['tier'], invalidateHardDeletes: false };
    await adapter.createMaterializer(raw).snapshot(snap, "select 1 as id, 'a' as tier", options);
    expectGolden('snapshot-check.sql', await record((m) => m.snapshot(snap, "select 1 as id, 'b' as tier", options)));
  });
});
