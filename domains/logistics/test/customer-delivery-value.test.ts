/**
 * The cross-domain mart: logistics deliveries next to ecommerce's customer lifetime value
 * (`ref('ecommerce', 'dim_customers')`, a public model of a package this one depends on).
 * Expected rows are computed here in plain TypeScript from the staging rows and the shop's
 * dim_customers, with the tiering rules of the model's documentation.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, type FixtureBuild } from './helpers.js';

const HIGH_VALUE_LTV = 2000;

type Row = {
  customer_id: string;
  shop_customer_id: number | null;
  country_code: string | null;
  shop_lifetime_value: number | null;
  shop_orders: number | null;
  deliveries: number;
  delivered: number;
  failed: number;
  cancelled: number;
  timed_deliveries: number;
  late_deliveries: number;
  on_time_rate: number | null;
  value_tier: 'high' | 'standard' | 'unknown';
  needs_attention: boolean;
};

/** The mart as the documentation defines it, over staging rows and the shop's customers. */
async function expectedRows(build: FixtureBuild): Promise<Row[]> {
  const orders = await build.warehouse.query<{ order_id: string; customer_id: string }>('select order_id, customer_id from logistics_staging.stg_orders');
  const jobs = await build.warehouse.query<{ order_id: string; status: string; is_on_time: boolean | null }>('select order_id, status, is_on_time from logistics_staging.stg_deliveries');
  const shop = await build.warehouse.query<{ customer_id: number; country_code: string | null; lifetime_value: number; order_count: number }>(
    'select customer_id, country_code, lifetime_value, order_count from ecommerce_marts.dim_customers',
  );
  const customerOf = new Map(orders.map((o) => [o.order_id, o.customer_id]));
  const shopById = new Map(shop.map((c) => [Number(c.customer_id), c]));
  const byCustomer = new Map<string, Row>();
  for (const job of jobs) {
    const id = customerOf.get(job.order_id)!;
    let row = byCustomer.get(id);
    if (!row) {
      const number = /^c(\d+)$/.exec(id)?.[1];
      const known = number === undefined ? undefined : shopById.get(Number(number));
      const tier = !known ? 'unknown' : Number(known.lifetime_value) >= HIGH_VALUE_LTV ? 'high' : 'standard';
      row = {
        customer_id: id,
        shop_customer_id: known ? Number(known.customer_id) : null,
        country_code: known?.country_code ?? null,
        shop_lifetime_value: known ? Number(known.lifetime_value) : null,
        shop_orders: known ? Number(known.order_count) : null,
        deliveries: 0,
        delivered: 0,
        failed: 0,
        cancelled: 0,
        timed_deliveries: 0,
        late_deliveries: 0,
        on_time_rate: null,
        value_tier: tier,
        needs_attention: false,
      };
      byCustomer.set(id, row);
    }
    row.deliveries++;
    if (job.status === 'delivered') row.delivered++;
    if (job.status === 'failed') row.failed++;
    if (job.status === 'cancelled') row.cancelled++;
    if (job.is_on_time !== null) row.timed_deliveries++;
    if (job.is_on_time === false) row.late_deliveries++;
  }
  for (const row of byCustomer.values()) {
    row.on_time_rate = row.timed_deliveries > 0 ? (row.timed_deliveries - row.late_deliveries) / row.timed_deliveries : null;
    row.needs_attention = row.value_tier === 'high' && (row.failed > 0 || row.late_deliveries > 0);
  }
  return [...byCustomer.values()].sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
}

async function actualRows(build: FixtureBuild): Promise<Row[]> {
  const rows = await build.warehouse.query<Row>('select * from logistics_marts.customer_delivery_value order by customer_id');
  return rows.map((r) => ({
    ...r,
    shop_customer_id: r.shop_customer_id === null ? null : Number(r.shop_customer_id),
    shop_lifetime_value: r.shop_lifetime_value === null ? null : Number(r.shop_lifetime_value),
    shop_orders: r.shop_orders === null ? null : Number(r.shop_orders),
    on_time_rate: r.on_time_rate === null ? null : Number(r.on_time_rate.toFixed(12)),
  }));
}

const rounded = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, on_time_rate: r.on_time_rate === null ? null : Number(r.on_time_rate.toFixed(12)) }));

describe('customer_delivery_value (logistics × ecommerce)', () => {
  let committed: FixtureBuild;
  let fleet: FixtureBuild;
  beforeAll(async () => {
    committed = await buildProject();
    fleet = await buildProject(join(import.meta.dirname, 'fixtures', 'small-fleet'));
  }, 120_000);
  afterAll(() => {
    committed?.dispose();
    fleet?.dispose();
  });

  it('builds the ecommerce project it depends on, and passes every expectation', () => {
    expect(committed.failures).toEqual([]);
    const built = committed.summary.results.filter((r) => r.status === 'success').map((r) => r.uniqueId);
    expect(built).toContain('model.ecommerce.dim_customers');
    expect(built).toContain('model.logistics.customer_delivery_value');
  });

  it('matches the documented rules on the committed seeds', async () => {
    const expected = rounded(await expectedRows(committed));
    const actual = await actualRows(committed);
    expect(actual).toEqual(expected);
    // The seeds hold customers of the shop (ids up to 600) and of other merchants.
    const tiers = { high: 0, standard: 0, unknown: 0 };
    for (const row of actual) tiers[row.value_tier]++;
    expect(tiers.high).toBeGreaterThan(0);
    expect(tiers.standard).toBeGreaterThan(0);
    expect(tiers.unknown).toBe(actual.filter((r) => Number(r.customer_id.slice(1)) > 600).length);
    expect(actual.filter((r) => r.needs_attention).length).toBeGreaterThan(0);
  });

  it('joins unpadded ids and counts late and failed jobs (small-fleet fixture, by hand)', async () => {
    expect(fleet.failures).toEqual([]);
    const rows = await actualRows(fleet);
    expect(rows).toEqual(rounded(await expectedRows(fleet)));
    const [c1, c8] = [rows.find((r) => r.customer_id === 'c1')!, rows.find((r) => r.customer_id === 'c8')!];
    // c1: dl01 dropped 08:20 for a window ending 09:00 (on time), dl04 08:50 for 08:45 (late).
    expect(c1).toMatchObject({ shop_customer_id: 1, country_code: 'FR', deliveries: 2, delivered: 2, failed: 0, timed_deliveries: 2, late_deliveries: 1, on_time_rate: 0.5 });
    // c8: dl09 failed (0,0 drop-off), so nothing was timed.
    expect(c8).toMatchObject({ shop_customer_id: 8, deliveries: 1, delivered: 0, failed: 1, timed_deliveries: 0, late_deliveries: 0, on_time_rate: null });
    expect(rows.map((r) => r.customer_id)).toEqual(['c1', 'c10', 'c11', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
  });
});
