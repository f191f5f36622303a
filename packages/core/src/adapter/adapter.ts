import type { Connection, Introspector } from './connection.js';
import type { Dialect } from './dialect.js';
import type { Materializer } from './materializer.js';
import type { SqlParser } from '../lineage/sql-parser.js';

/**
 * Read-only flags core checks instead of the adapter's name (Kysely-style).
 */
export interface AdapterCapabilities {
  /** DDL (create/drop/rename) can run inside a transaction, so a swap is atomic. */
  readonly supportsTransactionalDdl: boolean;
  /** `CREATE OR REPLACE TABLE` exists and is atomic. */
  readonly supportsCreateOrReplaceTable: boolean;
  /** The engine has `MERGE`. */
  readonly supportsMerge: boolean;
  /** Several connections may write at once. */
  readonly supportsConcurrentWrites: boolean;
}

/**
 * A warehouse adapter: what an adapter package exports. Core never imports a driver; it gets
 * everything engine-specific through this object.
 *
 * @example const adapter = await createDuckDbAdapter({ path: '.strata/warehouse.duckdb' });
 */
export interface Adapter {
  readonly name: string;
  readonly capabilities: AdapterCapabilities;
  readonly dialect: Dialect;
  /** Opens a new connection (the runner opens one per thread). */
  connect(): Promise<Connection>;
  createIntrospector(connection: Connection): Introspector;
  createMaterializer(connection: Connection): Materializer;
  /** Closes every connection and releases the warehouse (file locks, pools). */
  close(): Promise<void>;
}

/** Where an adapter is opened from, and where it may report progress (e.g. waiting for a lock). */
export interface AdapterOpenContext {
  workspaceRoot: string;
  projectRoot: string;
  log?: (message: string) => void;
}

/**
 * What an adapter package registers with the CLI: a dialect that needs no connection (so
 * `strata compile` runs offline) and a way to open the warehouse a target names.
 */
export interface AdapterFactory {
  readonly name: string;
  createDialect(target: Record<string, unknown>): Dialect;
  /** Opens the warehouse; `workspaceRoot` resolves relative paths such as a DuckDB file. */
  open(target: Record<string, unknown>, context: AdapterOpenContext): Promise<Adapter>;
  /**
   * A parser of this engine's SQL into DuckDB's JSON syntax tree, for column-level lineage (the
   * `pii` policy); only DuckDB has one today, used whatever the target.
   */
  createSqlParser?(): SqlParser;
}
