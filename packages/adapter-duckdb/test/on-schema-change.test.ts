import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { csv, Warehouse, writeFiles, writeProject } from './support/warehouse.js';

const MODES = ['ignore', 'fail', 'append_new_columns', 'sync_all_columns'] as const;
const NEW_ONLY = '{% if is_incremental() %} where id > (select max(id) from {{ this }}) {% endif %}';
const v1 = (mode: string) => `{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}') }}\nselect id, name, amount from {{ source('raw', 'orders') }}\n${NEW_ONLY}`;
// v2 drops `name`, adds `category`, and turns `amount` from BIGINT into DOUBLE.
const v2 = (mode: string) => `{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}') }}\nselect id, cast(amount as double) as amount, upper(name) as category from {{ source('raw', 'orders') }}\n${NEW_ONLY}`;
const files = (version: (mode: string) => string) => Object.fromEntries(MODES.map((m) => [`models/marts/osc_${m}.sql`, version(m)]));

describe('on_schema_change', () => {
  const w = new Warehouse();
  let second: RunSummary;
  beforeAll(async () => {
    const root = writeProject({ 'seeds/orders.csv': csv('id,name,amount', [[1, 'a', 10], [2, 'b', 20]]), ...files(v1) });
    await w.ok(root);
    writeFiles(root, { 'seeds/orders.csv': csv('id,name,amount', [[1, 'a', 10], [2, 'b', 20], [3, 'c', 30]]), ...files(v2) });
    second = await w.run(root);
  });
  afterAll(() => w.dispose());

  it("ignore: keeps the table's columns and writes the shared ones", async () => {
    expect(await w.columns('shop_marts.osc_ignore')).toEqual(['id BIGINT', 'name VARCHAR', 'amount BIGINT']);
    expect(await w.query('select * from shop_marts.osc_ignore order by id')).toEqual([
      { id: 1, name: 'a', amount: 10 },
      { id: 2, name: 'b', amount: 20 },
      { id: 3, name: null, amount: 30 },
    ]);
  });

  it('fail: stops with a message listing every difference and leaves the table as it was', async () => {
    const result = second.results.find((r) => r.name === 'osc_fail')!;
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('E_SCHEMA_CHANGE');
    expect(result.message).toContain("the columns of incremental model osc_fail changed (new columns category VARCHAR; removed columns name; changed types amount BIGINT -> DOUBLE) and on_schema_change is 'fail'");
    expect(await w.columns('shop_marts.osc_fail')).toEqual(['id BIGINT', 'name VARCHAR', 'amount BIGINT']);
    expect(await w.query('select * from shop_marts.osc_fail order by id')).toEqual([
      { id: 1, name: 'a', amount: 10 },
      { id: 2, name: 'b', amount: 20 },
    ]);
  });

  it('append_new_columns: adds new columns, keeps removed ones (NULL from now on)', async () => {
    expect(await w.columns('shop_marts.osc_append_new_columns')).toEqual(['id BIGINT', 'name VARCHAR', 'amount BIGINT', 'category VARCHAR']);
    expect(await w.query('select * from shop_marts.osc_append_new_columns order by id')).toEqual([
      { id: 1, name: 'a', amount: 10, category: null },
      { id: 2, name: 'b', amount: 20, category: null },
      { id: 3, name: null, amount: 30, category: 'C' },
    ]);
  });

  it('sync_all_columns: adds, drops and retypes so the table matches the query', async () => {
    expect(await w.columns('shop_marts.osc_sync_all_columns')).toEqual(['id BIGINT', 'amount DOUBLE', 'category VARCHAR']);
    expect(await w.query('select * from shop_marts.osc_sync_all_columns order by id')).toEqual([
      { id: 1, amount: 10, category: null },
      { id: 2, amount: 20, category: null },
      { id: 3, amount: 30, category: 'C' },
    ]);
    expect(second.results.find((r) => r.name === 'osc_sync_all_columns')!.message).toBe('incremental merge (+1 columns, -1 columns, 1 retyped)');
  });
});
