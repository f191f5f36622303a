/** @strata/adapter-bigquery — Google BigQuery, for teams that outgrow one machine. */
export { BigQueryAdapter } from './bigquery-adapter.js';
export { bigqueryAdapterFactory } from './bigquery-factory.js';
export type { BigQueryOpenOptions, DryRunResult } from './bigquery-adapter.js';
export type { BigQueryConfig, BigQueryPriority, ResolvedBigQueryConfig } from './bigquery-config.js';
export { resolveBigQueryConfig } from './bigquery-config.js';
export { BigQueryConnection, transactionScript } from './bigquery-connection.js';
export { BigQueryDialect } from './bigquery-dialect.js';
export { BigQueryIntrospector } from './bigquery-introspector.js';
export { BigQueryMaterializer } from './bigquery-materializer.js';
export type { PartitionSpec, TableLayout } from './bigquery-partitioning.js';
export { redactSecrets, TRANSIENT_REASONS } from './bigquery-errors.js';
