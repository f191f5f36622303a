import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '@strata/core';
import type { BenchmarkResult } from './benchmark-result.js';
import { prepareDomainsAtScale } from './domain-data.js';
import { benchDuckDbSettings } from './duckdb-settings.js';
import { handWrittenScript, type RunResultEntry } from './hand-written-script.js';
import { runBenchScript, runStrataProcess } from './measure.js';

/**
 * Removes a DuckDB database with its write-ahead log and spill folder.
 * @example removeDatabase('.work/data-1000000/.strata/warehouse.duckdb')
 */
export function removeDatabase(database: string): void {
  for (const path of [database, `${database}.wal`, `${database}.tmp`]) rmSync(path, { recursive: true, force: true });
}

/**
 * Each project's run_results.json entries.
 * @example runResultsOf(projects).filter((r) => r.status === 'error')
 */
export function runResultsOf(projects: string[]): RunResultEntry[] {
  return projects.flatMap((p) => (JSON.parse(readFileSync(join(p, 'target', 'run_results.json'), 'utf8')) as { results: RunResultEntry[] }).results);
}

/**
 * Benchmark 3: every domain with ~`rows` rows in its largest raw table. A full `strata build`
 * against running the same compiled SQL by hand on the same data, each in a process of its own
 * with the same DuckDB settings (benchDuckDbSettings), and both processes' peak RSS: the
 * by-hand one is what DuckDB itself takes under that limit. A build with a failed node fails the
 * benchmark (a ratio over less work would flatter Strata).
 */
export async function benchData(workspaceRoot: string, workDir: string, rows: number): Promise<BenchmarkResult[]> {
  const settings = benchDuckDbSettings(rows);
  const projects = await prepareDomainsAtScale(workspaceRoot, workDir, rows, settings);
  const base = join(workDir, `data-${rows}`);
  const database = join(base, '.strata', 'warehouse.duckdb');
  removeDatabase(database);
  const args = ['build', '--threads', '4', ...projects.flatMap((p) => ['--project', p])];
  const build = runStrataProcess(args, base);
  if (build.exitCode === 2) throw new Error(`strata build could not start:\n${build.stdout}`);
  const results = runResultsOf(projects);
  const failed = results.filter((r) => r.status === 'error' || r.status === 'fail');
  if (failed.length > 0) throw new Error(`strata build at ${rows} rows failed ${failed.length} nodes (${failed.map((r) => r.unique_id).join(', ')}):\n${build.stdout.slice(-4000)}`);

  const scriptFile = join(base, 'by-hand.json');
  writeFileSync(scriptFile, JSON.stringify(handWrittenScript(await loadWorkspace({ projects }), results)));
  removeDatabase(database);
  const byHand = runBenchScript('run-sql-script.js', [database, scriptFile, JSON.stringify(settings)], base);
  if (byHand.exitCode !== 0) throw new Error(`the by-hand script failed:\n${byHand.stderr.slice(-4000)}`);

  const cpu = { strata: build.cpuSeconds, byHand: byHand.cpuSeconds };
  const label = `${rows.toLocaleString('en-US')} rows per domain's largest table`;
  const duckdb = `DuckDB memory_limit ${settings.memoryLimit}, ${settings.threads} threads on both sides`;
  return [
    {
      benchmark: 'data at scale',
      case: `${label}: strata build / same SQL by hand`,
      value: build.wallMs / byHand.wallMs,
      unit: 'ratio',
      target: '≤ 1.15',
      extra: `strata ${(build.wallMs / 1000).toFixed(1)} s (${results.length} nodes), by hand ${(byHand.wallMs / 1000).toFixed(1)} s; CPU (user + sys) strata ${cpu.strata.toFixed(1)} s, by hand ${cpu.byHand.toFixed(1)} s (${(cpu.strata / cpu.byHand).toFixed(2)} ×); ${duckdb}`,
    },
    {
      benchmark: 'data at scale',
      case: `${label}: peak RSS of the strata process (DuckDB embedded in it)`,
      value: build.maxRssMb,
      unit: 'MB',
      target: '< 500 MB',
      extra: `the by-hand process (DuckDB and a bare Node): ${byHand.maxRssMb.toFixed(0)} MB`,
    },
  ];
}
