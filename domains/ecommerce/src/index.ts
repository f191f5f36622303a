/**
 * @strata-domains/ecommerce — the project folder and the typed schemas of its public marts.
 *
 * @example
 *   import { projectDir, fctOrdersSchema, type FctOrdersRow } from '@strata-domains/ecommerce';
 *   // strata build --project <projectDir>, then read ecommerce_marts.fct_orders
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import marts from '../models/marts/schema';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Columns of `ecommerce_marts.fct_orders`: daily order metrics, one row per UTC day with orders. */
export const fctOrdersSchema = marts.models.fct_orders.columns;
/** Columns of `ecommerce_marts.dim_customers`: one row per customer, with lifetime value. */
export const dimCustomersSchema = marts.models.dim_customers.columns;

/** One row of fct_orders. `order_date` is a `YYYY-MM-DD` string (a DATE column). */
export type FctOrdersRow = z.infer<typeof fctOrdersSchema>;
/** One row of dim_customers. */
export type DimCustomersRow = z.infer<typeof dimCustomersSchema>;

/** The marts' full schema definitions (description, contract, columns, table-level tests). */
export const martSchemas = marts.models;

/** Where each mart is built with the project's default schema (`ecommerce`). */
export const martRelations = {
  fct_orders: 'ecommerce_marts.fct_orders',
  dim_customers: 'ecommerce_marts.dim_customers',
} as const;
