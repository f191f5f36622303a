import type { z } from 'zod';

/**
 * Schemas of one model folder (`models/<folder>/schema.ts`). A model's zod object is its column
 * contract, the source of its expectations and its row type.
 *
 * @example
 *   export default defineSchemas({
 *     models: { stg_orders: { description: 'One row per order', columns: z.object({ order_id: z.string() }) } },
 *   });
 */

/** A pointer to another model's column, for relationship checks: `references: ref('dim_customers', 'customer_id')`. */
export interface ColumnReference {
  readonly model: string;
  readonly column: string;
  readonly project?: string;
}

/** One check of a relation, by name, with arguments (a custom generic test, or a built-in check). */
export interface CheckSpec {
  /** Built-in check name or a generic test macro from `macros/` (`is_positive`). */
  name: string;
  severity?: 'error' | 'warn';
  /** Fraction of rows that must pass (default 1). */
  mostly?: number;
  /** SQL row filter applied before the check. */
  where?: string;
  /** Alias for the check in results. */
  alias?: string;
  [arg: string]: unknown;
}

/** Metadata zod has no word for, attached with `.meta({...})` on a column. */
export interface StrataColumnMeta {
  description?: string;
  unique?: boolean;
  references?: ColumnReference;
  /** Raw personal data: must not flow past staging. */
  pii?: boolean;
  /** Extra checks: names of generic tests or check specs. */
  tests?: Array<string | CheckSpec>;
  severity?: 'error' | 'warn';
  mostly?: number;
}

declare module 'zod' {
  interface GlobalMeta extends StrataColumnMeta {}
}

export type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

export interface ModelSchema {
  description?: string;
  columns?: AnyObjectSchema;
  /** Relation-level checks (row count, compound uniqueness, expression_is_true, …). */
  tests?: Array<string | CheckSpec>;
  tags?: string[];
  /** When true, the built relation must have exactly these columns. */
  contract?: boolean;
}

export interface SourceTableSchema extends ModelSchema {
  /** Column that says when a row landed, for freshness. */
  loadedAtField?: string;
}

export interface FolderSchemas {
  models?: Record<string, ModelSchema>;
  seeds?: Record<string, ModelSchema>;
  /** Source tables keyed by source name, then table name. */
  sources?: Record<string, Record<string, SourceTableSchema>>;
}

/** Types a folder's schema file. Returns its argument unchanged. */
export function defineSchemas<const T extends FolderSchemas>(schemas: T): T {
  return schemas;
}

/**
 * Points a column at another model's column, for the relationships check.
 * @example customer_id: z.string().meta({ references: ref('stg_customers', 'customer_id') })
 */
export function ref(model: string, column: string): ColumnReference {
  return { model, column };
}
