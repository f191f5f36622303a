/** @strata/datagen — deterministic synthetic data for domain generators and benchmarks. */
export { Rng } from './rng.js';
export { csvField, toCsv, writeCsv } from './csv.js';
export type { CsvValue } from './csv.js';
export { messyCase, messyTimestamp, isoDate } from './dirt.js';
export { parseDatagenArgs } from './cli-args.js';
export type { DatagenArgs } from './cli-args.js';
export { parseCsv, readCsv } from './read-csv.js';
export { assertScale, countAtScale } from './scale.js';
