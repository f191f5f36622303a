import { Kysely, sql } from 'kysely';
import type { EcommerceDatabase } from '@strata-domains/ecommerce';
import { DuckDbDialect } from './duckdb-dialect.js';

/** The ecommerce marts of a built warehouse, typed by the package's generated `EcommerceDatabase`. */
export function openShop(path: string): Kysely<EcommerceDatabase> {
  return new Kysely<EcommerceDatabase>({ dialect: new DuckDbDialect({ path }) });
}

/**
 * The customers who spent most, for the "top customers" tile: every column is checked against
 * dim_customers' schema at compile time (a renamed column is a type error here).
 * @example await topCustomers(db, 5) // [{ customer_id: 42, country_code: 'DE', lifetime_value: 15772.3 }, …]
 */
export function topCustomers(db: Kysely<EcommerceDatabase>, limit: number) {
  return db
    .selectFrom('ecommerce_marts.dim_customers')
    .select(['customer_id', 'country_code', 'lifetime_value', 'order_count'])
    .where('order_count', '>', 0)
    .orderBy('lifetime_value', 'desc')
    .orderBy('customer_id')
    .limit(limit)
    .execute();
}

/** Revenue and orders per month, from the daily fct_orders rows. */
export function monthlyRevenue(db: Kysely<EcommerceDatabase>) {
  return db
    .selectFrom('ecommerce_marts.fct_orders')
    .select((eb) => [
      sql<string>`strftime(${eb.ref('order_date')}, '%Y-%m')`.as('month'),
      eb.fn.sum<number>('revenue').as('revenue'),
      eb.fn.sum<number>('orders').as('orders'),
    ])
    .groupBy(sql`1`)
    .orderBy('month')
    .execute();
}

/** Lifetime value by country, for the map tile; customers without a known country are left out. */
export function valueByCountry(db: Kysely<EcommerceDatabase>) {
  return db
    .selectFrom('ecommerce_marts.dim_customers')
    .select((eb) => ['country_code', eb.fn.countAll<number>().as('customers'), eb.fn.sum<number>('lifetime_value').as('lifetime_value')])
    .where('country_code', 'is not', null)
    .groupBy('country_code')
    .orderBy('country_code')
    .execute();
}
