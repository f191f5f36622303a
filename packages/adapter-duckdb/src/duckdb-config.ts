/**
 * Settings of a DuckDB target in `strata.config.ts`.
 * @example targets: { dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' } }
 */
export interface DuckDbConfig {
  adapter: 'duckdb';
  /** Database file, relative to the workspace root; `:memory:` for a throwaway database. */
  path?: string;
  /** DuckDB's own threads per query (default: DuckDB's choice). */
  threads?: number;
  /** Memory limit such as '4GB'. */
  memoryLimit?: string;
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
