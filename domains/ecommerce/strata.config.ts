import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from '@strata/core';

// Strata may evaluate this file as CommonJS (import.meta is then empty) or as ESM (no __dirname).
const projectRoot = typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url));

/**
 * Seeds come from seeds/ unless STRATA_ECOMMERCE_SEEDS names another folder (absolute, or
 * relative to the current directory) — e.g. one written by `pnpm datagen -- --scale 100 --out
 * DIR`, to build the same models over more data. Strata reads paths relative to the project.
 */
const seedsOverride = process.env.STRATA_ECOMMERCE_SEEDS;
const seeds = seedsOverride ? relative(projectRoot, isAbsolute(seedsOverride) ? seedsOverride : resolve(seedsOverride)) || '.' : 'seeds';

/**
 * The ecommerce project. The shop's nightly export lands in `ecommerce_raw` (the seeds stand in
 * for the loader); staging cleans it, intermediate joins it, marts are what dashboards read.
 */
export default defineProject({
  name: 'ecommerce',
  version: '0.1.0',
  schema: 'ecommerce',
  paths: { seeds },
  models: {
    staging: { materialized: 'view', schema: 'staging', tags: ['staging'] },
    intermediate: { materialized: 'ephemeral', tags: ['intermediate'] },
    // Marts are the domain's interface: other domains may ref them, and their zod schemas are enforced contracts.
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'], access: 'public' },
  },
  seeds: { schema: 'raw' },
  sources: {
    raw: { description: 'Nightly export of the shop database', tables: ['orders', 'customers', 'products'] },
  },
  vars: {
    /** Orders above this amount must come from a customer with an email (tests/high_order_value.sql). */
    high_order_value: 1000,
  },
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
    // The connection comes from libpq's PG* variables (PGHOST, PGUSER, PGPASSWORD, …): no secret here.
    // No nested loops: Postgres guesses a row or two for the staging views' computed filters and
    // would join them by nested loops that grow with the square of the rows (ecommerce at 100k
    // orders: 93 s with them, 13 s without). Hash joins are what a transformation wants anyway.
    postgres: { adapter: 'postgres', sessionSettings: { enable_nestloop: false } },
  },
  /** What reads the marts outside Strata: shown downstream of them in the manifest and the docs lineage. */
  exposures: {
    shop_performance: {
      type: 'dashboard',
      label: 'Shop performance',
      owner: { name: 'Commerce analytics', email: 'commerce-analytics@example.com' },
      url: 'https://bi.example.com/dashboards/shop-performance',
      description: 'Daily orders, revenue and average order value, with customer lifetime value by country.',
      maturity: 'high',
      dependsOn: ['fct_orders', 'dim_customers'],
    },
  },
});
