import { defineModel } from '@strata/core';
import staging from '../staging/schema';

/**
 * Every order with the customer who placed it (ephemeral: inlined as a CTE where it is used).
 * An inner join: the relationships test on stg_orders.customer_id guarantees no order is lost.
 *
 * Written in TypeScript: both inputs are typed from their zod schemas, so selecting a column
 * that staging does not produce (or misspelling one) fails `tsc` before anything runs.
 */
export default defineModel({
  refs: { stg_orders: staging.models.stg_orders, stg_customers: staging.models.stg_customers },
  query: (db) =>
    db
      .selectFrom('stg_orders as o')
      .innerJoin('stg_customers as c', 'c.customer_id', 'o.customer_id')
      .select(['o.order_id', 'o.customer_id', 'o.product_id', 'o.quantity', 'o.unit_price', 'o.amount', 'o.status', 'o.ordered_at'])
      .select(['c.first_name', 'c.last_name', 'c.email', 'c.country_code']),
});
