import type { ExportsConfig, ExposureConfig } from './exposure-config.js';
import type { ModelAccess } from './model-access.js';
import type { PiiPolicyConfig } from './pii-policy-config.js';

/**
 * What a user writes in `strata.config.ts`. Everything here is plain data so that a project
 * can be loaded, parsed and compiled without a warehouse.
 */

export type Materialization = 'view' | 'table' | 'ephemeral' | 'incremental' | 'seed' | 'snapshot';

/** Settings that apply to every model under a folder (and may be overridden by `config()` in SQL). */
export interface FolderConfig {
  /** How models in the folder are built. Default: `view`. */
  materialized?: Materialization;
  /** Custom schema, appended to the project schema: `staging` → `ecommerce_staging`. */
  schema?: string;
  tags?: string[];
  enabled?: boolean;
  /** Who may ref the folder's models: `public` (other projects too), `protected` (default) or `private` (this folder). */
  access?: ModelAccess;
  /**
   * Sub-folders, keyed by folder name, inherit and override these settings; other keys are model
   * settings such as `unique_key`, `incremental_strategy`, `on_schema_change`, `pre_hook` and
   * `post_hook` (hooks accumulate from folder to model), and `grants` — privileges given to
   * roles after every build and swap, `{ select: ['reporter'] }` (Postgres and BigQuery; ignored by DuckDB).
   */
  [subfolder: string]: unknown;
}

/** A warehouse to build into. `adapter` names the adapter package's short name. */
export interface TargetConfig {
  adapter: string;
  /** Base schema for this target; the project schema is used when absent. */
  schema?: string;
  /** Retries of transient errors on this warehouse (overrides the project's `retries`). */
  retries?: RetryConfig;
  /** Adapter-specific settings (DuckDB `path`, Postgres `host`, …). */
  [setting: string]: unknown;
}

/** A span of time for freshness limits: `{ count: 12, period: 'hour' }`. */
export interface FreshnessSpan {
  count: number;
  period: 'minute' | 'hour' | 'day';
}

/**
 * How fresh a source table must be: the newest `loadedAtField` value may be at most `warnAfter`
 * (a warning) or `errorAfter` (an error) old. `filter` limits the rows looked at (a SQL condition).
 * @example freshness: { warnAfter: { count: 12, period: 'hour' }, errorAfter: { count: 1, period: 'day' } }
 */
export interface FreshnessConfig {
  warnAfter?: FreshnessSpan;
  errorAfter?: FreshnessSpan;
  filter?: string;
}

/** A raw table Strata reads but does not build, e.g. `raw.orders`. */
export interface SourceConfig {
  /** Physical schema holding the tables; defaults to `<project schema>_<source name>`. */
  schema?: string;
  description?: string;
  tables: string[];
  /** Default `loadedAtField` of the source's tables (a table's schema.ts entry overrides it). */
  loadedAtField?: string;
  /** Default freshness limits of the source's tables (a table's schema.ts entry overrides them). */
  freshness?: FreshnessConfig;
}

/** Settings of every snapshot under `snapshots/` (a snapshot's own `config()` overrides them). */
export interface SnapshotsConfig {
  /** Custom schema of snapshots, appended to the project schema. Default: `snapshots`. */
  schema?: string;
  tags?: string[];
  /** Any other snapshot setting shared by all (`strategy`, `invalidate_hard_deletes`, …). */
  [setting: string]: unknown;
}

/**
 * A named selector: a `--select` expression (or a list of them, a union), optionally minus an
 * `exclude` expression. Used with `--selector name` or `selector:name` inside `--select`.
 * @example selectors: { nightly: { select: ['tag:nightly', '+fct_orders'], exclude: 'tag:slow' } }
 */
export type SelectorDefinition = string | string[] | { select: string | string[]; exclude?: string | string[]; description?: string };

/** Retries of transient warehouse errors (a lost connection, a lock, a rate limit); SQL errors are never retried. */
export interface RetryConfig {
  /** Extra attempts after the first. Default 2; 0 turns retries off. */
  count?: number;
  /** Delay before the first retry, doubled for each next one. Default 250 ms. */
  backoffMs?: number;
  /** Upper bound of one delay. Default 10 s. */
  maxBackoffMs?: number;
}

export interface SeedsConfig {
  /** Custom schema of seeds (appended to the project schema). */
  schema?: string;
  tags?: string[];
  /** Per-seed overrides keyed by file name without `.csv`. */
  overrides?: Record<string, { schema?: string; delimiter?: string; enabled?: boolean }>;
}

export interface ProjectConfig {
  /** Project (package) name, used in node ids: `model.<name>.<model>`. */
  name: string;
  version?: string;
  /** Base schema; defaults to the project name. */
  schema?: string;
  /** Folders scanned for each resource type, relative to the project root. */
  paths?: { models?: string; seeds?: string; tests?: string; macros?: string; snapshots?: string };
  /** Folder-level model settings keyed by folder under `models/`. */
  models?: Record<string, FolderConfig>;
  seeds?: SeedsConfig;
  /** Sources keyed by source name (`raw` in `source('raw', 'orders')`). */
  sources?: Record<string, SourceConfig>;
  /** Settings of snapshots under `snapshots/`. */
  snapshots?: SnapshotsConfig;
  vars?: Record<string, unknown>;
  /** SQL run once before a run's nodes (Jinja with `target`, `var`, macros). */
  onRunStart?: string | string[];
  /** SQL run once after a run's nodes; its Jinja also sees `results` and `schemas`. */
  onRunEnd?: string | string[];
  /** Named selectors for `--selector name`. */
  selectors?: Record<string, SelectorDefinition>;
  /** Retries of transient warehouse errors (a target's own `retries` overrides these). */
  retries?: RetryConfig;
  /** Named warehouses; `dev` is used unless `--target` says otherwise. */
  targets?: Record<string, TargetConfig>;
  defaultTarget?: string;
  /** Dashboards, notebooks and applications that read the project's models (shown in the manifest and lineage). */
  exposures?: Record<string, ExposureConfig>;
  /** Settings of `strata export airflow` and `strata export lookml`. */
  exports?: ExportsConfig;
  /**
   * Where personal data may live: columns tagged `.meta({ pii: true })` are followed through
   * every model with column-level lineage, and a build fails when one reaches a model outside
   * `allow` unmasked (md5/hash()/surrogate_key() and the other `masking` functions mask).
   */
  pii?: PiiPolicyConfig;
}

/**
 * Types a project definition. Returns its argument unchanged.
 * @example export default defineProject({ name: 'ecommerce', models: { marts: { materialized: 'table' } } });
 */
export function defineProject<const T extends ProjectConfig>(config: T): T {
  return config;
}
