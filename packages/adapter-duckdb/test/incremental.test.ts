import { afterEach, describe, expect, it } from 'vitest';
import { csv, Warehouse, writeFiles, writeProject } from './support/warehouse.js';

const HEADER = 'order_id,customer_id,status,amount,ordered_at,updated_at';
const V1 = [
  [1, 10, 'placed', 100, '2024-01-01 09:00:00', '2024-01-01 09:00:00'],
  [2, 11, 'placed', 50, '2024-01-01 10:00:00', '2024-01-01 10:00:00'],
  [3, 10, 'placed', 70, '2024-01-02 09:00:00', '2024-01-02 09:00:00'],
];
// Order 2 ships, order 4 (day 2) and order 5 (day 3) are new.
const V2 = [V1[0]!, [2, 11, 'shipped', 50, '2024-01-01 10:00:00', '2024-01-03 08:00:00'], V1[2]!, [4, 11, 'placed', 30, '2024-01-02 12:00:00', '2024-01-02 12:00:00'], [5, 10, 'placed', 20, '2024-01-03 09:00:00', '2024-01-03 09:00:00']];

const NEWER = "{% if is_incremental() %} where updated_at > (select max(updated_at) from {{ this }}) {% endif %}";
const MODELS = {
  'models/marts/orders_append.sql': `{{ config(materialized='incremental', incremental_strategy='append') }}\nselect order_id, status, amount, updated_at from {{ source('raw', 'orders') }}\n${NEWER}`,
  'models/marts/orders_merge.sql': `{{ config(materialized='incremental', unique_key='order_id') }}\nselect order_id, status, amount, updated_at from {{ source('raw', 'orders') }}\n${NEWER}`,
  'models/marts/orders_kept.sql': `{{ config(materialized='incremental', incremental_strategy='append', full_refresh=false) }}\nselect order_id, status from {{ source('raw', 'orders') }}\n${NEWER.replace('updated_at)', 'order_id)').replace('updated_at >', 'order_id >')}`,
  'models/marts/daily_revenue.sql': [
    "{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key=['customer_id', 'order_date']) }}",
    "select customer_id, cast(ordered_at as date) as order_date, sum(amount) as revenue, count(*) as orders from {{ source('raw', 'orders') }}",
    '{% if is_incremental() %} where cast(ordered_at as date) >= (select max(order_date) from {{ this }}) {% endif %}',
    'group by 1, 2',
  ].join('\n'),
};

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('incremental models on DuckDB', () => {
  const warehouses: Warehouse[] = [];
  const warehouse = () => {
    const w = new Warehouse();
    warehouses.push(w);
    return w;
  };
  afterEach(() => warehouses.splice(0).forEach((w) => w.dispose()));

  it('append, merge (one key) and delete+insert (two keys) add exactly the new rows; a second run changes nothing', async () => {
    const root = writeProject({ 'seeds/orders.csv': csv(HEADER, V1), ...MODELS });
    const w = warehouse();
    const first = await w.ok(root);
    const byName = (s: typeof first, name: string) => s.results.find((r) => r.name === name)!;
    expect(byName(first, 'orders_merge').message).toBe('created');
    expect(byName(first, 'orders_merge').compiledSql).not.toContain('max(updated_at)');

    writeFiles(root, { 'seeds/orders.csv': csv(HEADER, V2) });
    const second = await w.ok(root);
    expect(byName(second, 'orders_merge').message).toBe('incremental merge');
    expect(byName(second, 'orders_merge').compiledSql).toContain('where updated_at > (select max(updated_at) from "shop_marts"."orders_merge")');
    expect(byName(second, 'orders_append').rowsAffected).toBe(3); // order 2 again (shipped), 4, 5
    expect(byName(second, 'daily_revenue').message).toBe('incremental delete+insert');

    // append keeps history: order 2 appears placed and shipped.
    expect(await w.query('select order_id, status from shop_marts.orders_append order by order_id, updated_at')).toEqual([
      { order_id: 1, status: 'placed' },
      { order_id: 2, status: 'placed' },
      { order_id: 2, status: 'shipped' },
      { order_id: 3, status: 'placed' },
      { order_id: 4, status: 'placed' },
      { order_id: 5, status: 'placed' },
    ]);
    // merge keeps one row per order with its latest state.
    expect(await w.query('select order_id, status, amount from shop_marts.orders_merge order by order_id')).toEqual([
      { order_id: 1, status: 'placed', amount: 100 },
      { order_id: 2, status: 'shipped', amount: 50 },
      { order_id: 3, status: 'placed', amount: 70 },
      { order_id: 4, status: 'placed', amount: 30 },
      { order_id: 5, status: 'placed', amount: 20 },
    ]);
    // delete+insert recomputed days >= 2024-01-02; day 1 was left as it was.
    const expectedDaily = [
      { customer_id: 10, order_date: day('2024-01-01'), revenue: 100, orders: 1 },
      { customer_id: 10, order_date: day('2024-01-02'), revenue: 70, orders: 1 },
      { customer_id: 10, order_date: day('2024-01-03'), revenue: 20, orders: 1 },
      { customer_id: 11, order_date: day('2024-01-01'), revenue: 50, orders: 1 },
      { customer_id: 11, order_date: day('2024-01-02'), revenue: 30, orders: 1 },
    ];
    expect(await w.query('select * from shop_marts.daily_revenue order by customer_id, order_date')).toEqual(expectedDaily);

    // The same build again changes nothing.
    const snapshotOf = async () => Promise.all(['orders_append', 'orders_merge', 'daily_revenue', 'orders_kept'].map((t) => w.query(`select * from shop_marts.${t}`).then(sorted)));
    const before = await snapshotOf();
    const third = await w.ok(root);
    expect(byName(third, 'orders_append').rowsAffected).toBe(0);
    expect(byName(third, 'orders_merge').rowsAffected).toBe(0);
    expect(await snapshotOf()).toEqual(before);
  });

  it('--full-refresh rebuilds from the full query, except models with full_refresh=false', async () => {
    const root = writeProject({ 'seeds/orders.csv': csv(HEADER, V1), ...MODELS });
    const w = warehouse();
    await w.ok(root);
    writeFiles(root, { 'seeds/orders.csv': csv(HEADER, V2) });
    await w.ok(root);
    expect((await w.query<{ n: number }>('select count(*) as n from shop_marts.orders_append'))[0]!.n).toBe(6);
    const refreshed = await w.ok(root, 'build', { fullRefresh: true });
    expect(refreshed.results.find((r) => r.name === 'orders_append')!.message).toBe('full refresh');
    expect(refreshed.results.find((r) => r.name === 'orders_append')!.compiledSql).not.toContain('max(updated_at)');
    // Rebuilt: one row per order, no history.
    expect(await w.query('select order_id, status from shop_marts.orders_append order by order_id')).toEqual([
      { order_id: 1, status: 'placed' },
      { order_id: 2, status: 'shipped' },
      { order_id: 3, status: 'placed' },
      { order_id: 4, status: 'placed' },
      { order_id: 5, status: 'placed' },
    ]);
    // full_refresh=false: still incremental, so the table kept its rows and gained none.
    expect(refreshed.results.find((r) => r.name === 'orders_kept')!.message).toBe('incremental append');
    expect((await w.query<{ n: number }>('select count(*) as n from shop_marts.orders_kept'))[0]!.n).toBe(5);
  });

  it('rejects merge without a unique_key when the project is parsed, naming the file', async () => {
    const root = writeProject({
      'seeds/orders.csv': csv(HEADER, V1),
      'models/marts/bad.sql': "{{ config(materialized='incremental', incremental_strategy='merge') }}\nselect 1 as id",
    });
    const error = await warehouse().run(root).then(() => undefined, (e: unknown) => e as { code: string; file: string; line: number; message: string });
    expect(error).toMatchObject({ code: 'E_NODE_CONFIG', line: 1, message: "bad: incremental_strategy 'merge' needs a unique_key" });
    expect(error!.file.endsWith('models/marts/bad.sql')).toBe(true);
  });
});
