/**
 * Settings of a DuckDB target in `strata.config.ts`.
 * @example targets: { dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' } }
 */
export interface DuckDbConfig {
  adapter: 'duckdb';
  /** Database file, relative to the workspace root; `:memory:` for a throwaway database. */
  path?: string;
  /** DuckDB's own threads per query (default: DuckDB's choice, one per core). */
  threads?: number;
  /**
   * The most memory DuckDB's buffer manager may hold, such as '1GB' or '512MB' (default: DuckDB's,
   * 80% of RAM). Joins, sorts and aggregates that need more spill to `tempDirectory`. DuckDB runs
   * inside the strata process, so this is what bounds the process's memory on big data.
   */
  memoryLimit?: string;
  /**
   * Folder for what DuckDB spills to disk beyond `memoryLimit`, relative to the workspace root
   * (default: DuckDB's, `<path>.tmp` beside the database file, or `.tmp` in the current folder
   * for `:memory:`).
   */
  tempDirectory?: string;
  /** Open read-only (for inspection; builds will fail). */
  readOnly?: boolean;
  /**
   * How long a run waits for a database file another run holds before failing with
   * E_WAREHOUSE_LOCKED. Default 60; 0 fails at once.
   */
  lockTimeoutSeconds?: number;
}

export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

export const DEFAULT_DUCKDB_PATH = '.strata/warehouse.duckdb';
