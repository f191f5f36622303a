import type { AdapterFactory } from '@strata/core';
import { duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { postgresAdapterFactory } from '@strata/adapter-postgres';
import { bigqueryAdapterFactory } from '@strata/adapter-bigquery';

/** Adapters the CLI can open, keyed by the name targets use (`adapter: 'duckdb'`, `adapter: 'postgres'`, `adapter: 'bigquery'`). */
export function installedAdapters(): Record<string, AdapterFactory> {
  return { duckdb: duckdbAdapterFactory, postgres: postgresAdapterFactory, bigquery: bigqueryAdapterFactory };
}
