import type { Dialect } from '../adapter/dialect.js';
import type { RelationRef } from '../adapter/relation.js';
import { CompilationError } from '../errors/strata-error.js';
import type { Manifest, ManifestNode, ModelNode } from '../parse/manifest.js';
import { agateTable, type AgateTable } from './jinja/agate-table.js';
import { datetimeModule, runStartedAt } from './jinja/py-datetime.js';
import { JinjaRelation, relationApi } from './jinja/jinja-relation.js';
import { splitKwargs } from './jinja/python-values.js';
import { needsWarehouse, type WarehouseRequests } from './warehouse-requests.js';

/** What the dbt-style context of one node is built from. */
export interface JinjaContextInput {
  node: ManifestNode;
  manifest: Manifest;
  dialect: Dialect;
  /** The adapter's short name (`duckdb`), dbt's `target.type`, used by `adapter.dispatch`. */
  adapterType: string;
  /** The relation object of a node, as `ref()` returns it. */
  relationOf: (node: ManifestNode) => JinjaRelation;
  /** Warehouse answers of the current rendering; undefined when no warehouse is open. */
  requests: () => WarehouseRequests | undefined;
  /** A macro by name, from the project's macro files (for `adapter.dispatch`). */
  macro: (name: string) => unknown;
  /** Built-in macros usable through dispatch (the cross-database ones). */
  builtins: Record<string, unknown>;
  fullRefresh: boolean;
  runStartedAt: Date;
  invocationId: string;
}

/** dbt's `Column` as `adapter.get_columns_in_relation` returns it. */
function columnObject(dialect: Dialect, name: string, type: string): Record<string, unknown> {
  return { name, column: name, data_type: type, dtype: type, quoted: dialect.quoteIdentifier(name), is_string: () => /CHAR|TEXT|STRING/i.test(type), is_number: () => /INT|DEC|NUM|FLOAT|DOUBLE|REAL/i.test(type) };
}

function relationRef(relation: unknown): RelationRef {
  const r = relation as { schema?: string | null; identifier?: string; name?: string };
  if (!r || typeof r !== 'object' || !(r.identifier ?? r.name)) throw new CompilationError('E_NOT_A_RELATION', `expected a relation (ref(), source(), this or api.Relation.create(...)), got ${String(relation)}`);
  return { schema: r.schema ?? '', name: String(r.identifier ?? r.name) };
}

/** `graph` is the same for every node of a manifest: built once, not once per node (O(n²)). */
const graphs = new WeakMap<Manifest, Record<string, unknown>>();

/** The `graph` variable: every node and source, in dbt's shape (for macros that walk the project). */
function graphOf(manifest: Manifest): Record<string, unknown> {
  let graph = graphs.get(manifest);
  if (!graph) {
    graph = buildGraph(manifest);
    graphs.set(manifest, graph);
  }
  return graph;
}

function buildGraph(manifest: Manifest): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  for (const node of manifest.nodes.values()) {
    const entry = {
      unique_id: node.uniqueId,
      name: node.name,
      resource_type: node.resourceType,
      package_name: node.project,
      path: node.path,
      original_file_path: node.path,
      tags: node.tags,
      config: node.config,
      schema: node.relation?.schema,
      alias: node.relation?.name,
      identifier: node.relation?.name,
      database: node.relation?.database ?? null,
      depends_on: { nodes: node.dependsOn },
      columns: Object.fromEntries(node.columns.map((c) => [c.name, { name: c.name, description: c.description ?? '' }])),
      description: node.description ?? '',
      ...(node.resourceType === 'source' ? { source_name: (node as { sourceName: string }).sourceName } : {}),
    };
    (node.resourceType === 'source' ? sources : nodes)[node.uniqueId] = entry;
  }
  return { nodes, sources, exposures: {}, metrics: {} };
}

/**
 * The parts of dbt's Jinja context beyond `ref`/`source`/`var`: `adapter` (dispatch, quote,
 * get_relation, get_columns_in_relation), `api.Relation`, `run_query`, `statement`/`load_result`,
 * `execute`, `flags`, `graph`, `modules.datetime`, `run_started_at`, `invocation_id`.
 * Calls that need the warehouse stop the render until the compiler has the answer (see
 * warehouse-requests.ts); without one they are CompilationErrors.
 */
export function jinjaContext(input: JinjaContextInput): Record<string, unknown> {
  const { dialect, node } = input;
  const file = node.file;
  const ask = <T>(key: string, what: string, fetch: Parameters<WarehouseRequests['ask']>[2]): T => {
    const requests = input.requests();
    if (!requests) throw needsWarehouse(what, file);
    return requests.ask(key, what, fetch) as T;
  };
  const runQuery = (sql: unknown): AgateTable => {
    const text = String(sql);
    const rows = ask<Array<Record<string, unknown>>>(`query:${text}`, 'run_query()', (access) => access.query(text));
    return agateTable(rows);
  };
  const results = new Map<string, unknown>();
  const dispatch = (...args: unknown[]): unknown => {
    const { positional, kwargs } = splitKwargs(args);
    const name = String(positional[0] ?? kwargs.macro_name);
    const namespace = (positional[1] ?? kwargs.macro_namespace) as string | undefined;
    for (const candidate of [`${input.adapterType}__${name}`, `default__${name}`]) {
      const found = input.macro(candidate);
      if (found) return found;
    }
    const builtin = input.builtins[name];
    if (builtin && (namespace === undefined || namespace === 'dbt')) return builtin;
    throw new CompilationError('E_DISPATCH', `adapter.dispatch('${name}'${namespace ? `, '${namespace}'` : ''}) found no macro ${input.adapterType}__${name} or default__${name}`, {
      file,
      hint: `define {% macro default__${name}(...) %} in macros/${namespace && namespace !== 'dbt' ? ` (macros of the package '${namespace}' are not loaded)` : ''}`,
    });
  };
  const adapter = {
    dispatch,
    quote: (identifier: unknown) => dialect.quoteIdentifier(String(identifier)),
    quote_as_configured: (identifier: unknown) => dialect.quoteIdentifier(String(identifier)),
    type: () => input.adapterType,
    get_relation: (...args: unknown[]) => {
      const { positional, kwargs } = splitKwargs(args);
      const schema = String(kwargs.schema ?? positional[1]);
      const identifier = String(kwargs.identifier ?? positional[2]);
      const relation = { schema, name: identifier };
      const kind = ask<string | null>(`kind:${schema}.${identifier}`, 'adapter.get_relation()', async (access) => (await access.relationKind(relation)) ?? null);
      return kind ? new JinjaRelation(dialect, (kwargs.database ?? positional[0] ?? null) as string | null, schema, identifier, kind as 'table' | 'view') : null;
    },
    get_columns_in_relation: (relation: unknown) => {
      const ref = relationRef(relation);
      const columns = ask<Array<{ name: string; type: string }>>(`columns:${ref.schema}.${ref.name}`, 'adapter.get_columns_in_relation()', (access) => access.columns(ref));
      return columns.map((c) => columnObject(dialect, c.name, c.type));
    },
  };
  const statement = (...args: unknown[]): string => {
    const { positional, kwargs } = splitKwargs(args);
    const name = String(positional[0] ?? kwargs.name ?? 'statement');
    const caller = kwargs.caller as (() => unknown) | undefined;
    if (!caller) throw new CompilationError('E_STATEMENT', 'statement() is a call block: {% call statement(\'name\', fetch_result=True) %} select … {% endcall %}', { file });
    const sql = String(caller()).trim();
    const table = runQuery(sql);
    results.set(name, { table, data: table.rows.map((r) => [...r]), response: { rows_affected: table.length } });
    return '';
  };
  const model = node as ModelNode;
  return {
    adapter,
    api: relationApi(dialect),
    run_query: runQuery,
    statement,
    load_result: (name: unknown) => results.get(String(name)) ?? null,
    execute: input.requests() !== undefined,
    flags: { FULL_REFRESH: input.fullRefresh, WHICH: input.requests() ? 'run' : 'compile', STORE_FAILURES: false },
    graph: graphOf(input.manifest),
    modules: { datetime: datetimeModule },
    run_started_at: runStartedAt(input.runStartedAt),
    invocation_id: input.invocationId,
    dbt_version: '1.8.0',
    database: node.relation?.database ?? null,
    schema: node.relation?.schema ?? null,
    model: {
      name: node.name,
      unique_id: node.uniqueId,
      resource_type: node.resourceType,
      package_name: node.project,
      config: node.config,
      tags: node.tags,
      schema: node.relation?.schema,
      alias: node.relation?.name,
      database: node.relation?.database ?? null,
      path: node.path,
      original_file_path: node.path,
      raw_code: model.rawSql,
      raw_sql: model.rawSql,
      columns: Object.fromEntries(node.columns.map((c) => [c.name, { name: c.name, description: c.description ?? '' }])),
    },
  };
}
