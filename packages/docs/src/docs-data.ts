/**
 * The data the docs site renders, inlined into `data.js` as `window.STRATA_DOCS` so the site
 * works from `file://` (no fetch) as well as from `strata docs serve`. Built from the artifacts
 * (`manifest.json`, `run_results.json`, `catalog.json`, `sources.json`) by `buildDocsData`.
 */

/** Where a node sits in the flow, left to right in the lineage. */
export type DocsLayer = 'source' | 'seed' | 'staging' | 'intermediate' | 'marts' | 'snapshot' | 'model' | 'exposure';

/** Last result of one expectation (a test node attached to the page's node). */
export interface DocsExpectation {
  id: string;
  name: string;
  /** `not_null`, `unique`, `relationships`, `expression_is_true`, `singular`, … */
  kind: string;
  column: string | null;
  severity: string;
  /** `pass`, `fail`, `warn`, `error`, `skipped`, or `not run` when the last run did not include it. */
  status: string;
  /** Great Expectations' name, when known. */
  expectationType?: string;
  elementCount?: number;
  unexpectedCount?: number;
  unexpectedPercent?: number;
  observedValue?: unknown;
  sample?: unknown[];
  message?: string | null;
  /** What the check asserts, e.g. `between 0 and 1`, or the singular test's SQL. */
  detail?: string;
}

/** A column from the zod schema (manifest) merged with the warehouse's view of it (catalog). */
export interface DocsColumn {
  name: string;
  /** Logical type from the zod schema (`bigint`, `string`, `timestamp`…). */
  type: string | null;
  /** The warehouse's own type from catalog.json (`BIGINT`, `VARCHAR`…). */
  warehouseType: string | null;
  description: string;
  nullable: boolean | null;
  pii: boolean;
  /** Expectation ids about this column. */
  tests: string[];
}

/** The outcome of the node's own build in the last run. */
export interface DocsRun {
  status: string;
  completedAt: string | null;
  executionTime: number;
  rowsAffected: number | null;
  message: string | null;
}

/** Freshness of a source: its newest load time and, when `source freshness` ran, the verdict. */
export interface DocsFreshness {
  maxLoadedAt: string | null;
  ageSeconds: number | null;
  status: string | null;
  loadedAtField: string | null;
  warnAfter: string | null;
  errorAfter: string | null;
}

/** One page of the site: a source, seed, model, snapshot or exposure. */
export interface DocsNode {
  id: string;
  name: string;
  resourceType: 'source' | 'seed' | 'model' | 'snapshot' | 'exposure';
  project: string;
  layer: DocsLayer;
  /** What the lineage draws and the search finds: `raw.orders` for sources, the name otherwise. */
  label: string;
  description: string;
  path: string | null;
  tags: string[];
  materialized: string | null;
  relation: string | null;
  rawSql: string | null;
  compiledSql: string | null;
  columns: DocsColumn[];
  expectations: DocsExpectation[];
  rowCount: number | null;
  lastRun: DocsRun | null;
  freshness: DocsFreshness | null;
  /** Exposures only. */
  exposure?: { type: string; owner: string; url: string | null; maturity: string | null };
  contract: boolean;
  upstream: string[];
  downstream: string[];
}

/** Everything the site shows. */
export interface DocsData {
  title: string;
  generatedAt: string;
  projects: Array<{ name: string; nodes: number; lastRunAt: string | null; adapter: string | null }>;
  nodes: DocsNode[];
  /** `[parent, child]` node ids drawn in the lineage. */
  edges: Array<[string, string]>;
}
