/**
 * @strata-domains/logistics — the Strata project folder and the typed schemas of its public
 * marts (`fct_deliveries`, `dim_drivers`, `geo_routes`, `route_efficiency` in `logistics_marts`).
 *
 * @example
 *   import { projectDir, type FctDeliveriesRow } from '@strata-domains/logistics';
 *   // strata build --project <projectDir>; then read logistics_marts.fct_deliveries as FctDeliveriesRow[]
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import marts from '../models/marts/schema.js';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Zod schema of `logistics_marts.fct_deliveries`: delivery KPIs by day and zone. */
export const fctDeliveriesSchema = marts.models.fct_deliveries.columns;
/** Zod schema of `logistics_marts.dim_drivers`: one row per driver with the performance score. */
export const dimDriversSchema = marts.models.dim_drivers.columns;
/** Zod schema of `logistics_marts.geo_routes`: one row per delivery job on the map. */
export const geoRoutesSchema = marts.models.geo_routes.columns;
/** Zod schema of `logistics_marts.route_efficiency`: planned vs actual per route, and wasted distance. */
export const routeEfficiencySchema = marts.models.route_efficiency.columns;

/** A row of `logistics_marts.fct_deliveries`. */
export type FctDeliveriesRow = z.infer<typeof fctDeliveriesSchema>;
/** A row of `logistics_marts.dim_drivers`. */
export type DimDriversRow = z.infer<typeof dimDriversSchema>;
/** A row of `logistics_marts.geo_routes`. */
export type GeoRoutesRow = z.infer<typeof geoRoutesSchema>;
/** A row of `logistics_marts.route_efficiency`. */
export type RouteEfficiencyRow = z.infer<typeof routeEfficiencySchema>;

/** The public marts as a Kysely-style `Database` interface, keyed by `schema.table`. */
export interface LogisticsDatabase {
  'logistics_marts.fct_deliveries': FctDeliveriesRow;
  'logistics_marts.dim_drivers': DimDriversRow;
  'logistics_marts.geo_routes': GeoRoutesRow;
  'logistics_marts.route_efficiency': RouteEfficiencyRow;
}
