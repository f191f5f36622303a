import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresAdapter } from '@strata/adapter-postgres';
import { strata } from '../helpers.js';

/** The same unchanged dbt project, built on the Postgres server `.ci/run` starts (PG* variables). */
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'core', 'test', 'fixtures', 'dbt');
const schema = `jaffle_${process.pid}_${Date.now().toString(36)}`;

async function pg<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  if (!process.env.PGPASSWORD) throw new Error('PGPASSWORD is not set: export the PG* variables as .ci/run does');
  const adapter = await PostgresAdapter.open({ adapter: 'postgres', host: { env: 'PGHOST', default: '127.0.0.1' }, port: { env: 'PGPORT', default: 5432 }, user: { env: 'PGUSER', default: 'strata' }, database: { env: 'PGDATABASE', default: 'strata_test' }, password: { env: 'PGPASSWORD' } });
  try {
    const connection = await adapter.connect();
    try {
      return (await connection.query(sql)) as T[];
    } finally {
      await connection.close();
    }
  } finally {
    await adapter.close();
  }
}

afterAll(async () => {
  for (const suffix of ['', '_raw', '_staging', '_finance', '_dbt_test__audit']) await pg(`drop schema if exists "${schema}${suffix}" cascade`);
});

describe('strata build on an unchanged dbt project, on Postgres', () => {
  it('builds the same relations with the same contents as on DuckDB', async () => {
    const root = mkdtempSync(join(tmpdir(), 'strata-cli-dbt-pg-'));
    cpSync(join(FIXTURES, 'jaffle'), root, { recursive: true });
    appendFileSync(
      join(root, 'profiles.yml'),
      `    pg:\n      type: postgres\n      host: "{{ env_var('PGHOST', '127.0.0.1') }}"\n      port: "{{ env_var('PGPORT', '5432') | as_number }}"\n      user: "{{ env_var('PGUSER', 'strata') }}"\n      password: "{{ env_var('PGPASSWORD') }}"\n      dbname: "{{ env_var('PGDATABASE', 'strata_test') }}"\n      schema: ${schema}\n`,
    );
    // The snapshot's target_schema is shared by every run on the server: left out here.
    const result = await strata(['build', '--project', root, '--target', 'pg', '--exclude', 'orders_snapshot'], root);
    expect(result.out).toMatch(/on target 'pg' \(postgres\)/);
    expect(result.out).toMatch(/Done\. 32 ok, 1 warned, 0 failed, 0 skipped, 33 total\./);
    expect(result.code).toBe(0);
    const relations = await pg(`select table_schema || '.' || table_name as name from information_schema.tables where table_schema like '${schema}%' order by 1`);
    expect(relations.map((r) => (r.name as string).replace(schema, 'S'))).toEqual([
      'S.customer_names', 'S.customers', 'S.order_events', 'S.orders', 'S.status_counts', 'S_finance.status_revenue',
      'S_raw.raw_customers', 'S_raw.raw_orders', 'S_raw.raw_payments', 'S_staging.stg_customers', 'S_staging.stg_orders', 'S_staging.stg_payments',
    ]);
    expect(await pg(`select order_id, credit_card_amount, coupon_amount, gift_card_amount, amount, is_large from "${schema}".orders order by order_id`)).toEqual([
      { order_id: 1, credit_card_amount: 10, coupon_amount: 0, gift_card_amount: 0, amount: 10, is_large: false },
      { order_id: 2, credit_card_amount: 20, coupon_amount: 0, gift_card_amount: 0, amount: 20, is_large: true },
      { order_id: 3, credit_card_amount: 3, coupon_amount: 1, gift_card_amount: 0, amount: 4, is_large: false },
      { order_id: 4, credit_card_amount: 0, coupon_amount: 25, gift_card_amount: 5, amount: 30, is_large: true },
      { order_id: 5, credit_card_amount: 0, coupon_amount: 0, gift_card_amount: 0, amount: 17, is_large: false },
      { order_id: 6, credit_card_amount: 6, coupon_amount: 0, gift_card_amount: 0, amount: 6, is_large: false },
    ]);
    expect(await pg(`select customer_id, number_of_orders, customer_lifetime_value from "${schema}".customers order by 1`)).toEqual([
      { customer_id: 1, number_of_orders: 2, customer_lifetime_value: 14 },
      { customer_id: 2, number_of_orders: 1, customer_lifetime_value: 30 },
      { customer_id: 3, number_of_orders: 3, customer_lifetime_value: 43 },
      { customer_id: 4, number_of_orders: 0, customer_lifetime_value: 0 },
    ]);
    expect(await pg(`select * from "${schema}".status_counts`)).toEqual([{ completed_count: 2, placed_count: 1, return_pending_count: 1, returned_count: 1, shipped_count: 1 }]);
    expect(await pg(`select status, status_kind, revenue from "${schema}_finance".status_revenue order by status`)).toEqual([
      { status: 'completed', status_kind: 'DONE', revenue: 24 },
      { status: 'placed', status_kind: 'OPEN', revenue: 30 },
      { status: 'return_pending', status_kind: 'REFUND', revenue: 6 },
      { status: 'returned', status_kind: 'REFUND', revenue: 10 },
      { status: 'shipped', status_kind: 'OPEN', revenue: 17 },
    ]);
  });
});
