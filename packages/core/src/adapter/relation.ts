/** A warehouse relation: `schema.name` (plus a database/project where the engine has one). */
export interface RelationRef {
  readonly database?: string;
  readonly schema: string;
  readonly name: string;
}

export type RelationKind = 'table' | 'view';

/** A column as the warehouse reports it. */
export interface ColumnInfo {
  name: string;
  /** The warehouse's own type name, upper-case (`VARCHAR`, `BIGINT`, `TIMESTAMP`). */
  type: string;
}
