/**
 * Compile-only checks (run by `tsc` in this package's test script, never executed): reading a
 * column or table the ecommerce marts do not have is a type error. If one of these lines ever
 * type-checks, `@ts-expect-error` itself fails the typecheck.
 */
import type { Kysely } from 'kysely';
import type { EcommerceDatabase, EcommerceMarts } from '@strata-domains/ecommerce';

export function wrongColumns(db: Kysely<EcommerceDatabase>, marts: Kysely<EcommerceMarts>) {
  // @ts-expect-error dim_customers has no `revenue` column (fct_orders has)
  void db.selectFrom('ecommerce_marts.dim_customers').select(['customer_id', 'revenue']);
  // @ts-expect-error int_customer_orders is ephemeral and protected: not in the public interface
  void db.selectFrom('ecommerce_marts.int_customer_orders').selectAll();
  // @ts-expect-error lifetime_value is a number: comparing it with a string is wrong
  void marts.selectFrom('dim_customers').selectAll().where('lifetime_value', '>', 'a lot');
  // The same reads with real columns type-check, and their rows are typed.
  return marts.selectFrom('fct_orders').select(['order_date', 'revenue']).where('revenue', '>', 100);
}
