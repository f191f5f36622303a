import type { Adapter } from '../adapter/adapter.js';
import type { Compiler } from '../compile/compiler.js';
import { AdapterError, InterruptedError, StrataError } from '../errors/strata-error.js';
import type { Dag } from '../graph/dag.js';
import type { ModelNode, SeedNode, TestNode } from '../parse/manifest.js';
import { executeNode, type NodeRunContext, type Worker } from './execute-node.js';
import { executeTests, isScanTest, type TestRunOptions } from './execute-tests.js';
import type { NodeResult, RunEvent } from './node-result.js';
import { DEFAULT_RETRY_POLICY, withRetry } from './retry.js';
import { isOutOfMemory, RunAloneGate } from './run-alone-gate.js';
import { interruptReason } from './interrupt.js';
import { warehouseErrorLine } from './warehouse-error-line.js';
import { RUN_STOPPED, schedule, type SchedulerTask } from './scheduler.js';

export interface RunGraphOptions {
  threads: number;
  failFast?: boolean;
  /** Options of test execution: `--store-failures` and the clock of freshness checks. */
  tests?: TestRunOptions;
  /** `--full-refresh`, the retry policy and the snapshot clock; defaults suit a plain run. */
  run?: Partial<Omit<NodeRunContext, 'compiler'>>;
  onEvent?: (event: RunEvent) => void;
  /**
   * Stops the run: nothing new starts, running statements are cancelled (their nodes end
   * `error` with E_INTERRUPTED) and nodes not started end `skipped`.
   */
  signal?: AbortSignal;
}

interface Unit {
  id: string;
  nodes: string[];
  dependsOn: string[];
  kind: 'model' | 'seed' | 'tests';
}

/**
 * The nodes a node really reads: its parents, with ephemeral models replaced by what they read
 * (an ephemeral model is inlined, so its parents' tests must gate the node that inlines it).
 */
function readThroughEphemerals(dag: Dag, id: string, seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const parent of dag.parents.get(id) ?? []) {
    if (seen.has(parent)) continue;
    seen.add(parent);
    const node = dag.node(parent);
    if (node.resourceType === 'model' && node.config.materialized === 'ephemeral') out.push(parent, ...readThroughEphemerals(dag, parent, seen));
    else out.push(parent);
  }
  return out;
}

/**
 * Groups selected nodes into units of work: one per model or seed, and one per relation for
 * its tests (so all its row checks share one scan). A model waits for the tests of the models
 * it reads, so an error-severity failure skips what is built on bad data.
 */
export function planUnits(dag: Dag, selected: Set<string>): Unit[] {
  const unitOf = new Map<string, string>();
  const units = new Map<string, Unit>();
  for (const id of dag.topologicalOrder(selected)) {
    const node = dag.node(id);
    if (node.resourceType === 'source') continue;
    if (node.resourceType === 'model' && node.config.materialized === 'ephemeral') continue;
    let unitId = id;
    if (node.resourceType === 'test') {
      const test = node as TestNode;
      unitId = test.attachedTo && isScanTest(test) ? `tests:${test.attachedTo}` : id;
    }
    unitOf.set(id, unitId);
    const unit = units.get(unitId) ?? { id: unitId, nodes: [], dependsOn: [], kind: node.resourceType === 'test' ? 'tests' : node.resourceType === 'seed' ? 'seed' : 'model' };
    unit.nodes.push(id);
    units.set(unitId, unit);
  }
  // Units a node waits for: the units of its parents, looking through ephemeral models and sources.
  const upstreamUnits = (id: string, seen = new Set<string>()): string[] => {
    const out: string[] = [];
    for (const parent of dag.parents.get(id) ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      const u = unitOf.get(parent);
      if (u) out.push(u);
      else out.push(...upstreamUnits(parent, seen));
    }
    return out;
  };
  const gatingTests = new Map<string, string[]>();
  for (const [id, unitId] of unitOf) {
    const node = dag.node(id);
    if (node.resourceType !== 'test') continue;
    const parents = dag.parents.get(id) ?? [];
    if (parents.length === 1) gatingTests.set(parents[0]!, [...new Set([...(gatingTests.get(parents[0]!) ?? []), unitId])]);
  }
  for (const unit of units.values()) {
    const deps = new Set<string>();
    for (const id of unit.nodes) {
      for (const u of upstreamUnits(id)) deps.add(u);
      if (unit.kind !== 'tests') {
        for (const parent of readThroughEphemerals(dag, id)) for (const t of gatingTests.get(parent) ?? []) deps.add(t);
      }
    }
    deps.delete(unit.id);
    unit.dependsOn = [...deps];
  }
  return [...units.values()];
}

/** Where a node's error points: its own file and line, else the node's file (and the line a warehouse error names). */
interface ErrorSite {
  file?: string;
  compiledSql?: string;
  rawSql?: string;
}

function describeError(error: unknown, signal?: AbortSignal, site: ErrorSite = {}): Pick<NodeResult, 'message' | 'error'> {
  // A statement cancelled because the run was stopped fails with the driver's "interrupted"
  // error; say why instead.
  const reason = interruptReason(signal);
  if (reason && !(error instanceof StrataError && !(error instanceof AdapterError))) error = new InterruptedError(reason);
  if (error instanceof StrataError) {
    return {
      message: error.format(),
      // A warehouse error knows the SQL, not the file: point at the node's file.
      error: {
        code: error.code,
        type: error.name,
        file: error.file ?? site.file,
        line: error.line ?? (error instanceof AdapterError && !error.file ? warehouseErrorLine(error, site.compiledSql, site.rawSql) : undefined),
        hint: error.hint,
        sql: error instanceof AdapterError ? error.sql : undefined,
      },
    };
  }
  return { message: String((error as Error)?.message ?? error), error: { code: 'E_INTERNAL', type: (error as Error)?.name } };
}

/**
 * Executes the selected nodes on the warehouse, `threads` at a time, and returns one result per
 * node. Failures become statuses; nothing here throws for a node's error.
 */
export async function runGraph(dag: Dag, selected: Set<string>, adapter: Adapter, compiler: Compiler, options: RunGraphOptions): Promise<NodeResult[]> {
  const units = planUnits(dag, selected);
  const results: NodeResult[] = [];
  const total = units.reduce((n, u) => n + u.nodes.length, 0);
  const emit = options.onEvent ?? (() => undefined);
  emit({ type: 'run_started', total, threads: options.threads });
  const started = Date.now();

  const record = (result: NodeResult): void => {
    results.push(result);
    emit({ type: 'node_finished', result, done: results.length, total });
  };
  const base = (id: string, startedAt: Date): Omit<NodeResult, 'status'> => {
    const node = dag.node(id);
    const completedAt = new Date();
    return {
      uniqueId: id,
      name: node.name,
      resourceType: node.resourceType,
      project: node.project,
      relation: node.relation && node.resourceType !== 'test' ? adapter.dialect.renderRelation(node.relation) : undefined,
      startedAt: startedAt.toISOString(),
      completedAt: completedAt.toISOString(),
      executionTime: (completedAt.getTime() - startedAt.getTime()) / 1000,
    };
  };

  const runContext: NodeRunContext = {
    compiler,
    fullRefresh: options.run?.fullRefresh ?? false,
    retry: options.run?.retry ?? DEFAULT_RETRY_POLICY,
    snapshotTime: options.run?.snapshotTime ?? new Date(),
    onRetry: (node, attempt, delayMs, error) => {
      emit({ type: 'node_retrying', uniqueId: node.uniqueId, name: node.name, attempt, delayMs, message: error.message });
      options.run?.onRetry?.(node, attempt, delayMs, error);
    },
  };

  // A unit that ran out of memory beside others is retried once with nothing else running.
  const threads = adapter.capabilities.supportsConcurrentWrites ? Math.max(1, options.threads) : 1;
  const gate = new RunAloneGate();
  const withMemory = async <T>(unit: Unit, work: () => Promise<T>, memoryError: (result: T) => unknown = () => undefined): Promise<T> => {
    let outcome: { result: T } | { thrown: unknown };
    try {
      outcome = { result: await gate.shared(work) };
    } catch (thrown) {
      outcome = { thrown };
    }
    const error = 'thrown' in outcome ? outcome.thrown : memoryError(outcome.result);
    if (threads === 1 || !isOutOfMemory(error) || options.signal?.aborted) {
      if ('thrown' in outcome) throw outcome.thrown;
      return outcome.result;
    }
    const first = dag.node(unit.nodes[0]!);
    emit({ type: 'node_retrying', uniqueId: first.uniqueId, name: first.name, attempt: 1, delayMs: 0, message: `ran out of memory beside other nodes: retrying it alone (${String((error as Error).message).split('\n')[0]})` });
    return gate.alone(work);
  };

  /** Runs one unit on a worker's connection; failures become results, never exceptions. */
  const runUnit = async (unit: Unit, worker: Worker): Promise<'ok' | 'failed'> => {
    const startedAt = new Date();
    for (const id of unit.nodes) emit({ type: 'node_started', uniqueId: id, name: dag.node(id).name, resourceType: dag.node(id).resourceType });
    if (unit.kind === 'tests' || dag.node(unit.nodes[0]!).resourceType === 'test') {
      const tests = unit.nodes.map((id) => dag.node(id) as TestNode);
      try {
        const outcomes = await withMemory(
          unit,
          () => withRetry(() => executeTests(worker, dag, compiler, tests, options.tests), runContext.retry),
          (results) => results.find((o) => o.status === 'error' && isOutOfMemory(o.error))?.error,
        );
        let failed = false;
        for (const { test, status, result, sql, message, error } of outcomes) {
          if (status === 'fail' || status === 'error') failed = true;
          record({
            ...base(test.uniqueId, startedAt),
            status,
            failures: result?.unexpected_count,
            rowsAffected: result?.unexpected_count,
            message,
            expectation: result,
            compiledSql: sql,
            ...(error ? describeError(error, options.signal, { file: test.file }) : {}),
          });
        }
        return failed ? 'failed' : 'ok';
      } catch (error) {
        for (const test of tests) record({ ...base(test.uniqueId, startedAt), status: 'error', ...describeError(error, options.signal, { file: test.file }) });
        return 'failed';
      }
    }
    const id = unit.nodes[0]!;
    const node = dag.node(id);
    const out: { compiledSql?: string } = {};
    try {
      const outcome = await withMemory(unit, () => executeNode(worker, node as ModelNode | SeedNode, runContext, out));
      record({ ...base(id, startedAt), status: 'success', rowsAffected: outcome.rows, compiledSql: outcome.compiledSql, message: outcome.message });
      return 'ok';
    } catch (error) {
      record({ ...base(id, startedAt), status: 'error', compiledSql: out.compiledSql, ...describeError(error, options.signal, { file: node.file, compiledSql: out.compiledSql, rawSql: (node as ModelNode).rawSql }) });
      return 'failed';
    }
  };

  // On abort, cancel what the busy connections are running; their nodes then fail promptly.
  const busy = new Set<Worker>();
  const cancelRunning = (): void => {
    for (const worker of busy) worker.connection.cancel().catch(() => undefined);
  };

  const tasks: SchedulerTask<Worker>[] = units.map((unit) => ({
    id: unit.id,
    dependsOn: unit.dependsOn,
    skip: (because) => {
      const now = new Date();
      const cause = dag.manifest.nodes.get(because.replace(/^tests:/, ''))?.name ?? because;
      const reason = interruptReason(options.signal);
      const message = reason
        ? `skipped: the run was interrupted (${reason})`
        : because === RUN_STOPPED
          ? 'skipped: the run stopped after a failure (--fail-fast)'
          : `skipped because ${cause} failed upstream`;
      for (const id of unit.nodes) record({ ...base(id, now), status: 'skipped', message });
    },
    run: async (worker) => {
      busy.add(worker);
      try {
        return await runUnit(unit, worker);
      } finally {
        busy.delete(worker);
      }
    },
  }));

  const workers: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) workers.push({ adapter, connection: await adapter.connect() });
    options.signal?.addEventListener('abort', cancelRunning, { once: true });
    await schedule(tasks, workers, { failFast: options.failFast, signal: options.signal });
  } finally {
    options.signal?.removeEventListener('abort', cancelRunning);
    await Promise.all(workers.map((w) => w.connection.close().catch(() => undefined)));
  }
  emit({ type: 'run_finished', elapsed: (Date.now() - started) / 1000 });
  return results;
}
