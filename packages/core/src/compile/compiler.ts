import type { Dialect } from '../adapter/dialect.js';
import type { RelationRef } from '../adapter/relation.js';
import { suggestion } from '../errors/did-you-mean.js';
import { CompilationError, throwIfAny, type StrataError } from '../errors/strata-error.js';
import type { Dag } from '../graph/dag.js';
import type { ManifestNode, ModelNode, TestNode } from '../parse/manifest.js';
import { EPHEMERAL_PREFIX, injectCtes, type InlineCte } from './inject-ctes.js';
import { TemplateEnv } from './template-env.js';

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
}

/** Per-rendering switches decided by the runner. */
export interface RenderFlags {
  /** `is_incremental()` answers true: the model's table exists and no full refresh was asked. */
  isIncremental?: boolean;
}

const SECRET_KEYS = /pass|secret|token|key|credential/i;

/**
 * Renders nodes' Jinja into SQL for one dialect. Pure: it reads the manifest and never touches
 * the warehouse, so `strata compile` works offline. Results are cached per node.
 */
export class Compiler {
  private readonly envs = new Map<string, TemplateEnv>();
  private readonly cache = new Map<string, { sql: string; ctes: InlineCte[] }>();

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

  /** The template context of one node: dbt's names, bound to this node. */
  contextFor(node: ManifestNode, ctes: InlineCte[], flags: RenderFlags = {}): Record<string, unknown> {
    const { manifest } = this.dag;
    const project = manifest.projects.get(node.project)!;
    const vars = { ...project.vars, ...this.options.vars };
    const env = this.options.env ?? process.env;
    const file = node.file ?? '';
    const addEphemeral = (dep: ManifestNode): void => {
      if (dep.resourceType === 'model' && dep.config.materialized === 'ephemeral' && !ctes.some((c) => c.name === dep.name)) {
        const compiled = this.compileModel(dep as ModelNode);
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
    return {
      ref: (a: string, b?: string) => {
        const [projectName, name] = b === undefined ? [undefined, a] : [a, b];
        const dep = findDep((n) => n.name === name && (projectName === undefined || n.project === projectName) && n.resourceType !== 'source' && n.resourceType !== 'test');
        if (!dep) throw new CompilationError('E_UNKNOWN_REF', `ref('${name}') is not a dependency found when parsing`, { file, hint: 'ref() arguments must be string literals so Strata can find them without rendering' });
        addEphemeral(dep);
        return this.relationSql(dep);
      },
      source: (sourceName: string, table: string) => {
        const dep = findDep((n) => n.resourceType === 'source' && (n as { sourceName?: string }).sourceName === sourceName && n.name === table);
        if (!dep) throw new CompilationError('E_UNKNOWN_SOURCE', `source('${sourceName}', '${table}') is not declared`, { file });
        return this.relationSql(dep);
      },
      config: () => '',
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
      this: node.relation ? this.options.dialect.renderRelation(node.relation) : '',
      target: publicTarget,
      is_incremental: () => node.resourceType === 'model' && (flags.isIncremental ?? this.options.isIncremental?.(node as ModelNode) ?? false),
      project_name: node.project,
      model: { name: node.name, unique_id: node.uniqueId, config: node.config },
    };
  }

  private compileModel(node: ModelNode, flags: RenderFlags = {}): { sql: string; ctes: InlineCte[] } {
    // The incremental rendering of a model differs from its full one and is wanted once: not cached.
    const cacheable = !flags.isIncremental;
    const cached = cacheable ? this.cache.get(node.uniqueId) : undefined;
    if (cached) return cached;
    const ctes: InlineCte[] = [];
    const sql = this.envFor(node.project).render(node.rawSql, this.contextFor(node, ctes, flags), node.file ?? node.name).trim();
    const result = { sql, ctes };
    if (cacheable) this.cache.set(node.uniqueId, result);
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
    const kwargs = Object.keys(args).map((k) => `, ${k}=__args.${k}`).join('');
    const template = `{{ ${fn}(model=__model${column ? ', column_name=__column' : ''}${kwargs}) }}`;
    const context = { ...this.contextFor(test, []), __model: relation, __column: column, __args: args };
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
