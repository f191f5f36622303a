/**
 * Golden test: the real models built over eleven hand-written orders (test/fixtures/tiny), with
 * every expected value worked out by hand below — not by the code under test.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryWarehouse } from '@strata/testkit';
import { dimCustomersSchema, fctOrdersSchema, type DimCustomersRow, type FctOrdersRow } from '../src/index.js';
import { buildEcommerce, DIM_CUSTOMERS_SQL, FCT_ORDERS_SQL, fixturesDir, statuses } from './support/build.js';
import { computeReference } from './support/reference.js';

const tiny = join(fixturesDir, 'tiny');
const utc = (iso: string) => new Date(iso);

/*
 * The orders of fixtures/tiny/orders.csv after cleaning (amount = quantity × unit price):
 *
 *   order cust  amount   status     raw CreatedAt                  UTC
 *   1001  10     49.00   completed  2024-01-01T10:00:00Z           2024-01-01 10:00
 *   1002  11     80.00   cancelled  2024-01-01 12:30:00 (twice)    2024-01-01 12:30
 *   1003  12   1250.00   completed  2024-01-02T01:30:00+02:00      2024-01-01 23:30  ← local date is the 2nd
 *   1004  13   1250.00   cancelled  2024-01-02 09:00:00            2024-01-02 09:00
 *   1005  10    160.00   completed  2024-01-02T20:15:00-05:00      2024-01-03 01:15  ← local date is the 2nd
 *   1006  11     73.50   completed  2024-01-02 14:00:00            2024-01-02 14:00
 *   1007  12     19.99   completed  2024-01-03T09:00:00.000Z       2024-01-03 09:00
 *   1008  15     80.00   cancelled  2024/01/03 11:00:00            2024-01-03 11:00
 *   1009  10   1100.00   completed  2024-01-03 16:00:00            2024-01-03 16:00
 *   1010  13     49.00   completed  2024-01-03T23:30:00+05:30      2024-01-03 18:00
 *   1011  15     24.50   cancelled  2024-01-04 08:00:00            2024-01-04 08:00
 */
const EXPECTED_FCT_ORDERS: FctOrdersRow[] = [
  // 1001 + 1003 completed (49 + 1250), 1002 cancelled; customers 10, 11, 12
  { order_date: '2024-01-01', orders: 3, completed_orders: 2, cancelled_orders: 1, revenue: 1299, average_order_value: 649.5, distinct_customers: 3 },
  // 1006 completed (73.50), 1004 cancelled; customers 11, 13
  { order_date: '2024-01-02', orders: 2, completed_orders: 1, cancelled_orders: 1, revenue: 73.5, average_order_value: 73.5, distinct_customers: 2 },
  // 1005 + 1007 + 1009 + 1010 completed (160 + 19.99 + 1100 + 49 = 1328.99, / 4 = 332.2475), 1008 cancelled; customers 10, 12, 13, 15
  { order_date: '2024-01-03', orders: 5, completed_orders: 4, cancelled_orders: 1, revenue: 1328.99, average_order_value: 332.25, distinct_customers: 4 },
  // 1011 cancelled only: no revenue, no average
  { order_date: '2024-01-04', orders: 1, completed_orders: 0, cancelled_orders: 1, revenue: 0, average_order_value: null, distinct_customers: 1 },
];

const EXPECTED_DIM_CUSTOMERS: DimCustomersRow[] = [
  // ' ADA@Example.com ' → lower-cased and trimmed; 'gb' → GB. Orders 1001, 1005, 1009: 49 + 160 + 1100.
  { customer_id: 10, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', country_code: 'GB', country_name: 'United Kingdom', first_order_at: utc('2024-01-01T10:00:00Z'), last_order_at: utc('2024-01-03T16:00:00Z'), order_count: 3, lifetime_value: 1309 },
  // blank first name and empty email → null. Orders 1002 (cancelled), 1006 (73.50).
  { customer_id: 11, first_name: null, last_name: 'Turing', email: null, country_code: 'US', country_name: 'United States', first_order_at: utc('2024-01-01T12:30:00Z'), last_order_at: utc('2024-01-02T14:00:00Z'), order_count: 2, lifetime_value: 73.5 },
  // 'UK' → GB. Orders 1003 (1250), 1007 (19.99).
  { customer_id: 12, first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.org', country_code: 'GB', country_name: 'United Kingdom', first_order_at: utc('2024-01-01T23:30:00Z'), last_order_at: utc('2024-01-03T09:00:00Z'), order_count: 2, lifetime_value: 1269.99 },
  // blank last name and email. Orders 1004 (cancelled), 1010 (49).
  { customer_id: 13, first_name: 'Alan', last_name: null, email: null, country_code: 'DE', country_name: 'Germany', first_order_at: utc('2024-01-02T09:00:00Z'), last_order_at: utc('2024-01-03T18:00:00Z'), order_count: 2, lifetime_value: 49 },
  // no country, no orders
  { customer_id: 14, first_name: 'Katherine', last_name: 'Johnson', email: 'kj@example.com', country_code: null, country_name: null, first_order_at: null, last_order_at: null, order_count: 0, lifetime_value: 0 },
  // ' nl' → NL, which the fixture's country_codes lacks. Orders 1008, 1011: both cancelled.
  { customer_id: 15, first_name: 'Edsger', last_name: 'Dijkstra', email: 'edsger@example.net', country_code: 'NL', country_name: null, first_order_at: utc('2024-01-03T11:00:00Z'), last_order_at: utc('2024-01-04T08:00:00Z'), order_count: 2, lifetime_value: 0 },
];

describe('golden: hand-written fixture', () => {
  let warehouse: TemporaryWarehouse;
  let summary: Awaited<ReturnType<typeof buildEcommerce>>['summary'];

  beforeAll(async () => {
    ({ warehouse, summary } = await buildEcommerce(tiny));
  });
  afterAll(() => warehouse?.dispose());

  it('builds every node and passes every test', () => {
    const failed = summary.results.filter((r) => !['success', 'pass'].includes(r.status));
    expect(failed.map((r) => `${r.name}: ${r.status} ${r.message ?? ''}`)).toEqual([]);
    expect(summary.success).toBe(true);
  });

  it('fct_orders has the hand-computed daily metrics', async () => {
    const rows = await warehouse.query(FCT_ORDERS_SQL);
    expect(rows).toEqual(EXPECTED_FCT_ORDERS);
    expect(fctOrdersSchema.array().parse(rows)).toEqual(EXPECTED_FCT_ORDERS);
  });

  it('dim_customers has the hand-computed customer rows', async () => {
    const rows = await warehouse.query(DIM_CUSTOMERS_SQL);
    expect(rows).toEqual(EXPECTED_DIM_CUSTOMERS);
    expect(dimCustomersSchema.array().parse(rows)).toEqual(EXPECTED_DIM_CUSTOMERS);
  });

  it('stg_orders drops the duplicate export row and converts every timestamp format to UTC', async () => {
    const rows = await warehouse.query<{ order_id: number; ordered_at: Date; status: string; unit_price: number }>(
      'select order_id, ordered_at, status, unit_price from ecommerce_staging.stg_orders order by order_id',
    );
    expect(rows.map((r) => r.order_id)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011]);
    expect(rows.map((r) => r.ordered_at.toISOString())).toEqual([
      '2024-01-01T10:00:00.000Z',
      '2024-01-01T12:30:00.000Z',
      '2024-01-01T23:30:00.000Z',
      '2024-01-02T09:00:00.000Z',
      '2024-01-03T01:15:00.000Z',
      '2024-01-02T14:00:00.000Z',
      '2024-01-03T09:00:00.000Z',
      '2024-01-03T11:00:00.000Z',
      '2024-01-03T16:00:00.000Z',
      '2024-01-03T18:00:00.000Z',
      '2024-01-04T08:00:00.000Z',
    ]);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['completed', 'cancelled']));
    expect(rows.map((r) => r.unit_price)).toEqual([24.5, 80, 1250, 1250, 80, 24.5, 19.99, 80, 1100, 24.5, 24.5]);
  });

  it('stg_customers and stg_products rename and clean their fields', async () => {
    const customers = await warehouse.query<{ customer_id: number; signed_up_at: Date }>('select customer_id, signed_up_at from ecommerce_staging.stg_customers order by customer_id');
    expect(customers.map((c) => [c.customer_id, c.signed_up_at.toISOString()])).toEqual([
      [10, '2023-05-01T08:00:00.000Z'],
      [11, '2023-06-02T09:00:00.000Z'],
      [12, '2023-07-03T10:00:00.000Z'],
      [13, '2023-08-04T10:00:00.000Z'],
      [14, '2023-09-05T00:00:00.000Z'],
      [15, '2023-10-06T11:30:00.000Z'],
    ]);
    expect(await warehouse.query('select * from ecommerce_staging.stg_products order by product_id')).toEqual([
      { product_id: 1, product_name: 'Wireless Headphones', category: 'electronics', list_price: 1250 },
      { product_id: 2, product_name: 'Desk Lamp', category: 'home', list_price: 24.5 },
      { product_id: 3, product_name: 'Trail Shoes', category: 'apparel', list_price: 80 },
    ]);
  });

  it('the plain-TypeScript reference agrees with the hand-computed values', () => {
    const reference = computeReference(tiny);
    expect(reference.fctOrders).toEqual(EXPECTED_FCT_ORDERS);
    expect(reference.dimCustomers).toEqual(EXPECTED_DIM_CUSTOMERS);
    expect(reference.duplicates).toEqual({ ids: 1, consistent: true });
  });
});

describe('golden: the high_order_value rule follows its variable', () => {
  it('flags completed orders above the threshold from customers without an email', async () => {
    // Threshold 40: order 1006 (73.50, customer 11) and 1010 (49.00, customer 13) break the rule;
    // 1004 (1250, customer 13) is cancelled and 1002/1008/1011 are cancelled too.
    const { warehouse, summary } = await buildEcommerce(tiny, { vars: { high_order_value: 40 } });
    try {
      const result = summary.results.find((r) => r.name === 'high_order_value')!;
      expect(result.status).toBe('fail');
      expect(result.failures).toBe(2);
      const failing = (result.expectation?.partial_unexpected_list ?? []) as Array<{ order_id: number }>;
      expect(failing.map((row) => row.order_id).sort()).toEqual([1006, 1010]);
    } finally {
      warehouse.dispose();
    }
  });
});

describe('golden: broken data is caught', () => {
  it('fails the test that guards each broken rule and does not build marts on bad data', async () => {
    const { warehouse, summary } = await buildEcommerce(join(fixturesDir, 'broken'));
    try {
      const status = statuses(summary);
      const failed = Object.entries(status).filter(([, s]) => s === 'fail').map(([name]) => name).sort();
      expect(failed).toEqual(
        [
          'accepted_values_stg_orders_status', // 'refunded'
          'is_positive_stg_orders_quantity', // quantity 0 (the custom generic test)
          'relationships_stg_orders_customer_id__stg_customers_customer_id', // customer 99
          'not_null_stg_orders_unit_price', // 'ten dollars'
          'not_null_stg_orders_amount', // … and so no amount
          'high_order_value', // $2,000 completed for a customer without an email
        ].sort(),
      );
      expect(summary.success).toBe(false);
      expect(status.fct_orders).not.toBe('success');
      expect(status.dim_customers).not.toBe('success');
      const accepted = summary.results.find((r) => r.name === 'accepted_values_stg_orders_status')!;
      expect(accepted.expectation?.partial_unexpected_list).toEqual(['refunded']);
    } finally {
      warehouse.dispose();
    }
  });
});
