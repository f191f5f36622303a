import type { ColumnInfo, RelationKind, RelationRef } from './relation.js';

/** Result of a statement that changes data. */
export interface ExecuteResult {
  rowsAffected: number;
}

/**
 * One session with the warehouse. Runs SQL, reads small results and knows its catalog. A
 * connection is used by one node at a time; the runner opens one per thread.
 */
export interface Connection {
  execute(sql: string): Promise<ExecuteResult>;
  /** Runs a query and returns its rows as plain objects (numbers, strings, booleans, Date, null). */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<Row[]>;
  /** Runs statements in one transaction: all or nothing. Resolves to each statement's result. */
  transaction(statements: string[]): Promise<ExecuteResult[]>;
  /** Cancels the statement running on this connection, if any. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** Reads the warehouse catalog. */
export interface Introspector {
  relationKind(relation: RelationRef): Promise<RelationKind | undefined>;
  columns(relation: RelationRef): Promise<ColumnInfo[]>;
  /** Relations of a schema whose name starts with `prefix` (used to clean up temporary relations). */
  listRelations(schema: string, prefix?: string): Promise<Array<{ name: string; kind: RelationKind }>>;
}
