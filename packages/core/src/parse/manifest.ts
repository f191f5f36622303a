import type { CheckSpec } from '../config/define-schemas.js';
import type { TsModelDefinition } from '../config/define-model.js';
import type { FreshnessConfig, Materialization } from '../config/project-config.js';
import type { ExposureOwner, ExposureType } from '../config/exposure-config.js';
import type { LogicalType } from '../adapter/dialect.js';
import type { RelationRef } from '../adapter/relation.js';
import type { CheckDefinition } from '../expectations/check-definition.js';

export type ResourceType = 'model' | 'seed' | 'source' | 'test' | 'snapshot';

/** A column as the schemas describe it (contract, docs, types). */
export interface ColumnSpec {
  name: string;
  description?: string;
  /** Logical type derived from the zod schema. */
  type?: LogicalType;
  nullable: boolean;
  pii?: boolean;
  /** The warehouse type as written (a dbt seed's `column_types`); wins over `type` when loading a seed. */
  dataType?: string;
}

/** Settings of a node after folder config, schema file and in-file `config()` are merged. */
export interface NodeConfig {
  materialized: Materialization;
  schema?: string;
  tags: string[];
  enabled: boolean;
  /** Anything else users put in config (unique_key, incremental_strategy, severity…). */
  [key: string]: unknown;
}

interface NodeBase {
  /** `model.ecommerce.stg_orders`, `source.ecommerce.raw.orders`, … */
  uniqueId: string;
  resourceType: ResourceType;
  name: string;
  project: string;
  /** Absolute path of the file that defines it. */
  file?: string;
  /** Project-relative path (what `path:` selectors match). */
  path?: string;
  line?: number;
  description?: string;
  tags: string[];
  config: NodeConfig;
  dependsOn: string[];
  relation?: RelationRef;
  columns: ColumnSpec[];
  /** Absolute path of the `schema.ts` that declares its columns, when one does. */
  schemaFile?: string;
  /** sha256 of what defines the node, for `state:modified`. */
  checksum: string;
}

export interface ModelNode extends NodeBase {
  resourceType: 'model' | 'snapshot';
  rawSql: string;
  contract: boolean;
  /** `typescript` for `models/**\/<name>.ts` (a Kysely query); SQL otherwise. */
  language?: 'sql' | 'typescript';
  /** A TypeScript model's definition: the compiler runs its query for the target's dialect. */
  tsModel?: TsModelDefinition;
}

export interface SeedNode extends NodeBase {
  resourceType: 'seed';
  delimiter: string;
  /** Row checks of its schema every line of the file must pass on load (bad lines fail the seed). */
  validation?: Array<{ name: string; check: CheckDefinition }>;
}

export interface SourceNode extends NodeBase {
  resourceType: 'source';
  sourceName: string;
  /** Description of the whole source (`sources.<name>.description` in strata.config.ts). */
  sourceDescription?: string;
  loadedAtField?: string;
  /** Freshness limits checked by `strata source freshness`. */
  freshness?: FreshnessConfig;
}

export interface TestNode extends NodeBase {
  resourceType: 'test';
  /** The model/seed/source the test checks (absent for singular tests that span several). */
  attachedTo?: string;
  column?: string;
  /** A check compiled by the expectations engine, or a singular test's SQL. */
  check?: CheckDefinition;
  rawSql?: string;
  severity: 'error' | 'warn';
  /** Absolute path of the `schema.ts` that declares the check, when one does. */
  schemaFile?: string;
}

export type ManifestNode = ModelNode | SeedNode | SourceNode | TestNode;

/**
 * An exposure from `strata.config.ts`: not built or run, so it lives beside the DAG (in
 * `ProjectInfo.exposures`) rather than in it; artifacts and the docs lineage draw it downstream
 * of what it reads.
 */
export interface ExposureNode {
  /** `exposure.ecommerce.customer_health`. */
  uniqueId: string;
  name: string;
  project: string;
  type: ExposureType;
  owner: ExposureOwner;
  url?: string;
  label?: string;
  description?: string;
  maturity?: 'low' | 'medium' | 'high';
  tags: string[];
  /** Names as written in `dependsOn`. */
  refs: string[];
  /** Node ids those names resolve to (filled by `buildManifest`). */
  dependsOn: string[];
  file: string;
  line?: number;
}

/** Per-project information kept beside the nodes. */
export interface ProjectInfo {
  name: string;
  version?: string;
  root: string;
  workspaceRoot: string;
  vars: Record<string, unknown>;
  macroFiles: Array<{ path: string; text: string }>;
  /** Names of models switched off with `enabled: false`, to explain refs to them. */
  disabled: string[];
  /** Exposures declared in `strata.config.ts`, dependencies resolved. */
  exposures?: ExposureNode[];
  /** Fields templates see in `target` beyond the target's own (a dbt profile's `schema`, `database`, `threads`). */
  templateTarget?: Record<string, unknown>;
}

/** The single hand-off from parsing to everything else: every node, keyed by unique id. */
export interface Manifest {
  nodes: Map<string, ManifestNode>;
  projects: Map<string, ProjectInfo>;
}

export type { CheckSpec };
