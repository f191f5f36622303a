/**
 * @strata-domains/ecommerce — the project (its folder and definition), the zod schemas of its
 * public marts, and their generated row types and Kysely `Database` interfaces.
 *
 * @example
 *   import { Kysely } from 'kysely';
 *   import type { EcommerceDatabase } from '@strata-domains/ecommerce';
 *   const db = new Kysely<EcommerceDatabase>({ dialect });
 *   const top = await db.selectFrom('ecommerce_marts.dim_customers').select(['customer_id', 'lifetime_value']).orderBy('lifetime_value', 'desc').limit(10).execute();
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import marts from '../models/marts/schema';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The project definition (`strata.config.ts`): name, schemas, folder settings, sources, vars. */
export { default as project } from '../strata.config';

/** Columns of `ecommerce_marts.fct_orders`: daily order metrics, one row per UTC day with orders. */
export const fctOrdersSchema = marts.models.fct_orders.columns;
/** Columns of `ecommerce_marts.dim_customers`: one row per customer, with lifetime value. */
export const dimCustomersSchema = marts.models.dim_customers.columns;

/** The marts' full schema definitions (description, contract, columns, table-level tests). */
export const martSchemas = marts.models;

/** Where each mart is built with the project's default schema (`ecommerce`). */
export { ecommerceRelations as martRelations } from './database.generated';
export type { DimCustomersRow, FctOrdersRow, EcommerceMarts, EcommerceDatabase } from './database.generated';
export { ecommerceRelations } from './database.generated';
