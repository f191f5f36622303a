import { afterEach, describe, expect, it } from 'vitest';
import { csv, projectConfig, Warehouse, writeProject } from './support/warehouse.js';

const HOOKS = `
  onRunStart: ['create schema if not exists shop_ops', 'create table if not exists shop_ops.audit (event varchar, relation varchar, n bigint)'],
  onRunEnd: "insert into shop_ops.audit {% for r in results %}select 'end:{{ r.status }}', '{{ r.node.name }}', {{ r.rows_affected if r.rows_affected != null else 'null' }}{% if not loop.last %} union all {% endif %}{% endfor %}",
`;

const FILES = {
  'strata.config.ts': projectConfig(HOOKS).replace(
    "marts: { materialized: 'table', schema: 'marts' }",
    "marts: { materialized: 'table', schema: 'marts', pre_hook: \"insert into shop_ops.audit select 'pre', '{{ this }}', null\" }",
  ),
  'seeds/orders.csv': csv('order_id,amount', [[1, 10], [2, 20], [3, 30]]),
  'models/marts/big_orders.sql': "{{ config(post_hook=[\"insert into shop_ops.audit select 'post', '{{ this }}', count(*) from {{ this }}\"]) }}\nselect * from {{ source('raw', 'orders') }} where amount >= 20",
};

const audit = (w: Warehouse) => w.query('select event, relation, n from shop_ops.audit order by event, relation');

describe('hooks', () => {
  const warehouses: Warehouse[] = [];
  afterEach(() => warehouses.splice(0).forEach((w) => w.dispose()));

  it('runs on-run-start, folder pre-hooks, model post-hooks (seeing the built table) and on-run-end with the results', async () => {
    const w = new Warehouse();
    warehouses.push(w);
    const summary = await w.ok(writeProject(FILES));
    expect(summary.results.filter((r) => r.resourceType === 'operation').map((r) => [r.name, r.status])).toEqual([
      ['shop-on-run-start-0', 'success'],
      ['shop-on-run-start-1', 'success'],
      ['shop-on-run-end-0', 'success'],
    ]);
    expect(await audit(w)).toEqual([
      { event: 'end:success', relation: 'big_orders', n: 2 },
      { event: 'end:success', relation: 'orders', n: 3 },
      { event: 'end:success', relation: 'shop-on-run-start-0', n: null },
      { event: 'end:success', relation: 'shop-on-run-start-1', n: null },
      { event: 'post', relation: '"shop_marts"."big_orders"', n: 2 },
      { event: 'pre', relation: '"shop_marts"."big_orders"', n: null },
    ]);
  });

  it('a failing on-run-start stops the run before any node; a failing pre-hook fails its model only', async () => {
    const w = new Warehouse();
    warehouses.push(w);
    const broken = writeProject({ ...FILES, 'strata.config.ts': projectConfig("onRunStart: 'select * from no_such_table'") });
    const stopped = await w.run(broken);
    expect(stopped.success).toBe(false);
    expect(stopped.results.map((r) => [r.name, r.status])).toEqual([['shop-on-run-start-0', 'error']]);
    expect(stopped.results[0]!.message).toContain('no_such_table');
    expect(await w.query("select count(*) as n from information_schema.tables where table_schema in ('shop_raw', 'shop_marts')")).toEqual([{ n: 0 }]);

    const badHook = writeProject({ ...FILES, 'strata.config.ts': projectConfig(), 'models/marts/big_orders.sql': "{{ config(pre_hook='insert into nowhere values (1)') }}\nselect 1 as x", 'models/marts/other.sql': 'select 2 as y' });
    const run = await w.run(badHook);
    expect(run.results.find((r) => r.name === 'big_orders')!.status).toBe('error');
    expect(run.results.find((r) => r.name === 'other')!.status).toBe('success');
    expect(await w.query("select count(*) as n from information_schema.tables where table_name = 'big_orders'")).toEqual([{ n: 0 }]);
  });
});
