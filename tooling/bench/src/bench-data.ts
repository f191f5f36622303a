import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbAdapter, DuckDbDialect } from '@strata/adapter-duckdb';
import { loadWorkspace, type Workspace } from '@strata/core';
import type { BenchmarkResult } from './benchmark-result.js';
import { prepareDomainsAtScale } from './domain-data.js';
import { runStrataProcess } from './measure.js';

/** What the script needs from one entry of run_results.json. */
interface RunResultEntry {
  unique_id: string;
  status: string;
  relation_name: string | null;
  compiled_code: string | null;
  timing: Array<{ completed_at: string }>;
}

/**
 * The statements a person would run by hand for the same build: each seed loaded with DuckDB's
 * typed CSV reader, each model created from its compiled SQL, each test query run — in the
 * order Strata finished them.
 */
function handWrittenScript(workspace: Workspace, results: RunResultEntry[]): string[] {
  const dialect = new DuckDbDialect();
  const statements: string[] = [];
  const seenTests = new Set<string>();
  const schemas = new Set<string>();
  for (const result of [...results].sort((a, b) => (a.timing[0]?.completed_at ?? '').localeCompare(b.timing[0]?.completed_at ?? ''))) {
    const node = workspace.dag.manifest.nodes.get(result.unique_id);
    if (!node || result.status === 'skipped') continue;
    if (node.relation && node.resourceType !== 'test') schemas.add(node.relation.schema);
    if (node.resourceType === 'seed') {
      const typed = node.columns.length > 0 && node.columns.every((c) => c.type);
      const columns = typed ? `, columns = {${node.columns.map((c) => `'${c.name}': '${dialect.typeName(c.type!)}'`).join(', ')}}, auto_detect = false` : '';
      statements.push(`create or replace table ${result.relation_name} as select * from read_csv('${node.file}', header = true${columns})`);
    } else if (node.resourceType === 'model' && result.compiled_code) {
      const kind = node.config.materialized === 'view' ? 'view' : 'table';
      statements.push(`create or replace ${kind} ${result.relation_name} as ${result.compiled_code}`);
    } else if (node.resourceType === 'test' && result.compiled_code && !seenTests.has(result.compiled_code)) {
      seenTests.add(result.compiled_code);
      statements.push(result.compiled_code);
    }
  }
  return [...[...schemas].map((s) => `create schema if not exists "${s}"`), ...statements];
}

/**
 * Benchmark 3: every domain with ~`rows` rows in its largest raw table. A full `strata build`
 * against running the same compiled SQL by hand on the same data, and the run's peak RSS.
 */
export async function benchData(workspaceRoot: string, workDir: string, rows: number): Promise<BenchmarkResult[]> {
  const projects = await prepareDomainsAtScale(workspaceRoot, workDir, rows);
  // The copies sit under their own pnpm-workspace.yaml (see prepareDomainsAtScale), so their
  // default target is this benchmark's own `.strata/warehouse.duckdb`, not the workspace's.
  const base = join(workDir, `data-${rows}`);
  const database = join(base, '.strata', 'warehouse.duckdb');
  rmSync(database, { force: true });
  const args = ['build', '--threads', '4', ...projects.flatMap((p) => ['--project', p])];
  const build = runStrataProcess(args, base);
  if (build.exitCode === 2) throw new Error(`strata build could not start:\n${build.stdout}`);
  const workspace = await loadWorkspace({ projects });
  const results = projects.flatMap((p) => (JSON.parse(readFileSync(join(p, 'target', 'run_results.json'), 'utf8')) as { results: RunResultEntry[] }).results);
  const failed = results.filter((r) => r.status === 'error' || r.status === 'fail');
  const script = handWrittenScript(workspace, results);
  const strataMs = build.wallMs;

  rmSync(database, { force: true });
  const adapter = await DuckDbAdapter.open({ path: database });
  const connection = await adapter.connect();
  const rawStart = performance.now();
  for (const sql of script) await connection.query(sql);
  const rawMs = performance.now() - rawStart;
  await adapter.close();
  const label = `${rows.toLocaleString('en-US')} rows per domain's largest table`;
  return [
    {
      benchmark: 'data at scale',
      case: `${label}: strata build / same SQL by hand`,
      value: strataMs / rawMs,
      unit: 'ratio',
      target: '≤ 1.15',
      extra: `strata ${(strataMs / 1000).toFixed(1)} s (${results.length} nodes, ${failed.length} failed), by hand ${(rawMs / 1000).toFixed(1)} s`,
    },
    { benchmark: 'data at scale', case: `${label}: peak RSS of the strata process (DuckDB embedded in it)`, value: build.maxRssMb, unit: 'MB', target: '< 500 MB' },
  ];
}
