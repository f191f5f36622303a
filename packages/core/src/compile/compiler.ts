import type { Dialect } from '../adapter/dialect.js';
import type { RelationRef } from '../adapter/relation.js';
import { suggestion } from '../errors/did-you-mean.js';
import { CompilationError, throwIfAny, type StrataError } from '../errors/strata-error.js';
import type { Dag } from '../graph/dag.js';
import type { ManifestNode, ModelNode, TestNode } from '../parse/manifest.js';
import { compileTsModel } from './compile-ts-model.js';
import { EPHEMERAL_PREFIX, injectCtes, type InlineCte } from './inject-ctes.js';
import { crossDatabaseMacros } from './cross-db-macros.js';
import { jinjaContext } from './jinja-context.js';
import { JinjaRelation } from './jinja/jinja-relation.js';
import { splitKwargs } from './jinja/python-values.js';
import { TemplateEnv } from './template-env.js';
import { WarehouseQuestion, WarehouseRequests, type WarehouseAccess } from './warehouse-requests.js';

/** What the runner needs to execute one node. */
export interface CompiledNode {
  uniqueId: string;
  sql: string;
}

export interface CompileOptions {
  dialect: Dialect;
  /** Target name and settings exposed to templates as `target`. */
  target: { name: string; adapter: string; [k: string]: unknown };
  /** `--vars`, overriding project vars. */
  vars?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Called by `is_incremental()`; true when the model's table exists and no full refresh was asked. */
  isIncremental?: (node: ModelNode) => boolean;
  /** `--full-refresh`, as templates see it in `flags.FULL_REFRESH`. */
  fullRefresh?: boolean;
  /** The run's id and start, as `invocation_id` and `run_started_at`. */
  invocationId?: string;
  runStartedAt?: Date;
}

/** Per-rendering switches decided by the runner. */
export interface RenderFlags {
  /** `is_incremental()` answers true: the model's table exists and no full refresh was asked. */
  isIncremental?: boolean;
  /** A warehouse is open: `execute` is true and `run_query` works (see `compileLive`). */
  live?: boolean;
}

const SECRET_KEYS = /pass|secret|token|key|credential/i;

/**
 * Renders nodes' Jinja into SQL for one dialect. Pure: it reads the manifest and never touches
 * the warehouse, so `strata compile` works offline. Results are cached per node.
 */
export class Compiler {
  private readonly envs = new Map<string, TemplateEnv>();
  private readonly cache = new Map<string, { sql: string; ctes: InlineCte[] }>();
  /** Warehouse answers of the rendering under way in `compileLive` (rendering is synchronous). */
  private requests?: WarehouseRequests;
  private readonly startedAt = new Date();

  constructor(
    private readonly dag: Dag,
    private readonly options: CompileOptions,
  ) {}

  private envFor(project: string): TemplateEnv {
    let env = this.envs.get(project);
    if (!env) {
      const info = this.dag.manifest.projects.get(project)!;
      env = new TemplateEnv(
        this.options.dialect,
        info.macroFiles.map((f) => ({ ...f, absolute: `${info.root}/${f.path}` })),
        this.options.target.adapter,
      );
      this.envs.set(project, env);
    }
    return env;
  }

  /** The relation name of a node as SQL, or the CTE name of an ephemeral model. */
  relationSql(node: ManifestNode): string {
    if (node.resourceType === 'model' && node.config.materialized === 'ephemeral') return `${EPHEMERAL_PREFIX}${node.name}`;
    return this.options.dialect.renderRelation(node.relation as RelationRef);
  }

  /** A node as templates see it: `{{ ref('x') }}` prints its name, `.schema`/`.identifier` read its parts. */
  relationObject(node: ManifestNode): JinjaRelation {
    const dialect = this.options.dialect;
    const relation = node.relation ?? { schema: '', name: node.name };
    if (node.resourceType === 'model' && node.config.materialized === 'ephemeral') return new JinjaRelation(dialect, null, null, node.name, 'cte', this.relationSql(node));
    const type = node.resourceType === 'source' || node.resourceType === 'test' ? null : node.config.materialized === 'view' ? 'view' : 'table';
    return new JinjaRelation(dialect, relation.database ?? null, relation.schema, relation.name, type, this.relationSql(node));
  }

  /**
   * Compiles a node that may ask the warehouse while it renders (`run_query`,
   * `adapter.get_columns_in_relation`, `statement`): each new question stops the render, is
   * answered through `access`, and the node is rendered again with every answer so far.
   */
  async compileLive(node: ModelNode | TestNode, flags: RenderFlags, access: WarehouseAccess): Promise<CompiledNode> {
    const requests = new WarehouseRequests();
    for (;;) {
      try {
        this.requests = requests;
        requests.pending = undefined;
        return this.compile(node, { ...flags, live: true });
      } catch (error) {
        const pending = requests.pending;
        if (!pending || !(error instanceof WarehouseQuestion)) throw error;
        requests.answers.set(pending.key, await pending.fetch(access));
      } finally {
        this.requests = undefined;
      }
    }
  }

  /** The template context of one node: dbt's names, bound to this node. */
  contextFor(node: ManifestNode, ctes: InlineCte[], flags: RenderFlags = {}): Record<string, unknown> {
    const { manifest } = this.dag;
    const project = manifest.projects.get(node.project)!;
    const vars = { ...project.vars, ...this.options.vars };
    const env = this.options.env ?? process.env;
    const file = node.file ?? '';
    const addEphemeral = (dep: ManifestNode): void => {
      if (dep.resourceType === 'model' && dep.config.materialized === 'ephemeral' && !ctes.some((c) => c.name === dep.name)) {
        const compiled = this.compileModel(dep as ModelNode, { live: flags.live });
        for (const inner of compiled.ctes) if (!ctes.some((c) => c.name === inner.name)) ctes.push(inner);
        ctes.push({ name: dep.name, sql: compiled.sql });
      }
    };
    const findDep = (predicate: (n: ManifestNode) => boolean): ManifestNode | undefined => {
      for (const id of node.dependsOn) {
        const dep = manifest.nodes.get(id);
        if (dep && predicate(dep)) return dep;
      }
      return undefined;
    };
    const publicTarget = Object.fromEntries(Object.entries(this.options.target).filter(([k]) => !SECRET_KEYS.test(k)));
    const templateEnv = this.envFor(node.project);
    const config = Object.assign(() => '', {
      get: (...args: unknown[]) => {
        const [key, fallback] = splitKwargs(args).positional as [string, unknown];
        return node.config[key] ?? splitKwargs(args).kwargs.default ?? fallback ?? null;
      },
      require: (key: string) => {
        if (node.config[key] === undefined) throw new CompilationError('E_CONFIG_REQUIRED', `${node.name} needs the config '${key}'`, { file, hint: `set it with {{ config(${key}=...) }} or in the project's folder config` });
        return node.config[key];
      },
    });
    const makeExtra = () => jinjaContext({
      node,
      manifest,
      dialect: this.options.dialect,
      adapterType: this.options.target.adapter,
      relationOf: (n) => this.relationObject(n),
      requests: () => (flags.live ? this.requests : undefined),
      macro: (name) => templateEnv.macro(name),
      builtins: crossDatabaseMacros(this.options.dialect),
      fullRefresh: this.options.fullRefresh ?? false,
      runStartedAt: this.options.runStartedAt ?? this.startedAt,
      invocationId: this.options.invocationId ?? '',
    });
    const context: Record<string, unknown> = {
      ref: (a: string, b?: string) => {
        const [projectName, name] = b === undefined || (typeof b === 'object' && b !== null) ? [undefined, a] : [a, b];
        const dep = findDep((n) => n.name === name && (projectName === undefined || n.project === projectName) && n.resourceType !== 'source' && n.resourceType !== 'test');
        if (!dep) throw new CompilationError('E_UNKNOWN_REF', `ref('${name}') is not a dependency found when parsing`, { file, hint: 'ref() arguments must be string literals so Strata can find them without rendering' });
        addEphemeral(dep);
        return this.relationObject(dep);
      },
      source: (sourceName: string, table: string) => {
        const dep = findDep((n) => n.resourceType === 'source' && (n as { sourceName?: string }).sourceName === sourceName && n.name === table);
        if (!dep) throw new CompilationError('E_UNKNOWN_SOURCE', `source('${sourceName}', '${table}') is not declared`, { file });
        return this.relationObject(dep);
      },
      config,
      var: (name: string, fallback?: unknown) => {
        if (name in vars) return vars[name];
        if (fallback !== undefined) return fallback;
        throw new CompilationError('E_UNDEFINED_VAR', `var('${name}') is not defined and has no default`, { file, hint: suggestion(name, Object.keys(vars)) ?? `define it under vars in strata.config.ts or pass --vars '{"${name}": ...}'` });
      },
      env_var: (name: string, fallback?: string) => {
        const value = env[name];
        if (value !== undefined) return value;
        if (fallback !== undefined) return fallback;
        throw new CompilationError('E_UNDEFINED_ENV', `env_var('${name}') is not set and has no default`, { file, hint: `export ${name}=... before running` });
      },
      this: node.relation ? this.relationObject(node) : '',
      target: { type: this.options.target.adapter, ...publicTarget, ...project.templateTarget },
      is_incremental: () => node.resourceType === 'model' && (flags.isIncremental ?? this.options.isIncremental?.(node as ModelNode) ?? false),
      project_name: node.project,
    };
    // dbt's wider context (adapter, graph, run_query, model, …) is built when a template first
    // reads one of its names: most models read none, and building it for each of 10,000 models
    // cost a quarter of a second and 100 MB of garbage.
    let extra: Record<string, unknown> | undefined;
    this.jinjaContextKeys ??= Object.keys(makeExtra());
    for (const key of this.jinjaContextKeys) {
      if (key in context) continue;
      Object.defineProperty(context, key, { enumerable: true, configurable: true, get: () => (extra ??= makeExtra())[key] });
    }
    return context;
  }

  /** The names `jinjaContext` defines (the same for every node). */
  private jinjaContextKeys?: string[];

  private compileModel(node: ModelNode, flags: RenderFlags = {}): { sql: string; ctes: InlineCte[] } {
    // The incremental rendering of a model differs from its full one and is wanted once: not cached.
    const cacheable = !flags.isIncremental;
    const key = flags.live ? `${node.uniqueId}|live` : node.uniqueId;
    const cached = cacheable ? this.cache.get(key) : undefined;
    if (cached) return cached;
    const ctes: InlineCte[] = [];
    const context = this.contextFor(node, ctes, flags);
    // A TypeScript model compiles its Kysely query for this dialect; SQL models render their Jinja.
    const render = (template: string): string => this.envFor(node.project).render(template, context, node.file ?? node.name).trim();
    const sql = node.tsModel ? compileTsModel(node, this.options.dialect, context, render) : render(node.rawSql);
    const result = { sql, ctes };
    if (cacheable) this.cache.set(key, result);
    return result;
  }

  /**
   * Compiled SQL of a model, snapshot or singular test, with ephemeral models inlined.
   * `isIncremental` makes `is_incremental()` true for this rendering (the runner decides it).
   */
  compile(node: ModelNode | TestNode, flags: RenderFlags = {}): CompiledNode {
    if (!node.rawSql) throw new Error(`${node.uniqueId} has no SQL to compile`);
    const { sql, ctes } = this.compileModel(node as ModelNode, flags);
    return { uniqueId: node.uniqueId, sql: injectCtes(sql, ctes) };
  }

  /**
   * Renders a pre- or post-hook of a node with the node's context (`{{ this }}`, `ref`, macros).
   * @example compiler.renderHook(node, 'analyze {{ this }}')
   */
  renderHook(node: ManifestNode, hook: string, flags: RenderFlags = {}): string {
    return this.envFor(node.project).render(hook, this.contextFor(node, [], flags), node.file ?? node.name).trim();
  }

  /**
   * Renders an `onRunStart`/`onRunEnd` hook of a project: `target`, `var`, `env_var` and macros,
   * plus `extra` (the run's `results` and `schemas` at the end).
   */
  renderProjectHook(project: string, hook: string, extra: Record<string, unknown> = {}): string {
    const info = this.dag.manifest.projects.get(project)!;
    const pseudo = { uniqueId: `operation.${project}.hook`, resourceType: 'model', name: 'hook', project, file: `${info.root}/strata.config.ts`, tags: [], config: { materialized: 'view', tags: [], enabled: true }, dependsOn: [], columns: [], checksum: '', rawSql: hook, contract: false } as ModelNode;
    const context = { ...this.contextFor(pseudo, []), this: '', ...extra };
    return this.envFor(project).render(hook, context, pseudo.file!).trim();
  }

  /**
   * Renders a generic test macro (`test_<name>` from `macros/`) for a relation and column.
   * Returns the SQL selecting failing rows.
   */
  renderGenericTest(test: TestNode, macro: string, relation: string, column: string | undefined, args: Record<string, unknown>): string {
    const env = this.envFor(test.project);
    const fn = env.macros.names.has(`test_${macro}`) ? `test_${macro}` : env.macros.names.has(macro) ? macro : undefined;
    if (!fn) {
      throw new CompilationError('E_UNKNOWN_TEST', `no generic test named '${macro}'`, {
        file: test.file,
        hint: suggestion(`test_${macro}`, env.macros.names) ?? `define {% test ${macro}(model, column_name) %} in macros/`,
      });
    }
    // An argument written as a Jinja expression (dbt's `to: ref('customers')`) is evaluated.
    const kwargs = Object.entries(args)
      .map(([k, v]) => (v && typeof v === 'object' && typeof (v as { __jinja?: unknown }).__jinja === 'string' ? `, ${k}=${(v as { __jinja: string }).__jinja}` : `, ${k}=__args.${k}`))
      .join('');
    const template = `{{ ${fn}(model=__model${column ? ', column_name=__column' : ''}${kwargs}) }}`;
    const parent = test.attachedTo ? this.dag.manifest.nodes.get(test.attachedTo) : undefined;
    let model: unknown = parent ? this.relationObject(parent) : relation;
    // A dbt test's `where` filters the model it reads (dbt's `dbt_subquery`), not its result.
    const where = test.config.dbt_where as string | undefined;
    if (where && parent) model = new JinjaRelation(this.options.dialect, null, parent.relation?.schema ?? null, parent.relation?.name ?? parent.name, null, `(select * from ${String(model)} where ${where}) dbt_subquery`);
    const context = { ...this.contextFor(test, []), __model: model, __column: column, __args: args };
    return env.render(template, context, test.file ?? test.name).trim();
  }

  /** Compiles every given node, collecting all errors before throwing them together. */
  compileAll(nodes: Array<ModelNode | TestNode>): Map<string, CompiledNode> {
    const out = new Map<string, CompiledNode>();
    const errors: StrataError[] = [];
    for (const node of nodes) {
      try {
        out.set(node.uniqueId, this.compile(node));
      } catch (error) {
        errors.push(error as StrataError);
      }
    }
    throwIfAny(errors);
    return out;
  }
}
