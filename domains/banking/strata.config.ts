import { defineProject } from '@strata/core';
import staging from './models/staging/schema';

/**
 * Names of the source columns tagged `.meta({ pii: true })` in models/staging/schema.ts, lower
 * case. `tests/assert_no_pii_after_staging.sql` fails the build when a built model has a column
 * of one of these names; deriving the list from the schemas keeps the rule in one place.
 */
function piiColumns(tables: Record<string, { columns?: { shape: Record<string, unknown> } }>): string[] {
  const names = new Set<string>();
  for (const table of Object.values(tables)) {
    for (const [column, field] of Object.entries(table.columns?.shape ?? {})) {
      // Walk through .nullable()/.optional() wrappers: metadata may sit on any of them.
      for (let node = field as { meta?: () => { pii?: boolean } | undefined; _zod?: { def: { innerType?: unknown } } } | undefined; node; node = node._zod?.def.innerType as typeof node) {
        if (node.meta?.()?.pii) names.add(column.toLowerCase());
      }
    }
  }
  return [...names].sort();
}

/**
 * The banking project. The core-banking export lands in `banking_bank` (seeds stand in for the
 * loader), reference seeds in `banking_reference`; staging cleans, converts and removes identity
 * data into `banking_staging`; marts are what dashboards and the fraud team read. The fraud
 * rules' thresholds are vars, so a team can tune them per run with --vars.
 */
export default defineProject({
  name: 'banking',
  version: '0.1.0',
  schema: 'banking',
  models: {
    // Tables: stg_transactions parses every raw transaction (timestamps, amounts, currencies,
    // coordinates), and as a view each of its ~30 readers (the fraud rules, fct_transactions,
    // the tests) parsed them again: 17 s a relationship test at 100k rows on Postgres.
    staging: { materialized: 'table', schema: 'staging', tags: ['staging'] },
    intermediate: { materialized: 'view', schema: 'intermediate', tags: ['intermediate'] },
    // Marts are the domain's interface: other domains may ref them, and their zod schemas are enforced contracts.
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'], access: 'public' },
  },
  seeds: {
    schema: 'bank',
    overrides: {
      fx_rates: { schema: 'reference' },
      transaction_types: { schema: 'reference' },
      country_codes: { schema: 'reference' },
      high_risk_countries: { schema: 'reference' },
    },
  },
  sources: {
    bank: { description: 'Nightly export of the core-banking system', tables: ['transactions', 'customers', 'branches'] },
  },
  vars: {
    /** Last day of the export: ages and document expiry are judged on it (deterministic builds). */
    as_of_date: '2024-03-31',
    /** Every amount is converted into this currency (it must be in seeds/fx_rates.csv). */
    reporting_currency: 'USD',
    /** unusual_amount: more than this many standard deviations above the customer's earlier debits … */
    fraud_amount_stddevs: 4,
    /** … with at least this many earlier debits … */
    fraud_amount_min_history: 20,
    /** … and at least this amount in the reporting currency. */
    fraud_amount_floor: 500,
    /** round_amount_burst: debits that are whole multiples of this (and worth at least one in the reporting currency) … */
    fraud_round_unit: 100,
    /** … this many or more … */
    fraud_burst_count: 3,
    /** … within this many minutes. */
    fraud_burst_minutes: 60,
    /** far_from_home: card-present further than this from the home branch. */
    fraud_home_radius_km: 500,
    /** impossible_travel: faster than this between consecutive card-present transactions … */
    fraud_max_speed_kmh: 900,
    /** … that are at least this far apart. */
    fraud_min_travel_km: 100,
    /** Raw PII column names, derived from the source schemas. */
    pii_columns: piiColumns(staging.sources.bank),
  },
  /**
   * No model may hold personal data: column-level lineage follows every column tagged
   * `.meta({ pii: true })` and the build fails before it starts when one reaches a model
   * unmasked. An age in whole years (age_in_years()) no longer identifies a customer.
   */
  pii: { allow: [], maskingMacros: ['age_in_years'] },
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
    // The connection comes from libpq's PG* variables (PGHOST, PGUSER, PGPASSWORD, …): no secret here.
    // No nested loops: Postgres guesses a row or two for the staging views' computed filters and
    // would join them by nested loops that grow with the square of the rows (ecommerce at 100k
    // orders: 93 s with them, 13 s without). Hash joins are what a transformation wants anyway.
    postgres: { adapter: 'postgres', sessionSettings: { enable_nestloop: false } },
  },
});
