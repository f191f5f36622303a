import type { Connection, Introspector } from '../../adapter/connection.js';
import type { Dialect } from '../../adapter/dialect.js';
import type { MaterializeResult, TableOptions } from '../../adapter/materializer.js';
import type { RelationRef } from '../../adapter/relation.js';

/**
 * What a materialization needs from its adapter: a connection, the dialect and the catalog,
 * plus the adapter's atomic full build (used for first runs and full refreshes).
 */
export interface MaterializationContext {
  connection: Connection;
  dialect: Dialect;
  introspector: Introspector;
  buildTable(relation: RelationRef, sql: string, options: TableOptions): Promise<MaterializeResult>;
}

/** Drops a temporary table, ignoring failures (it may not exist when creating it failed). */
export async function dropQuietly(context: MaterializationContext, relation: RelationRef): Promise<void> {
  await context.connection.execute(`DROP TABLE IF EXISTS ${context.dialect.renderRelation(relation)}`).catch(() => undefined);
}
