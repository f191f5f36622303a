/** @strata/bench — benchmark building blocks, exported for tests. */
export { writeSyntheticProject } from './synthetic-project.js';
export type { SyntheticProjectOptions } from './synthetic-project.js';
export { median } from './measure.js';
export { toMarkdownTable } from './benchmark-result.js';
export type { BenchmarkResult } from './benchmark-result.js';
