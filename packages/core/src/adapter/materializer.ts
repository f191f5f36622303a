import type { RelationRef } from './relation.js';

/** A seed column with the warehouse type it must load as. */
export interface SeedColumn {
  name: string;
  /** Warehouse type name; absent means "let the engine infer it". */
  type?: string;
}

export interface SeedOptions {
  delimiter?: string;
  /** Declared columns, in file order. When absent the engine infers types from the file. */
  columns?: SeedColumn[];
}

export interface TableOptions extends NodeIdentity {
  /**
   * Runs against the freshly built temporary relation before it is swapped in; throwing keeps
   * the previous version (used for contracts).
   */
  verify?: (temporary: RelationRef) => Promise<void>;
}

export interface MaterializeResult {
  rowsAffected: number;
  /** What the materialization did, for progress output (`created`, `incremental merge`, …). */
  message?: string;
}

/**
 * How new rows of an incremental model reach its table. `insert_overwrite` replaces every
 * partition the new rows fall in; only adapters with partitioned tables (BigQuery) have it.
 */
export type IncrementalStrategy = 'append' | 'merge' | 'delete+insert' | 'insert_overwrite';

/** What to do when an incremental model's columns differ from its table's (dbt's names). */
export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';

export interface IncrementalOptions extends TableOptions, NodeIdentity {
  strategy: IncrementalStrategy;
  /** Columns identifying a row; required by `merge` and `delete+insert`. */
  uniqueKey: string[];
  onSchemaChange: OnSchemaChange;
  /** Rebuild the table from the full query (`--full-refresh`, or when it does not exist yet). */
  fullRefresh: boolean;
}

/** Which node is being built, so errors can name it and point at its file. */
export interface NodeIdentity {
  model?: string;
  file?: string;
  /** The node's resolved config, for engine-specific settings (BigQuery's `partition_by`, `cluster_by`). */
  config?: Readonly<Record<string, unknown>>;
}

/** Names of the columns a snapshot adds to each row (dbt's `snapshot_meta_column_names`). */
export interface SnapshotColumnNames {
  validFrom: string;
  validTo: string;
  isCurrent: string;
  scdId: string;
}

export interface SnapshotOptions extends NodeIdentity {
  /** `timestamp`: a row changed when its `updatedAt` grew; `check`: when a `checkCols` value changed. */
  strategy: 'timestamp' | 'check';
  uniqueKey: string[];
  updatedAt?: string;
  checkCols?: string[] | 'all';
  /** Close the current version of rows that vanished from the source. */
  invalidateHardDeletes: boolean;
  /** The run's clock: `valid_from` of check-strategy versions and `valid_to` of invalidated rows. */
  snapshotTime: Date;
  columnNames: SnapshotColumnNames;
}

/**
 * Builds relations. Every method is atomic: the previous version of the relation stays
 * readable until the new one is complete, and a failure leaves it untouched.
 */
export interface Materializer {
  view(relation: RelationRef, sql: string, options?: TableOptions): Promise<MaterializeResult>;
  table(relation: RelationRef, sql: string, options?: TableOptions): Promise<MaterializeResult>;
  /**
   * Adds the rows of `sql` to an existing table with a strategy in one transaction, after
   * reconciling columns per `onSchemaChange`; builds the table instead when it does not exist.
   */
  incremental(relation: RelationRef, sql: string, options: IncrementalOptions): Promise<MaterializeResult>;
  /** Records changes of `sql`'s rows as SCD type-2 versions in one transaction. */
  snapshot(relation: RelationRef, sql: string, options: SnapshotOptions): Promise<MaterializeResult>;
  /** Loads a CSV file (streamed by the engine, never through Node memory). */
  seed(relation: RelationRef, file: string, options: SeedOptions & TableOptions): Promise<MaterializeResult>;
  ensureSchema(schema: string): Promise<void>;
  /** Drops temporary relations left behind by a killed run. */
  dropTemporaryRelations(schema: string): Promise<number>;
}

/** Prefix of every temporary relation Strata creates, so a later run can find and drop leftovers. */
export const TEMP_PREFIX = '__strata_tmp_';

/** The temporary name a relation is built under before it is swapped in. */
export function temporaryRelation(relation: RelationRef, suffix = Date.now().toString(36)): RelationRef {
  return { ...relation, name: `${TEMP_PREFIX}${relation.name}_${suffix}` };
}
