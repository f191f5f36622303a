/** @strata/cli — the `strata` command, also callable in-process. */
export { runCli, EXIT } from './cli.js';
export type { CliIo } from './cli.js';
export { installedAdapters } from './adapters.js';
export { findAllProjects } from './find-projects.js';
export { formatResultLine, formatSummary } from './format-result.js';
