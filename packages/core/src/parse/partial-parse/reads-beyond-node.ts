/**
 * Names of dbt's Jinja context through which a template can read more than its own node, its
 * parents and the project's vars: the whole manifest (`graph`) or the warehouse (`adapter`,
 * `run_query`, `statement`, `load_result`).
 */
const BEYOND_NODE = /\b(graph|adapter|run_query|statement|load_result)\b/;

/**
 * Whether a template (a model's SQL, a macro file) may read beyond its node: found by name, as
 * refs are. Nunjucks copies its whole context before rendering, so reads cannot be observed;
 * a mention of one of these names (even in a comment) makes a re-compile parse everything.
 */
export function readsBeyondNode(text: string): boolean {
  return BEYOND_NODE.test(text);
}
