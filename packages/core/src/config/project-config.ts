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
  /** Sub-folders, keyed by folder name, inherit and override these settings. */
  [subfolder: string]: unknown;
}

/** A warehouse to build into. `adapter` names the adapter package's short name. */
export interface TargetConfig {
  adapter: string;
  /** Base schema for this target; the project schema is used when absent. */
  schema?: string;
  /** Adapter-specific settings (DuckDB `path`, Postgres `host`, …). */
  [setting: string]: unknown;
}

/** A raw table Strata reads but does not build, e.g. `raw.orders`. */
export interface SourceConfig {
  /** Physical schema holding the tables; defaults to `<project schema>_<source name>`. */
  schema?: string;
  description?: string;
  tables: string[];
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
  vars?: Record<string, unknown>;
  /** Named warehouses; `dev` is used unless `--target` says otherwise. */
  targets?: Record<string, TargetConfig>;
  defaultTarget?: string;
}

/**
 * Types a project definition. Returns its argument unchanged.
 * @example export default defineProject({ name: 'ecommerce', models: { marts: { materialized: 'table' } } });
 */
export function defineProject<const T extends ProjectConfig>(config: T): T {
  return config;
}
