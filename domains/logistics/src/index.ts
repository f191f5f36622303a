/**
 * @strata-domains/logistics — the project (its folder and definition), the zod schemas of its
 * public marts (`fct_deliveries`, `dim_drivers`, `geo_routes`, `route_efficiency`,
 * `customer_delivery_value` in `logistics_marts`), and their generated row types and Kysely
 * `Database` interfaces.
 *
 * @example
 *   import { Kysely } from 'kysely';
 *   import type { LogisticsDatabase } from '@strata-domains/logistics';
 *   const db = new Kysely<LogisticsDatabase>({ dialect });
 *   const days = await db.selectFrom('logistics_marts.fct_deliveries').selectAll().execute();
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import marts from '../models/marts/schema.js';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The project definition (`strata.config.ts`): name, schemas, folder settings, sources, vars. */
export { default as project } from '../strata.config';

/** Zod schema of `logistics_marts.fct_deliveries`: delivery KPIs by day and zone. */
export const fctDeliveriesSchema = marts.models.fct_deliveries.columns;
/** Zod schema of `logistics_marts.dim_drivers`: one row per driver with the performance score. */
export const dimDriversSchema = marts.models.dim_drivers.columns;
/** Zod schema of `logistics_marts.geo_routes`: one row per delivery job on the map. */
export const geoRoutesSchema = marts.models.geo_routes.columns;
/** Zod schema of `logistics_marts.route_efficiency`: planned vs actual per route, and wasted distance. */
export const routeEfficiencySchema = marts.models.route_efficiency.columns;
/** Zod schema of `logistics_marts.customer_delivery_value`: delivery service per customer next to their ecommerce lifetime value. */
export const customerDeliveryValueSchema = marts.models.customer_delivery_value.columns;

export type { FctDeliveriesRow, DimDriversRow, GeoRoutesRow, RouteEfficiencyRow, CustomerDeliveryValueRow, LogisticsMarts, LogisticsDatabase } from './database.generated';
export { logisticsRelations } from './database.generated';
