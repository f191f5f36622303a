import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

/**
 * The raw export (sources, loaded from seeds/*.csv in development) and the staging models that
 * clean it. Raw columns are declared as text: the export is untyped and dirty, and typing it is
 * staging's job. Declaring them makes the seed loader read every column as VARCHAR instead of
 * guessing a type from the first rows.
 */
const CATEGORIES = ['electronics', 'home', 'apparel', 'books', 'toys', 'sports', 'beauty', 'garden'] as const;

export default defineSchemas({
  sources: {
    raw: {
      orders: {
        description: 'Orders as exported from the shop: one row per order, some exported twice; free-text statuses, prices and timestamps.',
        columns: z.object({
          OrderID: z.string().meta({ description: 'Order number' }),
          CustomerID: z.string().meta({ description: 'Customer who placed the order' }),
          ProductID: z.string().meta({ description: 'Product ordered (one product per order)' }),
          Quantity: z.string().meta({ description: 'Units ordered' }),
          UnitPrice: z.string().meta({ description: "Price per unit as typed: '$1,200.00', '1200', '12.5'" }),
          Status: z.string().meta({ description: "'completed' or 'cancelled' in any case, sometimes padded" }),
          CreatedAt: z.string().meta({ description: 'When the order was placed, in one of several formats and time zones' }),
        }),
        tests: [{ name: 'row_count_between', min: 1 }],
      },
      customers: {
        description: 'Customer accounts as exported from the shop.',
        columns: z.object({
          id: z.string().meta({ description: 'Customer number' }),
          first_name: z.string().nullable(),
          last_name: z.string().nullable(),
          email: z.string().nullable().meta({ description: 'As typed by the customer: may be blank, padded or in capitals' }),
          country: z.string().nullable().meta({ description: "ISO 3166 alpha-2 code, any case; 'UK' for GB" }),
          created_at: z.string().meta({ description: 'Sign-up time, in one of several formats' }),
        }),
      },
      products: {
        description: 'The product catalogue.',
        columns: z.object({
          id: z.string(),
          name: z.string().nullable(),
          category: z.string(),
          price: z.string().meta({ description: 'Current list price, formatted like UnitPrice' }),
        }),
      },
    },
  },
  seeds: {
    country_codes: {
      description: 'ISO 3166-1 alpha-2 country codes and English short names.',
      columns: z.object({
        code: z.string().length(2).meta({ unique: true }),
        name: z.string(),
      }),
    },
  },
  models: {
    stg_orders: {
      description: 'One row per order: deduplicated, typed, status normalised, timestamps in UTC.',
      columns: z.object({
        order_id: z.number().int().meta({ unique: true, description: 'Order number' }),
        customer_id: z.number().int().meta({ references: ref('stg_customers', 'customer_id'), description: 'Customer who placed the order' }),
        product_id: z.number().int().meta({ references: ref('stg_products', 'product_id'), description: 'Product ordered' }),
        quantity: z.number().int().meta({ tests: ['is_positive'], description: 'Units ordered' }),
        unit_price: z.number().min(0).meta({ tests: ['is_positive'], description: 'Price per unit paid, in the shop currency' }),
        amount: z.number().min(0).meta({ description: 'quantity × unit_price' }),
        status: z.enum(['completed', 'cancelled']).meta({ description: 'Final state of the order' }),
        ordered_at: z.date().meta({ description: 'When the order was placed (UTC)' }),
      }),
    },
    stg_customers: {
      description: 'One row per customer: renamed fields, blanks as null, emails lower-case, ISO country codes.',
      columns: z.object({
        customer_id: z.number().int().meta({ unique: true, description: 'Customer number' }),
        first_name: z.string().nullable(),
        last_name: z.string().nullable(),
        email: z.string().regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/).nullable().meta({ description: 'Lower-case email address; null when none was given' }),
        country_code: z.string().length(2).nullable().meta({ description: 'ISO 3166-1 alpha-2, upper case' }),
        signed_up_at: z.date().meta({ description: 'When the account was created (UTC)' }),
      }),
    },
    stg_products: {
      description: 'One row per product in the catalogue.',
      columns: z.object({
        product_id: z.number().int().meta({ unique: true }),
        product_name: z.string().nullable(),
        category: z.enum(CATEGORIES),
        list_price: z.number().min(0).meta({ tests: ['is_positive'], description: 'Current list price' }),
      }),
    },
  },
});
