import type { Kysely, OperationNode, RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { Materialization } from './project-config.js';
import type { ModelAccess } from './model-access.js';

/**
 * A model written in TypeScript (`models/**\/<name>.ts`): a Kysely query over the model's
 * upstream refs and sources, typed from their zod schemas. Strata compiles it to SQL for the
 * target's dialect without connecting, and treats it like any SQL model afterwards (DAG,
 * materializations, tests, docs).
 *
 * @example
 *   import { defineModel } from '@strata/core';
 *   import staging from '../staging/schema';
 *   export default defineModel({
 *     refs: { stg_orders: staging.models.stg_orders },
 *     query: (db) => db.selectFrom('stg_orders').select(['order_id', 'amount']).where('status', '=', 'completed'),
 *   });
 */

declare const ROW: unique symbol;

/** An upstream described by its row type alone (see `rowType`). */
export interface RowType<Row> {
  readonly [ROW]: Row;
}

/**
 * An upstream typed by a row type instead of a zod value: for a model of another package,
 * `import type { DimCustomersRow } from '@strata-domains/ecommerce'` then
 * `refs: { 'ecommerce.dim_customers': rowType<DimCustomersRow>() }` — the types come from that
 * package's generated declarations, and loading the model never needs its build.
 */
export function rowType<Row>(): RowType<Row> {
  return {} as RowType<Row>;
}

/** What an upstream may be described with: a schema.ts entry (`{ columns: z.object(...) }`), a zod object, or `rowType<Row>()`. */
export type ModelInput = z.ZodType | { readonly columns?: z.ZodType } | RowType<unknown>;

/** The row type of an upstream: `z.output` of its columns, its `rowType` (any column when it has no schema). */
export type InputRow<S> = S extends z.ZodType
  ? z.output<S>
  : S extends RowType<infer R>
    ? R
    : S extends { readonly columns: infer C extends z.ZodType }
      ? z.output<C>
      : Record<string, unknown>;

/** The Kysely `Database` a model's query sees: one table per declared ref and source. */
export type ModelTables<R, S> = { [K in keyof R & string]: InputRow<R[K]> } & { [K in keyof S & string]: InputRow<S[K]> };

/** Anything Kysely can compile: a select query builder, a `sql` template, a set operation. */
export interface CompilableQuery {
  toOperationNode(): OperationNode;
}

/** Settings of a TypeScript model, the same keys SQL models give `{{ config(...) }}`. */
export interface TsModelConfig {
  materialized?: Materialization;
  schema?: string;
  alias?: string;
  tags?: string[];
  enabled?: boolean;
  access?: ModelAccess;
  contract?: boolean;
  unique_key?: string | string[];
  [setting: string]: unknown;
}

/** What a model's query function may read besides its tables. */
export interface ModelContext {
  /** True when the model is incremental, its table exists and no full refresh was asked. */
  readonly isIncremental: boolean;
  /** The model's own relation, for incremental filters: sql`select max(day) from ${ctx.this}`. */
  readonly this: RawBuilder<unknown>;
  /** The target being compiled for (`dev`, `duckdb`). */
  readonly target: { readonly name: string; readonly adapter: string };
  /** A project var (`--vars` wins), or `fallback`; throws when neither exists. */
  var<T = unknown>(name: string, fallback?: T): T;
  /**
   * A project macro or cross-database macro, rendered for the target's dialect. Arguments are
   * what the Jinja call would take (SQL expressions as strings, lists, numbers), or another
   * `ctx.macro()` result.
   * @example ctx.macro('surrogate_key', ['transaction_id', 'signal_type']); ctx.macro('safe_cast', 'code', ctx.macro('type_int'))
   */
  macro<T = unknown>(name: string, ...args: unknown[]): RawBuilder<T>;
}

/** A TypeScript model: its inputs, its settings and the query that builds it. */
export interface TsModelDefinition<R extends Record<string, ModelInput> = Record<string, ModelInput>, S extends Record<string, ModelInput> = Record<string, ModelInput>> {
  /** Models this one reads, keyed as the query names them: `stg_orders`, or `'ecommerce.dim_customers'` in another project. */
  refs?: R;
  /** Source tables this one reads, keyed `'<source>.<table>'`: `'raw.orders'`. */
  sources?: S;
  config?: TsModelConfig;
  /** Builds the query; called once when the project is parsed and once per compilation. */
  query(db: Kysely<ModelTables<R, S>>, ctx: ModelContext): CompilableQuery;
}

/** Marks a default export as a model definition (checked when the file is loaded). */
export const TS_MODEL = Symbol.for('strata.tsModel');

/**
 * Types a TypeScript model. Returns its argument, marked so the loader can tell it from any other
 * default export.
 * @example export default defineModel({ refs: { stg_orders: staging.models.stg_orders }, query: (db) => db.selectFrom('stg_orders').selectAll() });
 */
export function defineModel<const R extends Record<string, ModelInput> = {}, const S extends Record<string, ModelInput> = {}>(definition: TsModelDefinition<R, S>): TsModelDefinition<R, S> {
  return Object.assign(definition, { [TS_MODEL]: true });
}

/** True for what `defineModel()` returned. */
export function isTsModelDefinition(value: unknown): value is TsModelDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TS_MODEL] === true && typeof (value as { query?: unknown }).query === 'function';
}
