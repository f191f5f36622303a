import { defineModel, rowType, sql } from '@strata/core';
import type { DimCustomersRow } from '@strata-domains/ecommerce';
import staging from '../staging/schema';

/**
 * One row per dispatch customer: the delivery service they got, next to what they are worth to
 * the shop. The shop (the ecommerce domain, a package this one depends on) is the merchant whose
 * orders the fleet delivers; the dispatch platform writes a shop customer as 'c' and their shop
 * number (c00277 is shop customer 277). Ids the shop does not know are other merchants'
 * customers: their tier is 'unknown'.
 *
 * `needs_attention` flags high-value shop customers (lifetime value ≥ var('high_value_ltv')) who
 * had a failed or a late delivery — the list customer care calls first.
 *
 * Written in TypeScript: the ecommerce columns are typed by the row type that package generates
 * from its zod schema (a type-only import: loading this model never needs ecommerce's build), so
 * if ecommerce renames `lifetime_value`, this model fails `tsc` here, not in a dashboard; and
 * `ref('ecommerce', 'dim_customers')` only resolves because that mart is public.
 */
export default defineModel({
  refs: {
    stg_orders: staging.models.stg_orders,
    stg_deliveries: staging.models.stg_deliveries,
    'ecommerce.dim_customers': rowType<DimCustomersRow>(),
  },
  query: (db, ctx) =>
    db
      .with('service', (qb) =>
        qb
          .selectFrom('stg_deliveries as d')
          .innerJoin('stg_orders as o', 'o.order_id', 'd.order_id')
          .select((eb) => {
            const count = (status: 'delivered' | 'failed' | 'cancelled') => eb.fn.sum<number>(eb.case().when('d.status', '=', status).then(1).else(0).end());
            return [
              'o.customer_id',
              eb.fn.countAll<number>().as('deliveries'),
              count('delivered').as('delivered'),
              count('failed').as('failed'),
              count('cancelled').as('cancelled'),
              eb.fn.count<number>('d.is_on_time').as('timed_deliveries'),
              eb.fn.sum<number>(eb.case().when('d.is_on_time', '=', false).then(1).else(0).end()).as('late_deliveries'),
            ];
          })
          .groupBy('o.customer_id'),
      )
      .selectFrom('service as s')
      .leftJoin('ecommerce.dim_customers as c', (join) =>
        // 'c00277' → 277; an id that is not 'c' and digits matches no shop customer.
        join.on(sql<boolean>`${sql.ref('c.customer_id')} = ${ctx.macro('safe_cast', 'substr(s.customer_id, 2)', ctx.macro('type_bigint'))}`),
      )
      .select((eb) => {
        const highValue = eb('c.lifetime_value', '>=', ctx.var<number>('high_value_ltv', 2000));
        const tier = eb.case().when('c.customer_id', 'is', null).then(sql.lit('unknown')).when(highValue).then(sql.lit('high')).else(sql.lit('standard')).end();
        return [
          's.customer_id',
          'c.customer_id as shop_customer_id',
          'c.country_code',
          'c.lifetime_value as shop_lifetime_value',
          'c.order_count as shop_orders',
          sql<number>`cast(${eb.ref('s.deliveries')} as ${ctx.macro('type_bigint')})`.as('deliveries'),
          sql<number>`cast(${eb.ref('s.delivered')} as ${ctx.macro('type_bigint')})`.as('delivered'),
          sql<number>`cast(${eb.ref('s.failed')} as ${ctx.macro('type_bigint')})`.as('failed'),
          sql<number>`cast(${eb.ref('s.cancelled')} as ${ctx.macro('type_bigint')})`.as('cancelled'),
          sql<number>`cast(${eb.ref('s.timed_deliveries')} as ${ctx.macro('type_bigint')})`.as('timed_deliveries'),
          sql<number>`cast(${eb.ref('s.late_deliveries')} as ${ctx.macro('type_bigint')})`.as('late_deliveries'),
          eb
            .case()
            .when('s.timed_deliveries', '>', 0)
            .then(sql<number>`(${eb.ref('s.timed_deliveries')} - ${eb.ref('s.late_deliveries')}) * 1.0 / ${eb.ref('s.timed_deliveries')}`)
            .end()
            .as('on_time_rate'),
          tier.as('value_tier'),
          eb.and([eb('c.customer_id', 'is not', null), highValue, eb.or([eb('s.failed', '>', 0), eb('s.late_deliveries', '>', 0)])]).as('needs_attention'),
        ];
      })
      .orderBy('s.customer_id'),
});
