import { defineProject } from '@strata/core';

/**
 * The ecommerce project. Raw exports land in `ecommerce_raw` (seeds stand in for the loader);
 * staging cleans them, intermediate joins them, marts are what dashboards read.
 */
export default defineProject({
  name: 'ecommerce',
  version: '0.1.0',
  schema: 'ecommerce',
  models: {
    staging: { materialized: 'view', schema: 'staging', tags: ['staging'] },
    intermediate: { materialized: 'ephemeral', tags: ['intermediate'] },
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'] },
  },
  seeds: { schema: 'raw' },
  sources: {
    raw: { description: 'Nightly export of the shop database', tables: ['orders', 'customers', 'products'] },
  },
  vars: { high_order_value: 1000 },
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
  },
});
