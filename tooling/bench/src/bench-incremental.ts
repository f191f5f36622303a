import { appendFileSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { loadWorkspace, type Connection } from '@strata/core';
import { removeDatabase, runResultsOf } from './bench-data.js';
import type { BenchmarkResult } from './benchmark-result.js';
import { copyDomainProject, ownWorkspace } from './domain-data.js';
import { benchDuckDbSettings, type BenchDuckDbSettings } from './duckdb-settings.js';
import { runStrataProcess } from './measure.js';
import { APP_TABLES, prepareStreamingLoads } from './streaming-loads.js';
import type { RunResultEntry } from './hand-written-script.js';
import { isSame, tableDifference, type TableDifference } from './table-difference.js';

/**
 * What is rebuilt after the append, each compared with a full refresh of the same nodes. Seeds
 * stand in for the loader here, and a loader's work is not the build's: they are loaded before
 * the timed builds and left out of both.
 */
const SCOPES = [
  { name: 'every model and test of the project', args: ['--exclude', 'resource_type:seed'], compare: 'tables' },
  { name: 'the incremental models and their tests', args: ['--select', 'config.materialized:incremental'], compare: 'incremental' },
] as const;

/** Where the copies of incremental results wait for the full refresh to be compared with. */
const SNAPSHOT_SCHEMA = 'bench_incremental';

/** What one strata process cost, and where its time went (from its run_results.json). */
interface BuildTime {
  seconds: number;
  /** User + system CPU of the process, DuckDB's threads included (the machine is shared: wall time alone misleads). */
  cpuSeconds: number;
  nodes: number;
  /** Wall time outside the run itself: starting Node, loading and compiling the project, artifacts. */
  outsideRunSeconds: number;
  /** Sum of the models' own times. */
  modelSeconds: number;
  /** Time of the test queries: the checks of one relation share one scan, counted once. */
  testSeconds: number;
  testScans: number;
  /** The slowest nodes, `name 1.2 s`. */
  slowest: string;
}

/** Runs `strata <args>` on the project; any failed node fails the benchmark. */
function strata(project: string, cwd: string, args: string[]): BuildTime {
  const run = runStrataProcess([...args, '--project', project], cwd);
  const results = run.exitCode === 2 ? [] : runResultsOf([project]);
  const failed = results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'skipped');
  if (run.exitCode !== 0 || failed.length > 0) throw new Error(`strata ${args.join(' ')} failed (exit ${run.exitCode}; ${failed.map((r) => r.unique_id).join(', ')}):\n${run.stdout.slice(-4000)}`);
  const { elapsed_time: elapsed } = JSON.parse(readFileSync(join(project, 'target', 'run_results.json'), 'utf8')) as { elapsed_time: number };
  const time = (r: RunResultEntry) => r.execution_time ?? 0;
  const models = results.filter((r) => r.unique_id.startsWith('model.')).map((r) => ({ name: r.unique_id.split('.').at(-1)!, seconds: time(r) }));
  // The checks of one relation run as one scan and each report its time (same start, same
  // duration to the millisecond or two): counted once.
  const scans = new Map<string, { name: string; seconds: number }>();
  for (const r of results) {
    const key = `${(r.timing[0] as { started_at?: string } | undefined)?.started_at}|${Math.round(time(r) * 100)}`;
    if (r.unique_id.startsWith('test.') && !scans.has(key)) scans.set(key, { name: `test ${r.unique_id.split('.').at(-1)}`, seconds: time(r) });
  }
  const sum = (nodes: Array<{ seconds: number }>) => nodes.reduce((total, n) => total + n.seconds, 0);
  const slowest = [...models, ...scans.values()].sort((a, b) => b.seconds - a.seconds).slice(0, 3);
  return {
    seconds: run.wallMs / 1000,
    cpuSeconds: run.cpuSeconds,
    nodes: results.length,
    outsideRunSeconds: run.wallMs / 1000 - elapsed,
    modelSeconds: sum(models),
    testSeconds: sum([...scans.values()]),
    testScans: scans.size,
    slowest: slowest.map((n) => `${n.name} ${n.seconds.toFixed(1)} s`).join(', '),
  };
}

/**
 * `wall 1.2 s, CPU 0.9 s, outside the run 0.8 s, node time: models 0.2 s, test scans 0.3 s (12), slowest …`
 * Node times are summed over the run's threads, so they can add up to more than the wall time.
 */
function describe(build: BuildTime): string {
  return `wall ${build.seconds.toFixed(1)} s, CPU ${build.cpuSeconds.toFixed(1)} s, outside the run ${build.outsideRunSeconds.toFixed(1)} s, node time: models ${build.modelSeconds.toFixed(1)} s, test scans ${build.testSeconds.toFixed(1)} s (${build.testScans}), slowest ${build.slowest}`;
}

/** Opens the benchmark's warehouse (between strata runs: one writer at a time) and runs `fn` on it. */
async function onWarehouse<T>(database: string, settings: BenchDuckDbSettings, fn: (connection: Connection) => Promise<T>): Promise<T> {
  const adapter = await DuckDbAdapter.open({ path: database, ...settings });
  try {
    return await fn(await adapter.connect());
  } finally {
    await adapter.close();
  }
}

/**
 * The loader's housekeeping, untimed. DuckDB compacts the part-filled row groups a seed load
 * leaves (the parallel CSV reader writes them) at the checkpoints that follow any later write, a
 * few row groups each time: measured 1-3 s at 1M events and ~20 s at 10M at the close of the
 * first build after the load, whichever build that is. Rounds of a trivial write and a
 * checkpoint until a round moves no block of any table, so both builds start from the same
 * settled file.
 */
async function settleStorage(database: string, settings: BenchDuckDbSettings): Promise<number> {
  return onWarehouse(database, settings, async (connection) => {
    const tables = await connection.query<{ name: string }>(`select '"' || schema_name || '"."' || table_name || '"' as name from duckdb_tables() where not temporary`);
    const blocks = async () => JSON.stringify(await Promise.all(tables.map(async ({ name }) => connection.query(`select cast(list(distinct block_id order by block_id) as varchar) as b from pragma_storage_info('${name.replaceAll("'", "''")}')`))));
    await connection.execute(`create schema if not exists ${SNAPSHOT_SCHEMA}`);
    for (let round = 1; round <= 50; round++) {
      const before = await blocks();
      await connection.execute(`create or replace table ${SNAPSHOT_SCHEMA}.settle as select ${round} as round`);
      await connection.execute('checkpoint');
      if ((await blocks()) === before) return round;
    }
    throw new Error('DuckDB kept rewriting tables after 50 checkpoints');
  });
}

/** The relations of the project's models materialized as one of `kinds`, by model name. */
async function modelTables(project: string, kinds: string[]): Promise<Map<string, string>> {
  const workspace = await loadWorkspace({ projects: [project] });
  const tables = new Map<string, string>();
  for (const node of workspace.dag.manifest.nodes.values()) {
    if (node.resourceType === 'model' && node.relation && kinds.includes(node.config.materialized)) tables.set(node.name, `"${node.relation.schema}"."${node.relation.name}"`);
  }
  return tables;
}

/** Each incremental model's own time in the two runs: `int_daily_streams 1.2 s / 3.4 s`. */
function modelSeconds(models: Map<string, string>, incremental: RunResultEntry[], full: RunResultEntry[]): string {
  const seconds = (results: RunResultEntry[], model: string) => results.find((r) => r.unique_id.startsWith('model.') && r.unique_id.endsWith(`.${model}`))?.execution_time ?? NaN;
  return [...models.keys()].map((model) => `${model} ${seconds(incremental, model).toFixed(1)} s / ${seconds(full, model).toFixed(1)} s`).join(', ');
}

/** Where a benchmark run works: the project copy, its warehouse and the state after the second load. */
interface Setup {
  project: string;
  base: string;
  database: string;
  loaded: string;
  settings: BenchDuckDbSettings;
  incrementalModels: Map<string, string>;
  allTables: Map<string, string>;
}

/**
 * From the state after the second load: an incremental build of `scope`, its tables copied
 * aside, a `--full-refresh` of the same scope, and the two compared table by table.
 */
async function measureScope(setup: Setup, scope: (typeof SCOPES)[number]): Promise<{ incremental: BuildTime; full: BuildTime; perModel: string; tables: string }> {
  const { project, base, database, settings, incrementalModels } = setup;
  removeDatabase(database);
  copyFileSync(setup.loaded, database);
  const incremental = strata(project, base, ['build', ...scope.args]);
  const incrementalRun = runResultsOf([project]);
  const rebuilt = incrementalRun.filter((r) => r.unique_id.startsWith('model.') && incrementalModels.has(r.unique_id.split('.').at(-1)!) && !r.message?.startsWith('incremental'));
  if (rebuilt.length > 0) throw new Error(`the incremental build rebuilt ${rebuilt.map((r) => `${r.unique_id} (${r.message})`).join(', ')} in full`);
  const tables = scope.compare === 'incremental' ? incrementalModels : setup.allTables;
  await onWarehouse(database, settings, async (connection) => {
    await connection.execute(`create schema if not exists ${SNAPSHOT_SCHEMA}`);
    for (const [name, relation] of tables) await connection.execute(`create or replace table ${SNAPSHOT_SCHEMA}."${name}" as select * from ${relation}`);
  });

  const full = strata(project, base, ['build', '--full-refresh', ...scope.args]);
  const differences = await onWarehouse(database, settings, async (connection) => {
    const found: Array<[string, TableDifference]> = [];
    for (const [name, relation] of tables) found.push([name, await tableDifference(connection, `${SNAPSHOT_SCHEMA}."${name}"`, relation)]);
    return found;
  });
  const unequal = differences.filter(([, d]) => !isSame(d));
  if (unequal.length > 0) throw new Error(`incremental build != full refresh (${scope.name}): ${unequal.map(([name, d]) => `${name} ${JSON.stringify(d)}`).join('; ')}`);
  return {
    incremental,
    full,
    perModel: modelSeconds(incrementalModels, incrementalRun, runResultsOf([project])),
    tables: differences.map(([name, d]) => `${name} (${d.rowsA.toLocaleString('en-US')} rows)`).join(', '),
  };
}

/**
 * Benchmark 4: the streaming domain (the one whose raw data is an append-only event log with
 * late uploads and whose staging and fact models are incremental), its event log ~`rows` rows.
 * A first load (through 2024-12-30) is built in full; the next day's load is applied as a loader
 * would, untimed (~0.9% more events appended, app tables replaced); then, for each scope, an
 * incremental `strata build` against a `--full-refresh` of the same nodes on the same data,
 * each in a process of its own: wall time and user + system CPU (the machine is shared), and
 * where the time went (outside the run, models, test scans, the slowest nodes). Every table the
 * scope builds must equal its full refresh row for row (EXCEPT ALL both ways, row counts), or
 * the benchmark fails.
 * @example await benchIncremental(root, join(root, 'tooling/bench/.work'), 1_000_000)
 */
export async function benchIncremental(workspaceRoot: string, workDir: string, rows: number): Promise<BenchmarkResult[]> {
  const base = join(workDir, `incremental-${rows}`);
  ownWorkspace(base);
  // A workspace has a node_modules folder, where Strata keeps transpiled schema files between
  // runs; without one every run would transpile them again, which no user's build does.
  mkdirSync(join(base, 'node_modules'), { recursive: true });
  const loads = await prepareStreamingLoads(base, rows);
  const project = join(base, 'streaming');
  const settings = benchDuckDbSettings(rows);
  copyDomainProject(workspaceRoot, 'streaming', project, settings);
  const seeds = join(project, 'seeds');
  rmSync(seeds, { recursive: true, force: true });
  cpSync(loads.firstDir, seeds, { recursive: true });
  const database = join(base, '.strata', 'warehouse.duckdb');
  removeDatabase(database);

  const firstBuild = strata(project, base, ['build']);
  // The next day's load, as the loader delivers it: app tables replaced, events appended.
  for (const table of APP_TABLES) copyFileSync(join(loads.laterDir, `${table}.csv`), join(seeds, `${table}.csv`));
  appendFileSync(join(seeds, 'watch_history.csv'), readFileSync(loads.appendFile));
  strata(project, base, ['seed']);
  await settleStorage(database, settings);
  const loaded = join(base, 'after-second-load.duckdb');
  copyFileSync(database, loaded);

  const setup: Setup = { project, base, database, loaded, settings, incrementalModels: await modelTables(project, ['incremental']), allTables: await modelTables(project, ['incremental', 'table']) };
  const share = `${((loads.appendedEvents / loads.firstEvents) * 100).toFixed(2)}%`;
  const label = `streaming, ${loads.firstEvents.toLocaleString('en-US')} events + ${loads.appendedEvents.toLocaleString('en-US')} appended (${share})`;
  const results: BenchmarkResult[] = [];
  for (const scope of SCOPES) {
    const { incremental, full, perModel, tables } = await measureScope(setup, scope);
    results.push({
      benchmark: 'incremental',
      case: `${label}: incremental / full refresh, ${scope.name}`,
      value: incremental.seconds / full.seconds,
      unit: 'ratio',
      target: '≤ 0.10',
      extra: [
        `CPU (user + sys) ${(incremental.cpuSeconds / full.cpuSeconds).toFixed(2)} ×`,
        `incremental: ${describe(incremental)}`,
        `full refresh: ${describe(full)} (${full.nodes} nodes; first full build with seed loads ${firstBuild.seconds.toFixed(1)} s)`,
        `incremental models incremental / full: ${perModel}`,
        `equal to the full refresh: ${tables}`,
      ].join('; '),
    });
  }
  rmSync(loaded, { force: true });
  return results;
}
