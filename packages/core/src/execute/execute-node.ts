import type { Adapter } from '../adapter/adapter.js';
import type { Connection } from '../adapter/connection.js';
import type { IncrementalStrategy, MaterializeResult, SeedColumn } from '../adapter/materializer.js';
import type { RelationRef } from '../adapter/relation.js';
import type { Compiler } from '../compile/compiler.js';
import { AdapterError, ConfigError } from '../errors/strata-error.js';
import { verifyContract } from '../expectations/contract.js';
import type { ModelNode, SeedNode } from '../parse/manifest.js';
import { incrementalConfig, snapshotConfig } from '../parse/materialization-config.js';
import { checkSeedFile } from './check-seed-file.js';
import { runNodeHooks } from './hooks.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { checkSeedRows, withSeedDiagnosis } from './seed-row-checks.js';

/** Per-thread resources: one connection and the adapter's helpers bound to it. */
export interface Worker {
  connection: Connection;
  adapter: Adapter;
}

/** What the runner decides once per run and every node's execution reads. */
export interface NodeRunContext {
  compiler: Compiler;
  /** `--full-refresh`: rebuild incremental models (unless `full_refresh=false`). */
  fullRefresh: boolean;
  retry: RetryPolicy;
  /** The run's clock for snapshots. */
  snapshotTime: Date;
  onRetry?: (node: ModelNode | SeedNode, attempt: number, delayMs: number, error: AdapterError) => void;
}

/** What executing one model, snapshot or seed produced. */
export interface NodeOutcome {
  rows: number;
  compiledSql?: string;
  message?: string;
}

/** The contract check of a node, run on its temporary relation before the swap. */
function contractCheck(worker: Worker, node: ModelNode | SeedNode): ((temporary: RelationRef) => Promise<void>) | undefined {
  const introspector = worker.adapter.createIntrospector(worker.connection);
  const enforced = node.resourceType === 'seed' ? node.columns.length > 0 : (node as ModelNode).contract;
  return enforced ? async (temporary) => verifyContract(node.name, node.file, node.columns, await introspector.columns(temporary), node.schemaFile) : undefined;
}

/** The strategy an incremental model uses: its own, else merge when it has a key and the adapter can, else delete+insert or append. */
function chooseStrategy(worker: Worker, node: ModelNode, configured: IncrementalStrategy | undefined, hasKey: boolean): IncrementalStrategy {
  const merge = worker.adapter.capabilities.supportsMerge;
  if (configured === 'merge' && !merge) {
    throw new ConfigError('E_NODE_CONFIG', `${node.name}: the ${worker.adapter.name} adapter has no MERGE`, { file: node.file, hint: "use incremental_strategy='delete+insert'" });
  }
  return configured ?? (hasKey ? (merge ? 'merge' : 'delete+insert') : 'append');
}

/** Renders and materializes one model or snapshot (hooks around it). */
async function buildModel(worker: Worker, node: ModelNode, context: NodeRunContext, out: { compiledSql?: string }): Promise<NodeOutcome> {
  const materializer = worker.adapter.createMaterializer(worker.connection);
  const introspector = worker.adapter.createIntrospector(worker.connection);
  const relation = node.relation!;
  const verify = contractCheck(worker, node);
  const materialized = node.resourceType === 'snapshot' ? 'snapshot' : node.config.materialized;
  let isIncremental = false;
  let fullRefresh = false;
  if (materialized === 'incremental') {
    fullRefresh = context.fullRefresh && node.config.full_refresh !== false;
    isIncremental = !fullRefresh && (await introspector.relationKind(relation)) === 'table';
  }
  // Rendering may ask the warehouse (`run_query`, `adapter.get_columns_in_relation`).
  const access = { query: (sql: string) => worker.connection.query(sql), relationKind: (r: RelationRef) => introspector.relationKind(r), columns: (r: RelationRef) => introspector.columns(r) };
  const compiledSql = (await context.compiler.compileLive(node, { isIncremental }, access)).sql;
  out.compiledSql = compiledSql;
  await runNodeHooks(worker.connection, context.compiler, node, 'pre', { isIncremental });
  let result: MaterializeResult;
  switch (materialized) {
    case 'ephemeral':
      return { rows: 0, compiledSql };
    case 'view':
      result = await materializer.view(relation, compiledSql, { verify, model: node.name, file: node.file, config: node.config });
      break;
    case 'table':
      result = await materializer.table(relation, compiledSql, { verify, model: node.name, file: node.file, config: node.config });
      break;
    case 'incremental': {
      const settings = incrementalConfig(node);
      const strategy = chooseStrategy(worker, node, settings.strategy, settings.uniqueKey.length > 0);
      result = await materializer.incremental(relation, compiledSql, { ...settings, strategy, fullRefresh: !isIncremental, verify, model: node.name, file: node.file, config: node.config });
      break;
    }
    case 'snapshot':
      result = await materializer.snapshot(relation, compiledSql, { ...snapshotConfig(node), snapshotTime: context.snapshotTime, model: node.name, file: node.file, config: node.config });
      break;
    default:
      throw new ConfigError('E_NODE_CONFIG', `materialization '${String(materialized)}' of ${node.name} is not supported`, { file: node.file, hint: 'use view, table, incremental, ephemeral or snapshot' });
  }
  await runNodeHooks(worker.connection, context.compiler, node, 'post', { isIncremental });
  return { rows: result.rowsAffected, compiledSql, message: result.message };
}

/**
 * Loads a seed with the types its schema declares, then checks the loaded rows against the
 * schema before the swap (a bad file keeps the previous table). The rows never pass through
 * Node: only a load or a check that fails has the file read line by line, to name the bad lines.
 */
export async function executeSeed(worker: Worker, node: SeedNode): Promise<number> {
  // An empty file, bad encoding or the wrong delimiter, from the file's first 64 KiB.
  checkSeedFile(node);
  const materializer = worker.adapter.createMaterializer(worker.connection);
  const dialect = worker.adapter.dialect;
  // Columns that only carry docs (no type anywhere) let the engine infer every type.
  const typed = node.columns.some((c) => c.type || c.dataType);
  const columns: SeedColumn[] | undefined = typed ? node.columns.map((c) => ({ name: c.name, type: c.dataType ?? (c.type ? dialect.typeName(c.type) : undefined) })) : undefined;
  const contract = columns ? contractCheck(worker, node) : undefined;
  const verify = async (temporary: RelationRef) => {
    await contract?.(temporary);
    await checkSeedRows(worker, node, temporary);
  };
  const result = await withSeedDiagnosis(node, () => materializer.seed(node.relation!, node.file!, { delimiter: node.delimiter, columns, verify }));
  return result.rowsAffected;
}

/**
 * Executes one model, snapshot or seed, retrying the whole (atomic) materialization after a
 * transient warehouse error. `compiledSql` is set even when execution fails after compiling.
 */
export async function executeNode(worker: Worker, node: ModelNode | SeedNode, context: NodeRunContext, out: { compiledSql?: string } = {}): Promise<NodeOutcome> {
  const onRetry = (attempt: number, delayMs: number, error: AdapterError) => context.onRetry?.(node, attempt, delayMs, error);
  if (node.resourceType === 'seed') return { rows: await withRetry(() => executeSeed(worker, node), context.retry, onRetry) };
  return withRetry(() => buildModel(worker, node, context, out), context.retry, onRetry);
}

export type { Compiler };
