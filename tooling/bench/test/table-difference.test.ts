import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import type { Connection } from '@strata/core';
import { isSame, tableDifference } from '../src/index.js';

describe('comparing an incremental table with its full refresh', () => {
  let adapter: DuckDbAdapter;
  let connection: Connection;
  beforeAll(async () => {
    adapter = await DuckDbAdapter.open({ path: ':memory:' });
    connection = await adapter.connect();
    await connection.execute("create table full_refresh as select * from (values (1, 'a'), (2, 'b'), (2, 'b')) t(id, v)");
    await connection.execute("create table same_rows_other_order as select * from (values (2, 'b'), (1, 'a'), (2, 'b')) t(id, v)");
    await connection.execute("create table one_duplicate_lost as select * from (values (1, 'a'), (2, 'b')) t(id, v)");
    await connection.execute("create table one_row_changed as select * from (values (1, 'a'), (2, 'b'), (2, 'c')) t(id, v)");
  });
  afterAll(() => adapter.close());

  it('finds the same rows in any order equal', async () => {
    const difference = await tableDifference(connection, 'same_rows_other_order', 'full_refresh');
    expect(difference).toEqual({ rowsA: 3, rowsB: 3, onlyInA: 0, onlyInB: 0 });
    expect(isSame(difference)).toBe(true);
  });

  it('counts a lost duplicate (EXCEPT ALL, not EXCEPT)', async () => {
    const difference = await tableDifference(connection, 'one_duplicate_lost', 'full_refresh');
    expect(difference).toEqual({ rowsA: 2, rowsB: 3, onlyInA: 0, onlyInB: 1 });
    expect(isSame(difference)).toBe(false);
  });

  it('counts a changed row on both sides', async () => {
    const difference = await tableDifference(connection, 'one_row_changed', 'full_refresh');
    expect(difference).toEqual({ rowsA: 3, rowsB: 3, onlyInA: 1, onlyInB: 1 });
    expect(isSame(difference)).toBe(false);
  });
});
