import { randomUUID } from 'node:crypto';
import type { Adapter, AdapterFactory } from '../adapter/adapter.js';
import { writeArtifacts } from '../artifacts/write-artifacts.js';
import { Compiler } from '../compile/compiler.js';
import { ConfigError } from '../errors/strata-error.js';
import { suggestion } from '../errors/did-you-mean.js';
import { runProjectHooks } from '../execute/hooks.js';
import type { NodeResult, RunEvent } from '../execute/node-result.js';
import { resolveRetryPolicy, type RetryPolicy } from '../execute/retry.js';
import { checkPiiPolicy } from '../lineage/check-pii-policy.js';
import { lineInFile } from '../load/line-in-file.js';
import { Redactor } from '../security/redactor.js';
import { secretValues } from '../security/secret-values.js';
import { interruptReason } from '../execute/interrupt.js';
import { runGraph } from '../execute/run-graph.js';
import { compileExpectations } from '../expectations/compile-expectations.js';
import type { ModelNode, ResourceType, TestNode } from '../parse/manifest.js';
import type { Workspace } from './load-workspace.js';
import { selectWorkspace, type SelectionOptions } from './select-workspace.js';

export type StrataCommand = 'build' | 'run' | 'seed' | 'test' | 'compile' | 'snapshot';

/** Resource types each command executes. */
const COMMAND_TYPES: Record<StrataCommand, ResourceType[]> = {
  build: ['seed', 'model', 'snapshot', 'test'],
  run: ['model'],
  seed: ['seed'],
  test: ['test'],
  compile: ['model', 'snapshot', 'test'],
  snapshot: ['snapshot'],
};

export interface RunCommandOptions extends SelectionOptions {
  command: StrataCommand;
  /** Exactly these node ids instead of a selection (what `strata retry` runs). */
  nodeIds?: string[];
  threads?: number;
  /** Rebuild incremental models from their full query. */
  fullRefresh?: boolean;
  failFast?: boolean;
  vars?: Record<string, unknown>;
  adapters: Record<string, AdapterFactory>;
  onEvent?: (event: RunEvent) => void;
  signal?: AbortSignal;
  /** Overrides the project's and target's `retries` (tests use it to avoid waiting). */
  retry?: Partial<RetryPolicy>;
  /** The clock snapshots record; default now. */
  snapshotTime?: Date;
  /** Keep each failed test's failing rows in an audit table named after it (`--store-failures`). */
  storeFailures?: boolean;
  /** The environment templates read through `env_var()` (default process.env; partial parsing records the names read). */
  env?: NodeJS.ProcessEnv;
  /** Hears where each value of `manifest.json` was written (`compile`; see writeArtifacts). */
  onManifestValue?: Parameters<typeof writeArtifacts>[2]['onManifestValue'];
}

export interface RunSummary {
  invocationId: string;
  results: NodeResult[];
  elapsed: number;
  /** Compiled SQL by node id (for `compile`). */
  compiled: Map<string, string>;
  success: boolean;
  /** Set when `signal` stopped the run: what stopped it (`'SIGINT'`, `'SIGTERM'`, `'aborted'`). */
  interrupted?: string;
}

/** The factory of the adapter a target names, or a ConfigError with a suggestion. */
export function adapterFactory(workspace: Workspace, adapters: Record<string, AdapterFactory>): AdapterFactory {
  const factory = adapters[workspace.target.adapter];
  if (!factory) {
    const file = workspace.projects[0]!.configFile;
    const name = String(workspace.target.adapter);
    throw new ConfigError('E_UNKNOWN_ADAPTER', `target '${workspace.targetName}' names adapter '${name}', which is not installed`, {
      file,
      line: lineInFile(file, [`'${name}'`, `"${name}"`, `\`${name}\``]),
      hint: suggestion(workspace.target.adapter, Object.keys(adapters)) ?? `available adapters: ${Object.keys(adapters).join(', ')}`,
    });
  }
  return factory;
}

/** Opens the warehouse a workspace's target names; `log` hears about waits (a locked file). */
export async function openAdapter(workspace: Workspace, adapters: Record<string, AdapterFactory>, log?: (message: string) => void): Promise<Adapter> {
  return adapterFactory(workspace, adapters).open(workspace.target, { workspaceRoot: workspace.workspaceRoot, projectRoot: workspace.projects[0]!.root, log });
}

/** The run's arguments as `run_results.json` records them (what `strata retry` replays). */
function argsOf(workspace: Workspace, options: RunCommandOptions): Record<string, unknown> {
  return {
    command: options.command,
    which: options.command,
    select: options.select ?? [],
    exclude: options.exclude ?? [],
    selector: options.selector ?? null,
    state: options.state ?? null,
    full_refresh: options.fullRefresh ?? false,
    threads: options.threads ?? 4,
    vars: options.vars ?? {},
    target: workspace.targetName,
  };
}

/**
 * Runs one CLI command over a loaded workspace: select → compile → execute → artifacts, with
 * the projects' `onRunStart`/`onRunEnd` hooks around the nodes. `compile` never opens the warehouse.
 */
export async function runCommand(workspace: Workspace, options: RunCommandOptions): Promise<RunSummary> {
  const { dag } = workspace;
  const started = Date.now();
  const invocationId = randomUUID();
  const types = new Set(COMMAND_TYPES[options.command]);
  const candidates = options.nodeIds ? new Set(options.nodeIds.filter((id) => dag.manifest.nodes.has(id))) : selectWorkspace(workspace, options);
  const selected = new Set([...candidates].filter((id) => types.has(dag.node(id).resourceType)));
  const args = argsOf(workspace, options);
  const emit = options.onEvent ?? (() => undefined);
  const target = { name: workspace.targetName, ...workspace.target } as never;

  const factory = adapterFactory(workspace, options.adapters);
  // Personal data must not reach a model the project's pii policy keeps it out of: checked offline, before any work.
  if (options.command !== 'seed' && options.command !== 'test') await checkPiiPolicy(workspace, selected, options.adapters, { target, vars: options.vars });
  const redactor = new Redactor(secretValues({ target: workspace.target, vars: options.vars, env: process.env }));
  const redact = (text: string) => redactor.redact(text);
  if (options.command === 'compile') {
    const dialect = factory.createDialect(workspace.target);
    const compiler = new Compiler(dag, { dialect, target, vars: options.vars, env: options.env });
    const nodes = [...selected].map((id) => dag.node(id)).filter((n) => (n as ModelNode).rawSql) as Array<ModelNode | TestNode>;
    const compiled = new Map([...compiler.compileAll(nodes)].map(([id, c]) => [id, redact(c.sql)]));
    for (const [id, sql] of compileExpectations(dag, compiler, dialect, [...selected].map((id) => dag.node(id)))) compiled.set(id, redact(sql));
    writeArtifacts(dag, undefined, { invocationId, compiled, adapter: workspace.target.adapter, redact, onManifestValue: options.onManifestValue });
    return { invocationId, results: [], elapsed: (Date.now() - started) / 1000, compiled, success: true };
  }
  const adapter = await openAdapter(workspace, options.adapters, (message) => emit({ type: 'log', level: 'info', message }));
  try {
    const compiler = new Compiler(dag, { dialect: adapter.dialect, target, vars: options.vars });
    const schemas = await prepareSchemas(workspace, selected, adapter, options.storeFailures);
    const projects = workspace.projects.map((p) => ({ info: dag.manifest.projects.get(p.config.name)!, config: p.config }));
    const results: NodeResult[] = await runProjectHooks(adapter, compiler, projects, 'start');
    if (results.every((r) => r.status === 'success')) {
      const retry = { ...resolveRetryPolicy(workspace.projects[0]!.config.retries, workspace.target.retries), ...options.retry };
      const run = { fullRefresh: options.fullRefresh ?? false, retry, snapshotTime: options.snapshotTime ?? new Date() };
      results.push(...(await runGraph(dag, selected, adapter, compiler, { threads: options.threads ?? 4, failFast: options.failFast, onEvent: options.onEvent, signal: options.signal, run, tests: { storeFailures: options.storeFailures } })));
      const summary = results.map((r) => ({ node: { unique_id: r.uniqueId, name: r.name, resource_type: r.resourceType }, unique_id: r.uniqueId, status: r.status, message: r.message ?? null, rows_affected: r.rowsAffected ?? null }));
      // An interrupted run ends at once: no on-run-end hooks, only the cleanup below.
      if (!options.signal?.aborted) results.push(...(await runProjectHooks(adapter, compiler, projects, 'end', { results: summary, schemas: [...schemas] })));
    }
    const interrupted = interruptReason(options.signal);
    // Cancelled statements may leave temporary relations behind: drop them now, not next run.
    if (interrupted) await dropTemporaryRelations(adapter, schemas).catch(() => undefined);
    const elapsed = (Date.now() - started) / 1000;
    redactResults(results, redact);
    writeArtifacts(dag, results, { invocationId, elapsed, args, adapter: adapter.name, redact });
    const success = !interrupted && results.every((r) => r.status !== 'error' && r.status !== 'fail' && r.status !== 'skipped');
    return { invocationId, results, elapsed, compiled: new Map(), success, ...(interrupted ? { interrupted } : {}) };
  } finally {
    await adapter.close();
  }
}

/** Creates the schemas the selected nodes build into, and drops temporary relations a killed run left. */
async function prepareSchemas(workspace: Workspace, selected: Set<string>, adapter: Adapter, storeFailures = false): Promise<Set<string>> {
  const schemas = new Set<string>();
  for (const id of selected) {
    const node = workspace.dag.node(id);
    if (node.relation && node.resourceType !== 'test' && node.resourceType !== 'source') schemas.add(node.relation.schema);
    // Tests' audit schema, where `--store-failures` keeps failing rows.
    if (storeFailures && node.resourceType === 'test' && node.relation) schemas.add(node.relation.schema);
  }
  const connection = await adapter.connect();
  try {
    const materializer = adapter.createMaterializer(connection);
    for (const schema of schemas) {
      await materializer.ensureSchema(schema);
      await materializer.dropTemporaryRelations(schema);
    }
  } finally {
    await connection.close();
  }
  return schemas;
}

/** Drops the temporary relations of `schemas` (after an interrupted run). */
async function dropTemporaryRelations(adapter: Adapter, schemas: Set<string>): Promise<void> {
  const connection = await adapter.connect();
  try {
    const materializer = adapter.createMaterializer(connection);
    for (const schema of schemas) await materializer.dropTemporaryRelations(schema);
  } finally {
    await connection.close();
  }
}

/** Scrubs secrets from what results carry into artifacts, docs and summaries. */
function redactResults(results: NodeResult[], redact: (text: string) => string): void {
  for (const result of results) {
    if (result.compiledSql) result.compiledSql = redact(result.compiledSql);
    if (result.message) result.message = redact(result.message);
    if (result.error?.sql) result.error.sql = redact(result.error.sql);
    if (result.error?.hint) result.error.hint = redact(result.error.hint);
  }
}
