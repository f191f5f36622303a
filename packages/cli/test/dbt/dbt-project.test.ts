import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { strata } from '../helpers.js';

/** The dbt-format fixtures live with core's tests; each test works on its own copy. */
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'core', 'test', 'fixtures', 'dbt');

function copyFixture(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `strata-cli-dbt-${name}-`));
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return root;
}

async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const adapter = await DuckDbAdapter.open({ path });
  try {
    return await (await adapter.connect()).query(sql);
  } finally {
    await adapter.close();
  }
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('strata build on an unchanged dbt project (jaffle)', () => {
  let root: string;
  let db: string;
  let first: { code: number; out: string; err: string };

  beforeAll(async () => {
    root = copyFixture('jaffle');
    db = join(root, 'jaffle.duckdb');
    first = await strata(['build', '--project', root], root);
  });

  it('builds every node, runs every test, and names relations as dbt-duckdb does', async () => {
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Done\. 33 ok, 1 warned, 0 failed, 0 skipped, 34 total\./);
    expect(first.out).toMatch(/WARN +test jaffle\.is_positive_customers_customer_lifetime_value +\[1 failing/);
    const relations = await query(db, "select table_schema || '.' || table_name as name, table_type as kind from information_schema.tables order by 1");
    expect(relations).toEqual([
      { name: 'main.customer_names', kind: 'VIEW' },
      { name: 'main.customers', kind: 'BASE TABLE' },
      { name: 'main.order_events', kind: 'BASE TABLE' },
      { name: 'main.orders', kind: 'BASE TABLE' },
      { name: 'main.status_counts', kind: 'BASE TABLE' },
      { name: 'main_finance.status_revenue', kind: 'BASE TABLE' },
      { name: 'main_raw.raw_customers', kind: 'BASE TABLE' },
      { name: 'main_raw.raw_orders', kind: 'BASE TABLE' },
      { name: 'main_raw.raw_payments', kind: 'BASE TABLE' },
      { name: 'main_staging.stg_customers', kind: 'VIEW' },
      { name: 'main_staging.stg_orders', kind: 'VIEW' },
      { name: 'main_staging.stg_payments', kind: 'VIEW' },
      { name: 'snapshots.orders_snapshot', kind: 'BASE TABLE' },
    ]);
  });

  it('computes the same tables dbt would (worked out by hand from the seeds)', async () => {
    // Payments are in cents: order 3 paid 100 by coupon + 300 by card; order 4 2500 by coupon + 500 by gift card.
    expect(await query(db, 'select order_id, customer_id, status, credit_card_amount, coupon_amount, bank_transfer_amount, gift_card_amount, amount, is_large from main.orders order by order_id')).toEqual([
      { order_id: 1, customer_id: 1, status: 'returned', credit_card_amount: 10, coupon_amount: 0, bank_transfer_amount: 0, gift_card_amount: 0, amount: 10, is_large: false },
      { order_id: 2, customer_id: 3, status: 'completed', credit_card_amount: 20, coupon_amount: 0, bank_transfer_amount: 0, gift_card_amount: 0, amount: 20, is_large: true },
      { order_id: 3, customer_id: 1, status: 'completed', credit_card_amount: 3, coupon_amount: 1, bank_transfer_amount: 0, gift_card_amount: 0, amount: 4, is_large: false },
      { order_id: 4, customer_id: 2, status: 'placed', credit_card_amount: 0, coupon_amount: 25, bank_transfer_amount: 0, gift_card_amount: 5, amount: 30, is_large: true },
      { order_id: 5, customer_id: 3, status: 'shipped', credit_card_amount: 0, coupon_amount: 0, bank_transfer_amount: 17, gift_card_amount: 0, amount: 17, is_large: false },
      { order_id: 6, customer_id: 3, status: 'return_pending', credit_card_amount: 6, coupon_amount: 0, bank_transfer_amount: 0, gift_card_amount: 0, amount: 6, is_large: false },
    ]);
    expect(await query(db, 'select customer_id, first_order, most_recent_order, number_of_orders, customer_lifetime_value from main.customers order by 1')).toEqual([
      { customer_id: 1, first_order: day('2018-01-01'), most_recent_order: day('2018-01-04'), number_of_orders: 2, customer_lifetime_value: 14 },
      { customer_id: 2, first_order: day('2018-01-05'), most_recent_order: day('2018-01-05'), number_of_orders: 1, customer_lifetime_value: 30 },
      { customer_id: 3, first_order: day('2018-01-02'), most_recent_order: day('2018-01-07'), number_of_orders: 3, customer_lifetime_value: 43 },
      { customer_id: 4, first_order: null, most_recent_order: null, number_of_orders: 0, customer_lifetime_value: 0 },
    ]);
    expect(await query(db, 'select * from main_finance.status_revenue order by status')).toEqual([
      { status: 'completed', status_kind: 'DONE', currency: 'USD', revenue: 24, orders: 2 },
      { status: 'placed', status_kind: 'OPEN', currency: 'USD', revenue: 30, orders: 1 },
      { status: 'return_pending', status_kind: 'REFUND', currency: 'USD', revenue: 6, orders: 1 },
      { status: 'returned', status_kind: 'REFUND', currency: 'USD', revenue: 10, orders: 1 },
      { status: 'shipped', status_kind: 'OPEN', currency: 'USD', revenue: 17, orders: 1 },
    ]);
    // run_query() asked the warehouse for the statuses while the model rendered.
    expect(await query(db, 'select * from main.status_counts')).toEqual([{ completed_count: 2, placed_count: 1, return_pending_count: 1, returned_count: 1, shipped_count: 1 }]);
    // adapter.get_columns_in_relation() listed stg_customers' columns.
    expect(await query(db, 'select * from main.customer_names order by 1')).toEqual([
      { customer_id: 1, first_name: 'Michael' },
      { customer_id: 2, first_name: 'Shawn' },
      { customer_id: 3, first_name: 'Kathleen' },
      { customer_id: 4, first_name: 'Jimmy' },
    ]);
    expect(await query(db, "select data_type from information_schema.columns where table_name = 'raw_payments' and column_name = 'amount'")).toEqual([{ data_type: 'INTEGER' }]);
    expect(await query(db, 'select count(*) as n, count(dbt_valid_to) as closed from snapshots.orders_snapshot')).toEqual([{ n: 6, closed: 0 }]);
  });

  it('writes dbt-shaped artifacts and compiled SQL', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.metadata.project_name).toBe('jaffle');
    expect(manifest.nodes['model.jaffle.orders']).toMatchObject({ resource_type: 'model', schema: 'main', alias: 'orders', config: { materialized: 'table' } });
    expect(manifest.nodes['test.jaffle.unique_orders_order_id']).toMatchObject({ column_name: 'order_id', attached_node: 'model.jaffle.orders', test_metadata: { name: 'unique' } });
    expect(manifest.sources['source.jaffle.jaffle_raw.orders']).toMatchObject({ schema: 'main_raw', identifier: 'raw_orders', source_name: 'jaffle_raw' });
    expect(Object.keys(manifest.exposures)).toEqual(['exposure.jaffle.weekly_revenue']);
    const results = JSON.parse(readFileSync(join(root, 'target', 'run_results.json'), 'utf8'));
    const status = Object.fromEntries(results.results.map((r: { unique_id: string; status: string }) => [r.unique_id, r.status]));
    expect(status['model.jaffle.orders']).toBe('success');
    expect(status['test.jaffle.is_positive_customers_customer_lifetime_value']).toBe('warn');
    const compiled = readFileSync(join(root, 'target', 'compiled', 'jaffle', 'models', 'staging', 'stg_payments.sql'), 'utf8');
    expect(compiled).toMatch(/cast\(amount \/ 100 as numeric\(16, 2\)\) as amount/);
  });

  it('runs incrementally and snapshots changes on the next build', async () => {
    // Order 4 ships and order 7 arrives.
    writeFileSync(join(root, 'seeds', 'raw_orders.csv'), readFileSync(join(root, 'seeds', 'raw_orders.csv'), 'utf8').replace('4,2,2018-01-05,placed', '4,2,2018-01-05,shipped') + '7,4,2018-01-09,placed\n');
    const second = await strata(['build', '--project', root], root);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/OK +model jaffle\.order_events +\[incremental merge, 1 rows/);
    // Only rows newer than the table's latest order_date are read: order 4 keeps its old status here.
    expect(await query(db, 'select order_id, status from main.order_events order by order_id')).toEqual([
      { order_id: 1, status: 'returned' },
      { order_id: 2, status: 'completed' },
      { order_id: 3, status: 'completed' },
      { order_id: 4, status: 'placed' },
      { order_id: 5, status: 'shipped' },
      { order_id: 6, status: 'return_pending' },
      { order_id: 7, status: 'placed' },
    ]);
    expect(await query(db, 'select order_id, status, dbt_valid_to is null as current from snapshots.orders_snapshot where order_id in (4, 7) order by order_id, current')).toEqual([
      { order_id: 4, status: 'placed', current: false },
      { order_id: 4, status: 'shipped', current: true },
      { order_id: 7, status: 'placed', current: true },
    ]);
    expect(await query(db, 'select * from main.status_counts')).toEqual([{ completed_count: 2, placed_count: 1, return_pending_count: 1, returned_count: 1, shipped_count: 2 }]);
  });

  it('selects with dbt selectors, and compiles offline except what needs the warehouse', async () => {
    const ls = await strata(['ls', '--project', root, '--select', 'tag:finance+', '--resource-type', 'model'], root);
    expect(ls.out.trim().split('\n')).toEqual(['jaffle.revenue_by_status']);
    const compile = await strata(['compile', '--project', root, '--select', 'status_counts'], root);
    expect(compile.code).toBe(2);
    expect(compile.err).toMatch(/E_NEEDS_WAREHOUSE.*status_counts\.sql/s);
    expect(compile.err).toMatch(/run_query\(\) needs the warehouse/);
    expect((await strata(['compile', '--project', root, '--select', 'orders'], root)).code).toBe(0);
  });
});

describe('dbt Jinja a project may not use', () => {
  it('fails the model with the file and line of the construct', async () => {
    const root = copyFixture('jaffle');
    writeFileSync(join(root, 'models', 'marts', 'bad.sql'), "select 1 as x\n{% for s in ['a', 'b'] if s != 'a' %}, '{{ s }}' as y{% endfor %}\n");
    const result = await strata(['build', '--project', root, '--select', 'bad'], root);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/bad\.sql:2/);
    expect(result.out).toMatch(/loop filters/);
    expect(existsSync(join(root, 'jaffle.duckdb'))).toBe(true);
  });
});

describe("dbt's Jinja context (probe project)", () => {
  it('renders ref, this, target, config, var, env_var, statement, call blocks, return and Python methods', async () => {
    const root = copyFixture('probe');
    process.env.STRATA_PROBE_ENV = 'from-env';
    const result = await strata(['build', '--project', root], root);
    delete process.env.STRATA_PROBE_ENV;
    expect(result.code).toBe(0);
    const [row] = await query(join(root, 'probe.duckdb'), 'select * from analytics.context_probe');
    expect(row).toEqual({
      this_schema: 'analytics',
      this_identifier: 'context_probe',
      target_schema: 'analytics',
      target_name: 'ci',
      target_type: 'duckdb',
      materialized: 'table',
      var_default: 'fallback',
      env_value: 'from-env',
      ref_identifier: 'numbers',
      ref_two_args: '"analytics"."numbers"',
      next_day: '2024-02-29',
      max_id: 5,
      joined: 'a|b',
      looped: '1a,2b',
      parts: 3,
      dict_items: 'x=1,y=2',
      called: '[inner]',
      summed: 20,
      doubled: 40,
    });
  });

  it('stops a model at exceptions.raise_compiler_error with its message, file and line', async () => {
    const root = copyFixture('probe');
    const result = await strata(['run', '--project', root, '--select', 'exploding', '--vars', '{"explode": true}'], root);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/boom: explode was set/);
    expect(result.out).toMatch(/exploding\.sql:3/);
  });
});

describe('strata migrate', () => {
  it('writes schema.ts files and a strata.config.ts draft, keeping files that exist', async () => {
    const root = copyFixture('jaffle');
    const first = await strata(['migrate', '--project', root], root);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/wrote +models\/staging\/schema\.ts/);
    expect(first.out).toMatch(/wrote +strata\.config\.ts/);
    expect(readFileSync(join(root, 'models', 'staging', 'schema.ts'), 'utf8')).toContain("references: ref('stg_customers', 'customer_id')");
    const second = await strata(['migrate', '--project', root], root);
    expect(second.out).toMatch(/kept +strata\.config\.ts \(exists; --force replaces it\)/);
  });
});
