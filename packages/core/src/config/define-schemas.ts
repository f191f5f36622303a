import type { z } from 'zod';
import type { FreshnessConfig } from './project-config.js';
import type { ModelAccess } from './model-access.js';
import type { ColumnExpectations, CommonCheckOptions, TableCheckSpec } from './check-specs.js';

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

/**
 * One check of a relation by name, with arguments: a built-in check (`mean_between`,
 * `row_count_between`, …) or a generic test macro from `macros/` (`is_positive`).
 * Built-in names are validated when the project is parsed.
 */
export interface CheckSpec extends CommonCheckOptions {
  /** Built-in check name or a generic test macro from `macros/` (`is_positive`). */
  name: string;
  /** Test name in results (default: dbt-style `<check>_<relation>_<column>`). */
  alias?: string;
  [arg: string]: unknown;
}

/**
 * Metadata zod has no word for, attached with `.meta({...})` on a column. Typed through zod's
 * `GlobalMeta`, so `.meta({ unique: 'yes' })` is a type error in a schema file.
 *
 * @example z.number().min(0).meta({ unique: true, expect: { mean: { min: 5, max: 50 } }, severity: 'warn' })
 */
export interface StrataColumnMeta extends CommonCheckOptions {
  description?: string;
  /** Values are unique (nulls ignored); `{ severity: 'warn' }` and other options allowed. */
  unique?: boolean | CommonCheckOptions;
  /** Every non-null value exists in another model's column. */
  references?: ColumnReference & CommonCheckOptions;
  /** Raw personal data: must not flow past staging. */
  pii?: boolean;
  /** Built-in checks zod cannot express, and options for the checks zod's constraints imply. */
  expect?: ColumnExpectations;
  /** Extra checks: names of generic tests or check specs. */
  tests?: Array<string | CheckSpec>;
}

declare module 'zod' {
  interface GlobalMeta extends StrataColumnMeta {}
}

export type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

export interface ModelSchema {
  description?: string;
  columns?: AnyObjectSchema;
  /** Relation-level checks (row count, compound uniqueness, expression_is_true, …). */
  tests?: Array<string | TableCheckSpec | CheckSpec>;
  tags?: string[];
  /** When true, the built relation must have exactly these columns. */
  contract?: boolean;
  /** Who may ref the model (when its config says nothing): `public` models are other projects' interface. */
  access?: ModelAccess;
}

export interface SourceTableSchema extends ModelSchema {
  /** Column that says when a row landed, for freshness. */
  loadedAtField?: string;
  /** Freshness limits of this table (`null` turns off a limit the source sets). */
  freshness?: FreshnessConfig | null;
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
