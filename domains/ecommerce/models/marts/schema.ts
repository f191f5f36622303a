import { z } from 'zod';
import { defineSchemas } from '@strata/core';

/**
 * The public marts. Their zod objects are the column contract (`contract: true`: the built table
 * must have exactly these columns and compatible types), the source of their tests, and the row
 * types the package exports (`FctOrdersRow`, `DimCustomersRow`).
 */
export default defineSchemas({
  models: {
    fct_orders: {
      description: 'Daily order metrics: one row per UTC day with at least one order.',
      contract: true,
      columns: z.object({
        order_date: z.iso.date().meta({ unique: true, description: 'Calendar day (UTC) the orders were placed' }),
        orders: z.number().int().min(1).meta({ tests: ['is_positive'], description: 'Orders placed that day, whatever their status' }),
        completed_orders: z.number().int().min(0).meta({ description: "Orders placed that day whose status is 'completed'" }),
        cancelled_orders: z.number().int().min(0).meta({ description: "Orders placed that day whose status is 'cancelled'" }),
        revenue: z.number().min(0).meta({ description: 'Sum of amount (quantity × unit price) of completed orders; 0 when none' }),
        average_order_value: z.number().min(0).nullable().meta({ description: 'revenue / completed_orders, rounded to cents; null when no order completed' }),
        distinct_customers: z.number().int().min(1).meta({ description: 'Customers who placed at least one order that day' }),
      }),
      tests: [
        { name: 'expression_is_true', expression: 'orders = completed_orders + cancelled_orders', alias: 'fct_orders_statuses_add_up' },
        { name: 'expression_is_true', expression: 'distinct_customers <= orders', alias: 'fct_orders_customers_at_most_orders' },
        // A day's completed orders can never exceed the orders placed that day.
        { name: 'column_pair_greater', column_a: 'orders', column_b: 'completed_orders', or_equal: true, alias: 'fct_orders_completed_within_orders' },
      ],
    },
    dim_customers: {
      description: 'One row per customer, including customers who never ordered.',
      contract: true,
      columns: z.object({
        customer_id: z.number().int().meta({ unique: true, description: 'Customer number' }),
        first_name: z.string().nullable().meta({ description: 'First name; null when missing or blank' }),
        last_name: z.string().nullable().meta({ description: 'Last name; null when missing or blank' }),
        email: z.string().nullable().meta({ description: 'Lower-case email address; null when none was given' }),
        country_code: z.string().length(2).nullable().meta({ description: 'ISO 3166-1 alpha-2 code; null when unknown' }),
        country_name: z.string().nullable().meta({ description: 'Country name from the country_codes seed; null when the code is unknown' }),
        first_order_at: z.date().nullable().meta({ description: 'First order placed, any status (UTC); null when none' }),
        last_order_at: z.date().nullable().meta({ description: 'Latest order placed, any status (UTC); null when none' }),
        order_count: z.number().int().min(0).meta({ description: 'Orders placed, any status' }),
        lifetime_value: z.number().min(0).meta({ description: 'Sum of amount of completed orders; 0 when none' }),
      }),
      tests: [
        { name: 'expression_is_true', expression: '(order_count = 0) = (first_order_at is null)', alias: 'dim_customers_order_dates_iff_orders' },
        { name: 'expression_is_true', expression: 'first_order_at is null or first_order_at <= last_order_at', alias: 'dim_customers_first_before_last' },
        // Every customer of the export appears exactly once, whether or not they ordered.
        { name: 'row_count_equal', to: 'stg_customers', alias: 'dim_customers_one_row_per_customer' },
      ],
    },
  },
});
