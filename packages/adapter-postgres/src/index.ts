/** @strata/adapter-postgres — the server warehouse: pg pool, COPY seeds, Kysely for the catalog. */
export { PostgresAdapter, postgresKysely, connectError } from './postgres-adapter.js';
export { postgresAdapterFactory } from './postgres-factory.js';
export type { PostgresConfig, PostgresSetting, PostgresSslMode, ResolvedPostgresConfig } from './postgres-config.js';
export { resolvePostgresConfig, resolveSetting, DEFAULT_HELPER_SCHEMA } from './postgres-config.js';
export { PostgresDialect, MAX_IDENTIFIER_BYTES } from './postgres-dialect.js';
export { PostgresConnection, toAdapterError } from './postgres-connection.js';
export { PostgresIntrospector } from './postgres-introspector.js';
export type { PostgresCatalog } from './postgres-introspector.js';
export { PostgresMaterializer, pgTemporaryRelation } from './postgres-materializer.js';
export type { PostgresMaterializerOptions } from './postgres-materializer.js';
export { helperFunctionsSql, HELPERS_VERSION } from './postgres-helpers.js';
export { safeCastSql } from './safe-cast.js';
export { strataTypes } from './postgres-types.js';
