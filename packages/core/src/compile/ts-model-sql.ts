import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import type { ModelContext, TsModelDefinition } from '../config/define-model.js';
import { kyselySql, UndeclaredTableError, type SqlQuoting, type TableName, type TableResolver } from './kysely-sql.js';

/**
 * One query builder for every TypeScript model: it never connects (a dummy driver), it only
 * builds operation trees that `kyselySql` compiles for the target's dialect.
 */
let builder: Kysely<never> | undefined;
function queryBuilder(): Kysely<never> {
  builder ??= new Kysely<never>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return builder;
}

/** How a model's declared inputs become SQL: `ref(project?, name)` and `source(source, table)`. */
export interface InputSql {
  ref(project: string | undefined, name: string): string;
  source(source: string, table: string): string;
}

/** What `renderTsModel` needs besides the definition. */
export interface TsModelRenderOptions {
  quoting: SqlQuoting;
  inputs: InputSql;
  /** What `this`, `var`, `target` and `isIncremental` say inside the query function. */
  context: { isIncremental: boolean; thisSql: string; target: { name: string; adapter: string }; var(name: string, fallback?: unknown): unknown };
  /** Renders a Jinja snippet (`{{ type_float() }}`) with the model's template context; parsing keeps it as written. */
  renderJinja(template: string): string;
}

/** The Jinja call behind each `ctx.macro()` result, so one macro can be another's argument. */
const macroCalls = new WeakMap<object, string>();

/** A JavaScript value as a Jinja literal: strings, numbers, booleans, lists, and `ctx.macro()` results (as their call). */
function jinjaLiteral(value: unknown): string {
  if (typeof value === 'object' && value !== null && macroCalls.has(value)) return macroCalls.get(value)!;
  if (Array.isArray(value)) return `[${value.map(jinjaLiteral).join(', ')}]`;
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`macro arguments are strings, numbers, booleans or lists of them, not ${value === null ? 'null' : typeof value}`);
}

/** A declared input of a model: a ref (possibly in another project) or a source table. */
export type DeclaredInput = { kind: 'ref'; project?: string; name: string; key: string } | { kind: 'source'; source: string; table: string; key: string };

/**
 * The refs and sources a model declares, from the keys of `refs` and `sources`: `stg_orders`,
 * `'ecommerce.dim_customers'` (a ref into another project) and `'raw.orders'` (a source table).
 */
export function declaredInputs(definition: TsModelDefinition): DeclaredInput[] {
  const inputs: DeclaredInput[] = [];
  for (const key of Object.keys(definition.refs ?? {})) {
    const parts = key.split('.');
    if (parts.length > 2 || parts.some((p) => p.trim() === '')) throw new Error(`refs key '${key}' must be 'model' or 'project.model'`);
    inputs.push(parts.length === 2 ? { kind: 'ref', project: parts[0]!, name: parts[1]!, key } : { kind: 'ref', name: key, key });
  }
  for (const key of Object.keys(definition.sources ?? {})) {
    const parts = key.split('.');
    if (parts.length !== 2 || parts.some((p) => p.trim() === '')) throw new Error(`sources key '${key}' must be 'source.table', e.g. 'raw.orders'`);
    if (definition.refs && key in definition.refs) throw new Error(`'${key}' is declared both in refs and in sources`);
    inputs.push({ kind: 'source', source: parts[0]!, table: parts[1]!, key });
  }
  return inputs;
}

/** Resolves a table the query names against the declared inputs. */
function resolver(inputs: DeclaredInput[], sqlOf: InputSql): TableResolver {
  const byKey = new Map(inputs.map((i) => [i.key, i]));
  return (table: TableName) => {
    const input = byKey.get(table.schema ? `${table.schema}.${table.name}` : table.name);
    if (!input) return undefined;
    return input.kind === 'ref' ? sqlOf.ref(input.project, input.name) : sqlOf.source(input.source, input.table);
  };
}

/**
 * Runs a TypeScript model's query function and compiles the query it returns to SQL, with its
 * refs and sources written by `options.inputs`. Throws `Error`s; callers turn them into
 * ParseError/CompilationError with the model's file.
 * @example renderTsModel(definition, { quoting: dialect, inputs: { ref: (p, n) => `"${n}"`, source: (s, t) => `"${s}"."${t}"` }, context })
 */
export function renderTsModel(definition: TsModelDefinition, options: TsModelRenderOptions): string {
  const { context } = options;
  const ctx: ModelContext = {
    isIncremental: context.isIncremental,
    this: sql.raw(context.thisSql),
    target: context.target,
    var: <T>(name: string, fallback?: T) => context.var(name, fallback) as T,
    macro: <T>(name: string, ...args: unknown[]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new Error(`'${name}' is not a macro name`);
      const call = `${name}(${args.map(jinjaLiteral).join(', ')})`;
      const raw = sql.raw<T>(options.renderJinja(`{{ ${call} }}`));
      macroCalls.set(raw, call);
      return raw;
    },
  };
  const query = definition.query(queryBuilder() as never, ctx);
  if (!query || typeof (query as { toOperationNode?: unknown }).toOperationNode !== 'function') {
    throw new Error('query() must return a Kysely query (db.selectFrom(...)...), not ' + (query === undefined ? 'undefined' : typeof query));
  }
  return kyselySql(query, options.quoting, resolver(declaredInputs(definition), options.inputs));
}

export { UndeclaredTableError };
