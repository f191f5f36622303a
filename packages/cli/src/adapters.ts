import type { AdapterFactory } from '@strata/core';
import { duckdbAdapterFactory } from '@strata/adapter-duckdb';

/** Adapters the CLI can open, keyed by the name targets use (`adapter: 'duckdb'`). */
export function installedAdapters(): Record<string, AdapterFactory> {
  return { duckdb: duckdbAdapterFactory };
}
