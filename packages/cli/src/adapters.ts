import type { AdapterFactory } from '@strata/core';
// The factories only: each driver is loaded when its warehouse is opened, so commands that need
// none (compile, ls, --help) start without DuckDB's native library, pg or the BigQuery client.
import { duckdbAdapterFactory } from '@strata/adapter-duckdb/factory';
import { postgresAdapterFactory } from '@strata/adapter-postgres/factory';
import { bigqueryAdapterFactory } from '@strata/adapter-bigquery/factory';

/** Adapters the CLI can open, keyed by the name targets use (`adapter: 'duckdb'`, `adapter: 'postgres'`, `adapter: 'bigquery'`). */
export function installedAdapters(): Record<string, AdapterFactory> {
  return { duckdb: duckdbAdapterFactory, postgres: postgresAdapterFactory, bigquery: bigqueryAdapterFactory };
}
