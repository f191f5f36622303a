import type { AdapterFactory } from '@strata/core';
import type { PostgresConfig } from './postgres-config.js';
import { PostgresDialect } from './postgres-dialect.js';

/**
 * Registers Postgres with the CLI: `targets: { prod: { adapter: 'postgres', host, database, … } }`.
 * `pg` and Kysely are loaded when a warehouse is opened, so offline commands start without them
 * (`@strata/adapter-postgres/factory` imports only the dialect).
 */
export const postgresAdapterFactory: AdapterFactory = {
  name: 'postgres',
  createDialect: (target) => new PostgresDialect((target as Partial<PostgresConfig>).helperSchema, (target as Partial<PostgresConfig>).foldCase ?? true),
  open: async (target) => (await import('./postgres-adapter.js')).PostgresAdapter.open(target as Partial<PostgresConfig>),
};
