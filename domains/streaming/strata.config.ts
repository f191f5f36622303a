import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from '@strata/core';

// Strata may evaluate this file as CommonJS (import.meta is then empty) or as ESM (no __dirname).
const projectRoot = typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url));

/**
 * Seeds come from seeds/ unless STRATA_STREAMING_SEEDS names another folder (absolute, or relative
 * to the current directory), e.g. one written by `pnpm datagen --scale 50 --out DIR`, to build
 * the same models over more data. Strata reads paths relative to the project.
 */
const seedsOverride = process.env.STRATA_STREAMING_SEEDS;
const seeds = seedsOverride ? relative(projectRoot, isAbsolute(seedsOverride) ? seedsOverride : resolve(seedsOverride)) || '.' : 'seeds';

/**
 * The streaming project. Two raw sources, named the way the business names them:
 * `events` is the client event stream (playback sessions as the apps report them) and `app` is
 * the replica of the application database (accounts, catalogue, billing). Seeds stand in for
 * both loaders and land in `streaming_events` / `streaming_app`.
 */
export default defineProject({
  name: 'streaming',
  version: '0.1.0',
  schema: 'streaming',
  paths: { seeds },
  models: {
    staging: { materialized: 'view', schema: 'staging', tags: ['staging'] },
    intermediate: { materialized: 'ephemeral', schema: 'intermediate', tags: ['intermediate'] },
    // Marts are the domain's interface: other domains may ref them, and their zod schemas are enforced contracts.
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'], access: 'public' },
  },
  seeds: { schema: 'app', overrides: { watch_history: { schema: 'events' } } },
  sources: {
    events: { description: 'Client event stream: one row per playback session, as the apps upload it', tables: ['watch_history'] },
    app: { description: 'Nightly replica of the application database: accounts, catalogue and billing', tables: ['users', 'shows', 'subscriptions'] },
  },
  vars: {
    // Sessions longer than this (seconds) are player bugs, not viewing: 12 hours.
    max_session_seconds: 43200,
    // A session counts as completed when it covers this share of the title's runtime.
    completion_threshold: 0.9,
  },
  /**
   * No model may hold personal data (the login e-mail, tagged `.meta({ pii: true })`):
   * column-level lineage fails the build when it reaches one unmasked.
   */
  pii: { allow: [] },
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
    // The connection comes from libpq's PG* variables (PGHOST, PGUSER, PGPASSWORD, …): no secret here.
    // No nested loops: Postgres guesses a row or two for the staging views' computed filters and
    // would join them by nested loops that grow with the square of the rows (ecommerce at 100k
    // orders: 93 s with them, 13 s without). Hash joins are what a transformation wants anyway.
    postgres: { adapter: 'postgres', sessionSettings: { enable_nestloop: false } },
  },
});
