/** @strata/docs — the static docs site: lineage, a page per node, expectations and their results, search. */
export { generateDocs, defaultDocsDir } from './generate-docs.js';
export type { GenerateDocsOptions, GenerateDocsResult } from './generate-docs.js';
export { buildDocsData } from './build-docs-data.js';
export type { ProjectArtifacts } from './build-docs-data.js';
export { writeSite, dataScript, SITE_ASSETS } from './write-site.js';
export { serveDocs } from './serve-docs.js';
export type { DocsServer, ServeOptions } from './serve-docs.js';
export { describeCheck } from './describe-check.js';
export type { DocsData, DocsNode, DocsColumn, DocsExpectation, DocsRun, DocsFreshness, DocsLayer } from './docs-data.js';
