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
 * The healthcare project. The EHR export lands in `healthcare_ehr` (seeds stand in for the
 * loader), reference seeds in `healthcare_reference`; staging removes every identifier and
 * writes `healthcare_staging`; marts are what dashboards and researchers read.
 */
export default defineProject({
  name: 'healthcare',
  version: '0.1.0',
  schema: 'healthcare',
  models: {
    // Staging models are tables: the patient key's salt is in their SQL, and a view would keep it in the warehouse.
    staging: { materialized: 'table', schema: 'staging', tags: ['staging'] },
    intermediate: { materialized: 'view', schema: 'intermediate', tags: ['intermediate'] },
    // Marts are the domain's interface: other domains may ref them, and their zod schemas are enforced contracts.
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'], access: 'public' },
  },
  seeds: {
    schema: 'ehr',
    overrides: {
      appointment_status_codes: { schema: 'reference' },
      us_states: { schema: 'reference' },
      restricted_zip3: { schema: 'reference' },
    },
  },
  sources: {
    ehr: { description: 'Nightly export of the electronic health record', tables: ['patients', 'appointments', 'medications'] },
  },
  vars: {
    /** The day of the export: ages are computed on it (deterministic builds, no current_date). */
    as_of_date: '2024-06-30',
    /** A dose taken more than this many minutes after it was due is late. */
    late_dose_minutes: 60,
    /** Adherent when at least this share of due doses was taken. */
    adherence_threshold: 0.8,
    /** Targets whose warehouse holds only generated data and may use the development salt (macros/pii.sql). */
    synthetic_data_targets: ['dev'],
    /** Raw PII column names, derived from the source schemas. */
    pii_columns: piiColumns(staging.sources.ehr),
  },
  /**
   * No model may hold personal data: column-level lineage follows every column tagged
   * `.meta({ pii: true })` (models/staging/schema.ts) and the build fails before it starts when
   * one reaches a model unmasked (patient_key() hashes MRNs). A ZIP3 with restricted areas zeroed
   * is Safe Harbor de-identification, so it stops there.
   */
  pii: { allow: [], deidentified: ['stg_patients.zip3'] },
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
    // The connection comes from libpq's PG* variables (PGHOST, PGUSER, PGPASSWORD, …): no secret here.
    // No nested loops: Postgres guesses a row or two for the staging views' computed filters and
    // would join them by nested loops that grow with the square of the rows (ecommerce at 100k
    // orders: 93 s with them, 13 s without). Hash joins are what a transformation wants anyway.
    postgres: { adapter: 'postgres', sessionSettings: { enable_nestloop: false } },
  },
});
