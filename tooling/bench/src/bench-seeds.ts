import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import type { Dialect, LogicalType, SeedColumn } from '@strata/core';
import { Rng, writeCsv } from '@strata/datagen';
import type { BenchmarkResult } from './benchmark-result.js';
import { timeIt } from './measure.js';

/** The seed's columns, declared as a project's schema would. */
const SEED_COLUMNS: Array<{ name: string; type: LogicalType }> = [
  { name: 'id', type: 'bigint' },
  { name: 'customer', type: 'string' },
  { name: 'amount', type: 'float' },
  { name: 'status', type: 'string' },
  { name: 'created_at', type: 'timestamp' },
];

/** The seed's declared columns in a warehouse's type names, as Strata passes them to `seed()`. */
export function seedColumns(dialect: Dialect): SeedColumn[] {
  return SEED_COLUMNS.map((c) => ({ name: c.name, type: dialect.typeName(c.type) }));
}

/**
 * `workDir/seed-<rows>.csv`: an orders export of `rows` rows, the same every time (fixed seed).
 * Written once, under a temporary name renamed at the end, so a file that exists is complete.
 */
export async function writeSeedCsv(workDir: string, rows: number): Promise<string> {
  const file = join(workDir, `seed-${rows}.csv`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const rng = new Rng(6);
  await writeCsv(partial, SEED_COLUMNS.map((c) => c.name), (function* () {
    for (let i = 0; i < rows; i++) yield { id: i, customer: `c${rng.int(1, 50_000)}`, amount: (rng.int(100, 100_000) / 100).toFixed(2), status: rng.pick(['completed', 'cancelled']), created_at: `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)} 10:00:00` };
  })());
  renameSync(partial, file);
  return file;
}

/** Benchmark 6: loading a CSV seed of `rows` rows with declared types, in rows per second. */
export async function benchSeeds(workDir: string, rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const file = await writeSeedCsv(workDir, rows);
  const database = join(workDir, 'seeds.duckdb');
  rmSync(database, { force: true });
  const adapter = await DuckDbAdapter.open({ path: database });
  const connection = await adapter.connect();
  const materializer = adapter.createMaterializer(connection);
  await materializer.ensureSchema('raw');
  const columns = seedColumns(adapter.dialect);
  let loaded = 0;
  const ms = await timeIt(repeat, async () => {
    loaded = (await materializer.seed({ schema: 'raw', name: 'orders' }, file, { columns })).rowsAffected;
  });
  await adapter.close();
  if (loaded !== rows) throw new Error(`seed loaded ${loaded} rows, expected ${rows}`);
  return [{ benchmark: 'seeds', case: `${rows.toLocaleString('en-US')}-row CSV on DuckDB (typed, native reader)`, value: rows / (ms / 1000), unit: 'rows/s', target: '≥ 1,000,000', extra: `${ms.toFixed(0)} ms` }];
}
