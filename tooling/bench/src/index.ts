/** @strata/bench — benchmark building blocks, exported for tests. */
export { writeSyntheticProject } from './synthetic-project.js';
export type { SyntheticProjectOptions } from './synthetic-project.js';
export { median } from './measure.js';
export { createRawTable, createStagingView, createWideTable, dbtTestQuery, twentyChecks } from './expectations-workload.js';
export { toMarkdownTable } from './benchmark-result.js';
export type { BenchmarkResult } from './benchmark-result.js';
export { withDuckDbSettings, benchDuckDbSettings } from './duckdb-settings.js';
export type { BenchDuckDbSettings } from './duckdb-settings.js';
export { newLines, writeNewLines } from './new-lines.js';
export { tableDifference, tableDifferenceSql, isSame } from './table-difference.js';
export type { TableDifference } from './table-difference.js';
export { prepareStreamingLoads, FIRST_LOAD_THROUGH } from './streaming-loads.js';
