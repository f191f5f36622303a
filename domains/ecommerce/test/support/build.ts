import { fileURLToPath } from 'node:url';
import { TemporaryWarehouse } from '@strata/testkit';

/** The ecommerce project folder (the package root). */
export const projectDir = fileURLToPath(new URL('../..', import.meta.url));
export const seedsDir = fileURLToPath(new URL('../../seeds', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures', import.meta.url));

type RunOptions = Parameters<TemporaryWarehouse['run']>[2];

/**
 * Builds the ecommerce project into a fresh temporary warehouse, reading its seeds from
 * `seeds` (any folder of orders/customers/products/country_codes CSVs; the shipped seeds when
 * omitted) through the STRATA_ECOMMERCE_SEEDS setting of strata.config.ts.
 */
export async function buildEcommerce(seeds?: string, options?: RunOptions) {
  const warehouse = new TemporaryWarehouse();
  const previous = process.env.STRATA_ECOMMERCE_SEEDS;
  if (seeds) process.env.STRATA_ECOMMERCE_SEEDS = seeds;
  else delete process.env.STRATA_ECOMMERCE_SEEDS;
  try {
    const summary = await warehouse.run([projectDir], 'build', options);
    return { warehouse, summary };
  } finally {
    if (previous === undefined) delete process.env.STRATA_ECOMMERCE_SEEDS;
    else process.env.STRATA_ECOMMERCE_SEEDS = previous;
  }
}

/** Status of every node by name, e.g. `{ stg_orders: 'success', unique_stg_orders_order_id: 'pass' }`. */
export function statuses(summary: { results: Array<{ name: string; status: string }> }): Record<string, string> {
  return Object.fromEntries(summary.results.map((r) => [r.name, r.status]));
}

/** fct_orders with `order_date` as 'YYYY-MM-DD' text (the driver returns DATE as a JS Date). */
export const FCT_ORDERS_SQL = `select strftime(order_date, '%Y-%m-%d') as order_date, orders, completed_orders, cancelled_orders, revenue, average_order_value, distinct_customers from ecommerce_marts.fct_orders order by order_date`;
export const DIM_CUSTOMERS_SQL = `select * from ecommerce_marts.dim_customers order by customer_id`;
