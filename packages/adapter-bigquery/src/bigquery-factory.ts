import type { AdapterFactory } from '@strata/core';
import { BigQueryDialect } from './bigquery-dialect.js';

/**
 * Registers BigQuery with the CLI: `targets: { prod: { adapter: 'bigquery', project, location } }`.
 * `createDialect` needs no credentials, so `strata compile` stays offline; the client library is
 * loaded when a warehouse is opened (`@strata/adapter-bigquery/factory` imports only the dialect).
 */
export const bigqueryAdapterFactory: AdapterFactory = {
  name: 'bigquery',
  createDialect: (target) => new BigQueryDialect(typeof target.project === 'string' ? target.project : undefined),
  open: async (target, context) => (await import('./bigquery-adapter.js')).BigQueryAdapter.open(target, { workspaceRoot: context.workspaceRoot, log: context.log }),
};
