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

export interface TableOptions {
  /**
   * Runs against the freshly built temporary relation before it is swapped in; throwing keeps
   * the previous version (used for contracts).
   */
  verify?: (temporary: RelationRef) => Promise<void>;
}

export interface MaterializeResult {
  rowsAffected: number;
}

/**
 * Builds relations. Every method is atomic: the previous version of the relation stays
 * readable until the new one is complete, and a failure leaves it untouched.
 */
export interface Materializer {
  view(relation: RelationRef, sql: string, options?: TableOptions): Promise<MaterializeResult>;
  table(relation: RelationRef, sql: string, options?: TableOptions): Promise<MaterializeResult>;
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
