/**
 * The consumer reads a warehouse built from the ecommerce package, through Kysely, with the types
 * the package generates. The shop fixture (test/fixtures/shop, eleven orders) is small enough to
 * work the expected values out by hand; the working is in the comments.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { dimCustomersSchema, fctOrdersSchema, projectDir, type EcommerceDatabase } from '@strata-domains/ecommerce';
import { TemporaryWarehouse } from '@strata/testkit';
import { monthlyRevenue, openShop, topCustomers, valueByCountry } from '../src/index.js';

const warehouse = new TemporaryWarehouse();
let db: Kysely<EcommerceDatabase>;

beforeAll(async () => {
  // strata.config.ts of the ecommerce package reads its seeds from STRATA_ECOMMERCE_SEEDS when set.
  process.env.STRATA_ECOMMERCE_SEEDS = join(import.meta.dirname, 'fixtures', 'shop');
  try {
    const summary = await warehouse.run([projectDir], 'build');
    expect(summary.results.filter((r) => r.status === 'error' || r.status === 'fail').map((r) => r.uniqueId)).toEqual([]);
  } finally {
    delete process.env.STRATA_ECOMMERCE_SEEDS;
  }
  db = openShop(warehouse.path);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  warehouse.dispose();
});

describe('a dashboard backend over the ecommerce marts', () => {
  it('reads the top customers by lifetime value', async () => {
    // Completed orders per customer: 10 → 49.00 + 160.00 + 1,100.00 = 1,309.00;
    // 12 → 1,250.00 + 19.99 = 1,269.99; 11 → 3 × 24.50 = 73.50 (its order 1002 was cancelled).
    expect(await topCustomers(db, 3)).toEqual([
      { customer_id: 10, country_code: 'GB', lifetime_value: 1309, order_count: 3 },
      { customer_id: 12, country_code: 'GB', lifetime_value: 1269.99, order_count: 2 },
      { customer_id: 11, country_code: 'US', lifetime_value: 73.5, order_count: 2 },
    ]);
  });

  it('sums revenue by month', async () => {
    // Eleven orders in January 2024 (1002 exported twice counts once); the seven completed
    // ones: 49 + 1,250 + 160 + 73.50 + 19.99 + 1,100 + 49 = 2,701.49.
    const months = await monthlyRevenue(db);
    expect(months.map((m) => ({ ...m, revenue: Number(Number(m.revenue).toFixed(2)), orders: Number(m.orders) }))).toEqual([{ month: '2024-01', revenue: 2701.49, orders: 11 }]);
  });

  it('groups lifetime value by country, leaving out unknown countries', async () => {
    // GB: customers 10 and 12 (gb, UK); US: 11; DE: 13 (49.00); NL: 15 (only cancelled orders); 14 has no country.
    const rows = await valueByCountry(db);
    expect(rows.map((r) => ({ ...r, customers: Number(r.customers), lifetime_value: Number(Number(r.lifetime_value).toFixed(2)) }))).toEqual([
      { country_code: 'DE', customers: 1, lifetime_value: 49 },
      { country_code: 'GB', customers: 2, lifetime_value: 2578.99 },
      { country_code: 'NL', customers: 1, lifetime_value: 0 },
      { country_code: 'US', customers: 1, lifetime_value: 73.5 },
    ]);
  });

  it('gets rows that the exported zod schemas accept: the generated types are what arrives', async () => {
    const customers = await db.selectFrom('ecommerce_marts.dim_customers').selectAll().orderBy('customer_id').execute();
    const days = await db.selectFrom('ecommerce_marts.fct_orders').selectAll().orderBy('order_date').execute();
    expect(customers.map((c) => c.customer_id)).toEqual([10, 11, 12, 13, 14, 15]);
    // Days are UTC: 1003 was placed at 01:30+02:00 on the 2nd, i.e. 23:30 on the 1st.
    expect(days.map((d) => [d.order_date, d.orders])).toEqual([['2024-01-01', 3], ['2024-01-02', 2], ['2024-01-03', 5], ['2024-01-04', 1]]);
    for (const row of customers) expect(dimCustomersSchema.parse(row)).toEqual(row);
    for (const row of days) expect(fctOrdersSchema.parse(row)).toEqual(row);
    expect(customers[0]!.first_order_at).toEqual(new Date('2024-01-01T10:00:00Z'));
  });
});
