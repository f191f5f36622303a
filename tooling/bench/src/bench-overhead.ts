import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbAdapter, duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { loadWorkspace, runCommand } from '@strata/core';
import type { BenchmarkResult } from './benchmark-result.js';
import { median } from './measure.js';

/** A project of `count` trivial views, each reading the previous one's neighbour. */
function writeViewsProject(dir: string, count: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'strata.config.ts'), "export default { name: 'overhead' };\n");
  for (let i = 0; i < count; i++) {
    const from = i < 10 ? 'select 1 as id' : `select id from {{ ref('v_${String(i - 10).padStart(5, '0')}') }}`;
    writeFileSync(join(dir, 'models', `v_${String(i).padStart(5, '0')}.sql`), `${from}\n`);
  }
}

/**
 * Benchmark 2: `strata run` of N trivial views on DuckDB, against executing the same compiled
 * statements back to back on one connection in this process. Both use one thread.
 */
export async function benchOverhead(workDir: string, views: number, repeat: number): Promise<BenchmarkResult[]> {
  const dir = join(workDir, 'overhead');
  writeViewsProject(dir, views);
  const database = join(workDir, 'overhead-warehouse.duckdb');
  const strataTimes: number[] = [];
  const rawTimes: number[] = [];
  let statements: string[] = [];
  for (let r = 0; r < repeat; r++) {
    rmSync(database, { force: true });
    const workspace = await loadWorkspace({ projects: [dir] });
    workspace.target = { adapter: 'duckdb', path: database };
    const start = performance.now();
    const summary = await runCommand(workspace, { command: 'run', threads: 1, adapters: { duckdb: duckdbAdapterFactory } });
    strataTimes.push(performance.now() - start);
    if (!summary.success) throw new Error(`overhead project failed to build: ${summary.results.find((r) => r.status !== 'success')?.message}`);
    statements = summary.results
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      .map((result) => `CREATE OR REPLACE VIEW ${result.relation} AS\n${result.compiledSql}`);

    rmSync(database, { force: true });
    const adapter = await DuckDbAdapter.open({ path: database });
    const connection = await adapter.connect();
    const rawStart = performance.now();
    await connection.execute('CREATE SCHEMA IF NOT EXISTS overhead');
    for (const sql of statements) await connection.execute(sql);
    rawTimes.push(performance.now() - rawStart);
    await adapter.close();
  }
  const strata = median(strataTimes);
  const raw = median(rawTimes);
  return [
    { benchmark: 'per-node overhead', case: `${views} views: strata run / same statements on one connection`, value: strata / raw, unit: 'ratio', target: '≤ 1.5', extra: `strata ${strata.toFixed(0)} ms, raw ${raw.toFixed(0)} ms, overhead ${((strata - raw) / views).toFixed(3)} ms/node` },
  ];
}
