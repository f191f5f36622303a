import type { ColumnInfo, RelationKind, RelationRef } from '../adapter/relation.js';
import { CompilationError } from '../errors/strata-error.js';

/** What templates may ask of the warehouse while a node renders (`run_query`, `adapter.get_columns_in_relation`). */
export interface WarehouseAccess {
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  relationKind(relation: RelationRef): Promise<RelationKind | undefined>;
  columns(relation: RelationRef): Promise<ColumnInfo[]>;
}

/** Thrown inside a render to stop it at a question the warehouse has to answer first. */
export class WarehouseQuestion extends Error {
  constructor(readonly key: string) {
    super(`waiting for the warehouse: ${key}`);
  }
}

/**
 * The warehouse answers of one node's rendering. Rendering is synchronous and the warehouse is
 * not, so a template that asks something new stops (WarehouseQuestion); the compiler fetches
 * the answer and renders again, now with it, until the template asks nothing new. Each distinct
 * question is asked once per rendering of a node.
 */
export class WarehouseRequests {
  readonly answers = new Map<string, unknown>();
  pending?: { key: string; fetch: (access: WarehouseAccess) => Promise<unknown> };

  /**
   * The answer to `key`, or a stop of the render while it is fetched. Without a warehouse
   * (`strata compile`), a CompilationError naming `what`.
   */
  ask<T>(key: string, what: string, fetch: (access: WarehouseAccess) => Promise<T>): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    this.pending = { key, fetch };
    throw new WarehouseQuestion(key);
  }
}

/** The error for a warehouse question asked where no warehouse is open. */
export function needsWarehouse(what: string, file?: string): CompilationError {
  return new CompilationError('E_NEEDS_WAREHOUSE', `${what} needs the warehouse, which \`strata compile\` does not open`, {
    file,
    hint: 'run the node with `strata run` or `strata build` (its compiled SQL lands in target/compiled/), or guard the call with {% if execute %}',
  });
}
