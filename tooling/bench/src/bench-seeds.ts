import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { Rng, writeCsv } from '@strata/datagen';
import type { BenchmarkResult } from './benchmark-result.js';
import { timeIt } from './measure.js';

/** Benchmark 6: loading a CSV seed of `rows` rows with declared types, in rows per second. */
export async function benchSeeds(workDir: string, rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const file = join(workDir, `seed-${rows}.csv`);
  const rng = new Rng(6);
  await writeCsv(file, ['id', 'customer', 'amount', 'status', 'created_at'], (function* () {
    for (let i = 0; i < rows; i++) yield { id: i, customer: `c${rng.int(1, 50_000)}`, amount: (rng.int(100, 100_000) / 100).toFixed(2), status: rng.pick(['completed', 'cancelled']), created_at: `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)} 10:00:00` };
  })());
  const database = join(workDir, 'seeds.duckdb');
  rmSync(database, { force: true });
  const adapter = await DuckDbAdapter.open({ path: database });
  const connection = await adapter.connect();
  const materializer = adapter.createMaterializer(connection);
  await materializer.ensureSchema('raw');
  const columns = [
    { name: 'id', type: 'BIGINT' },
    { name: 'customer', type: 'VARCHAR' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'created_at', type: 'TIMESTAMP' },
  ];
  let loaded = 0;
  const ms = await timeIt(repeat, async () => {
    loaded = (await materializer.seed({ schema: 'raw', name: 'orders' }, file, { columns })).rowsAffected;
  });
  await adapter.close();
  if (loaded !== rows) throw new Error(`seed loaded ${loaded} rows, expected ${rows}`);
  return [{ benchmark: 'seeds', case: `${rows.toLocaleString('en-US')}-row CSV on DuckDB (typed, native reader)`, value: rows / (ms / 1000), unit: 'rows/s', target: '≥ 1,000,000', extra: `${ms.toFixed(0)} ms` }];
}
