/** @strata/adapter-duckdb — the embedded default warehouse. */
export { DuckDbAdapter } from './duckdb-adapter.js';
export { duckdbAdapterFactory } from './duckdb-factory.js';
export type { DuckDbConfig } from './duckdb-config.js';
export { DEFAULT_DUCKDB_PATH } from './duckdb-config.js';
export { DuckDbDialect } from './duckdb-dialect.js';
export { DuckDbConnection } from './duckdb-connection.js';
export { DuckDbIntrospector } from './duckdb-introspector.js';
export { DuckDbMaterializer } from './duckdb-materializer.js';
export { DuckDbSqlParser } from './duckdb-sql-parser.js';
