import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from '@strata/core';

// Strata may evaluate this file as CommonJS (import.meta is then empty) or as ESM (no __dirname).
const projectRoot = typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url));

/**
 * Seeds come from seeds/ unless STRATA_LOGISTICS_SEEDS names another folder (absolute, or relative
 * to the current directory), e.g. one written by `pnpm datagen --scale 50 --out DIR`, to build
 * the same models over more data. Strata reads paths relative to the project.
 */
const seedsOverride = process.env.STRATA_LOGISTICS_SEEDS;
const seeds = seedsOverride ? relative(projectRoot, isAbsolute(seedsOverride) ? seedsOverride : resolve(seedsOverride)) || '.' : 'seeds';

/**
 * The logistics project. The raw tables come from the dispatch platform's database, so the
 * source is named `dispatch` (`logistics_dispatch`); the zone grid is reference data we own,
 * kept as a seed in `logistics_reference`.
 */
export default defineProject({
  name: 'logistics',
  version: '0.1.0',
  schema: 'logistics',
  paths: { seeds },
  models: {
    // Tables, not views: every mart and the intermediate views read staging, so as views the
    // timestamp parsing ran again in each of them and in each test scan; and a filter on
    // stg_orders' drop-off point (int_route_stops, geo_routes) made DuckDB plan its cross join
    // with the zones' bounds as a blockwise nested loop: 80 s of CPU per query at 1M orders.
    // As tables: one int_route_stops scan 72 s → 15 s (EXPLAIN ANALYZE; staging itself ~10 s once).
    staging: { materialized: 'table', schema: 'staging', tags: ['staging'] },
    // Views rather than ephemeral CTEs: the stop-level geometry is reused by two marts and has
    // its own expectations, which need a relation to run against.
    intermediate: { materialized: 'view', schema: 'intermediate', tags: ['intermediate'] },
    // Marts are the domain's interface: other domains may ref them, and their zod schemas are enforced contracts.
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'], access: 'public' },
  },
  seeds: { schema: 'dispatch', overrides: { zones: { schema: 'reference' } } },
  sources: {
    dispatch: { description: 'Nightly replica of the dispatch platform: orders, drivers, route plans and delivery jobs', tables: ['orders', 'drivers', 'routes', 'deliveries'] },
  },
  vars: {
    // Road distance ≈ great-circle distance × this factor (city streets are not straight lines).
    road_factor: 1.3,
    // A delivery (pickup to drop-off) longer than this is a device or upload error, not a trip.
    max_delivery_minutes: 480,
    // Delivery time at which the speed component of the driver score reaches 1.
    target_delivery_minutes: 45,
    // Weights of the driver performance score (they sum to 1; see README).
    score_weight_on_time: 0.4,
    score_weight_speed: 0.25,
    score_weight_rating: 0.2,
    score_weight_reliability: 0.15,
    // A shop customer worth at least this much (ecommerce lifetime value) is high value in
    // customer_delivery_value: their failed or late deliveries need attention.
    high_value_ltv: 2000,
  },
  /**
   * Personal data (driver names, tagged `.meta({ pii: true })`) may live only in the driver
   * models the dispatch desk reads; column-level lineage fails the build when it reaches any other.
   */
  pii: { allow: ['stg_drivers', 'dim_drivers'] },
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
    // The connection comes from libpq's PG* variables (PGHOST, PGUSER, PGPASSWORD, …): no secret here.
    // No nested loops: Postgres guesses a row or two for the staging views' computed filters and
    // would join them by nested loops that grow with the square of the rows (ecommerce at 100k
    // orders: 93 s with them, 13 s without). Hash joins are what a transformation wants anyway.
    postgres: { adapter: 'postgres', sessionSettings: { enable_nestloop: false } },
  },
});
