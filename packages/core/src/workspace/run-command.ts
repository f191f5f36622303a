import { randomUUID } from 'node:crypto';
import type { Adapter, AdapterFactory } from '../adapter/adapter.js';
import { writeArtifacts } from '../artifacts/write-artifacts.js';
import { Compiler } from '../compile/compiler.js';
import { ConfigError } from '../errors/strata-error.js';
import { suggestion } from '../errors/did-you-mean.js';
import type { NodeResult, RunEvent } from '../execute/node-result.js';
import { runGraph } from '../execute/run-graph.js';
import type { ModelNode, ResourceType, TestNode } from '../parse/manifest.js';
import { selectNodes } from '../select/select-nodes.js';
import type { Workspace } from './load-workspace.js';

export type StrataCommand = 'build' | 'run' | 'seed' | 'test' | 'compile';

/** Resource types each command executes. */
const COMMAND_TYPES: Record<StrataCommand, ResourceType[]> = {
  build: ['seed', 'model', 'snapshot', 'test'],
  run: ['model', 'snapshot'],
  seed: ['seed'],
  test: ['test'],
  compile: ['model', 'snapshot', 'test'],
};

export interface RunCommandOptions {
  command: StrataCommand;
  select?: string[];
  exclude?: string[];
  threads?: number;
  fullRefresh?: boolean;
  failFast?: boolean;
  vars?: Record<string, unknown>;
  adapters: Record<string, AdapterFactory>;
  onEvent?: (event: RunEvent) => void;
  signal?: AbortSignal;
}

export interface RunSummary {
  invocationId: string;
  results: NodeResult[];
  elapsed: number;
  /** Compiled SQL by node id (for `compile`). */
  compiled: Map<string, string>;
  success: boolean;
}

/** The factory of the adapter a target names, or a ConfigError with a suggestion. */
export function adapterFactory(workspace: Workspace, adapters: Record<string, AdapterFactory>): AdapterFactory {
  const factory = adapters[workspace.target.adapter];
  if (!factory) {
    throw new ConfigError('E_UNKNOWN_ADAPTER', `target '${workspace.targetName}' names adapter '${workspace.target.adapter}', which is not installed`, {
      file: workspace.projects[0]!.configFile,
      hint: suggestion(workspace.target.adapter, Object.keys(adapters)) ?? `available adapters: ${Object.keys(adapters).join(', ')}`,
    });
  }
  return factory;
}

/** Opens the warehouse a workspace's target names. */
export async function openAdapter(workspace: Workspace, adapters: Record<string, AdapterFactory>): Promise<Adapter> {
  return adapterFactory(workspace, adapters).open(workspace.target, { workspaceRoot: workspace.workspaceRoot, projectRoot: workspace.projects[0]!.root });
}

/**
 * Runs one CLI command over a loaded workspace: select → compile → execute → artifacts.
 * `compile` never opens the warehouse.
 */
export async function runCommand(workspace: Workspace, options: RunCommandOptions): Promise<RunSummary> {
  const { dag } = workspace;
  const started = Date.now();
  const invocationId = randomUUID();
  const selectedAll = selectNodes(dag, { select: options.select, exclude: options.exclude });
  const types = new Set(COMMAND_TYPES[options.command]);
  const selected = new Set([...selectedAll].filter((id) => types.has(dag.node(id).resourceType)));
  const args = { command: options.command, select: options.select ?? [], exclude: options.exclude ?? [], threads: options.threads ?? 4, target: workspace.targetName };

  const factory = adapterFactory(workspace, options.adapters);
  const adapter = options.command === 'compile' ? undefined : await openAdapter(workspace, options.adapters);
  try {
    if (options.command === 'compile') {
      const compiler = new Compiler(dag, { dialect: factory.createDialect(workspace.target), target: { name: workspace.targetName, ...workspace.target } as never, vars: options.vars });
      const nodes = [...selected].map((id) => dag.node(id)).filter((n) => (n as ModelNode).rawSql) as Array<ModelNode | TestNode>;
      const compiled = new Map([...compiler.compileAll(nodes)].map(([id, c]) => [id, c.sql]));
      writeArtifacts(dag, undefined, { invocationId, compiled, adapter: workspace.target.adapter });
      return { invocationId, results: [], elapsed: (Date.now() - started) / 1000, compiled, success: true };
    }
    const live = adapter!;
    const compiler = new Compiler(dag, { dialect: live.dialect, target: { name: workspace.targetName, ...workspace.target } as never, vars: options.vars });
    await prepareSchemas(workspace, selected, live);
    const results = await runGraph(dag, selected, live, compiler, { threads: options.threads ?? 4, failFast: options.failFast, onEvent: options.onEvent, signal: options.signal });
    const elapsed = (Date.now() - started) / 1000;
    writeArtifacts(dag, results, { invocationId, elapsed, args, adapter: live.name });
    const success = results.every((r) => r.status !== 'error' && r.status !== 'fail' && r.status !== 'skipped');
    return { invocationId, results, elapsed, compiled: new Map(), success };
  } finally {
    await adapter?.close();
  }
}

/** Creates the schemas the selected nodes build into, and drops temporary relations a killed run left. */
async function prepareSchemas(workspace: Workspace, selected: Set<string>, adapter: Adapter): Promise<void> {
  const schemas = new Set<string>();
  for (const id of selected) {
    const node = workspace.dag.node(id);
    if (node.relation && node.resourceType !== 'test' && node.resourceType !== 'source') schemas.add(node.relation.schema);
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
}
