/**
 * `pnpm bench`: runs every benchmark, prints a table and writes BENCHMARKS.md at the workspace
 * root. Every figure that matters is a ratio against a baseline measured in the same run.
 *
 *   pnpm bench            full sizes (minutes)
 *   pnpm bench --quick    small sizes, to check the harness works
 *   --data-rows=N         rows of each domain's largest raw table (default 1,000,000); --10m adds 10M
 *   --10m                 also: the data benchmark at 10M rows, the incremental one at 10M instead of --data-rows
 *   --pg-data-rows=N      rows of each domain's largest table for postgres-data (default 1,000,000)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@strata/core';
import { benchCompile } from './bench-compile.js';
import { benchData } from './bench-data.js';
import { benchIncremental } from './bench-incremental.js';
import { benchDataPostgres } from './bench-data-postgres.js';
import { benchExpectations } from './bench-expectations.js';
import { benchExpectationsPostgres } from './bench-expectations-postgres.js';
import { benchOverhead } from './bench-overhead.js';
import { benchSeeds } from './bench-seeds.js';
import { benchSeedsPostgres } from './bench-seeds-postgres.js';
import { formatValue, toMarkdownTable, type BenchmarkResult } from './benchmark-result.js';
import { deleteSetAside } from './set-aside.js';
import { benchmarksDocument, mergeTable } from './benchmarks-file.js';

const quick = process.argv.includes('--quick');
const dataRows = Number(process.argv.find((a) => a.startsWith('--data-rows='))?.slice('--data-rows='.length) ?? 1_000_000);
const pgDataRows = Number(process.argv.find((a) => a.startsWith('--pg-data-rows='))?.slice('--pg-data-rows='.length) ?? 1_000_000);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const root = findWorkspaceRoot(process.cwd());
const workDir = join(root, 'tooling', 'bench', '.work');
mkdirSync(workDir, { recursive: true });

const plan: Array<[string, () => Promise<BenchmarkResult[]> | BenchmarkResult[]]> = [
  ['compile', () => benchCompile(workDir, quick ? [1_000] : [1_000, 10_000, 50_000], quick ? 1 : 3)],
  ['overhead', () => benchOverhead(workDir, quick ? 200 : 2_000, quick ? 1 : 3)],
  ['expectations', () => benchExpectations(quick ? 100_000 : 5_000_000, quick ? 1 : 5)],
  ['postgres-expectations', () => benchExpectationsPostgres(quick ? 100_000 : 3_000_000, quick ? 1 : 5)],
  ['seeds', () => benchSeeds(workDir, quick ? 100_000 : 1_000_000, quick ? 1 : 3)],
  ['postgres-seeds', () => benchSeedsPostgres(workDir, quick ? 100_000 : 1_000_000, quick ? 1 : 5)],
  ['data', async () => [...(await benchData(root, workDir, quick ? 20_000 : dataRows)), ...(quick || !process.argv.includes('--10m') ? [] : await benchData(root, workDir, 10_000_000))]],
  ['incremental', () => benchIncremental(root, workDir, quick ? 20_000 : process.argv.includes('--10m') ? 10_000_000 : dataRows)],
  ['postgres-data', () => benchDataPostgres(root, workDir, quick ? 20_000 : pgDataRows)],
];

const results: BenchmarkResult[] = [];
try {
  for (const [name, run] of plan) {
    if (only && !only.includes(name)) continue;
    process.stdout.write(`running ${name}…\n`);
    const rows = await run();
    results.push(...rows);
    for (const r of rows) process.stdout.write(`  ${r.case}: ${formatValue(r)}${r.extra ? ` (${r.extra})` : ''}\n`);
  }
} finally {
  // Folders the benchmarks moved out of the way, deleted now that nothing is measured.
  deleteSetAside(workDir);
}

const table = toMarkdownTable(results);
process.stdout.write(`\n${table}\n`);
// A full run rewrites BENCHMARKS.md; `--only=…` replaces the rows it re-measured and keeps the rest.
if (!quick) {
  const file = join(root, 'BENCHMARKS.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  // Profiling findings (before/after figures of each fix) are kept by hand beside the harness.
  const notesFile = join(root, 'tooling', 'bench', 'profiling-notes.md');
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
  const partial = Boolean(only) && previous !== '';
  const merged = partial ? mergeTable(previous, results) : table;
  writeFileSync(file, benchmarksDocument({ date: new Date().toISOString().slice(0, 10), machine, table: merged, notes, partial }));
  process.stdout.write(`\n${partial ? 'updated' : 'wrote'} ${file}\n`);
}
