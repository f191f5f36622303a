import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { resolvePostgresConfig } from '@strata/adapter-postgres';
import type { BenchmarkResult } from './benchmark-result.js';
import { seedColumns, writeSeedCsv } from './bench-seeds.js';
import { median } from './measure.js';
import { BENCH_POSTGRES_TARGET, dropSchemas, onPostgres } from './postgres-server.js';

const SCHEMA = 'strata_bench_seeds';

/**
 * What a person would do without Strata: create the typed table and stream the file into it
 * with `COPY … FROM STDIN` on a plain `pg` client. Resolves to the rows loaded.
 */
async function plainCopy(client: pg.Client, table: string, columns: string, file: string): Promise<number> {
  await client.query(`drop table if exists ${table}`);
  await client.query(`create table ${table} (${columns})`);
  const stream = client.query(copyStreams.from(`copy ${table} from stdin with (format csv, header true)`));
  await pipeline(createReadStream(file), stream);
  return stream.rowCount;
}

/**
 * Benchmark 6 on the local PostgreSQL server: the same CSV seed loaded through the Postgres
 * adapter's seed path (typed table, `COPY … FROM STDIN`, swap into place), in rows per second,
 * against a plain `COPY` of the same file measured in the same run (repetitions alternate).
 */
export function benchSeedsPostgres(workDir: string, rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const label = `${rows.toLocaleString('en-US')}-row CSV on Postgres (typed, COPY)`;
  return onPostgres('seeds', [label], async (adapter) => {
    const file = await writeSeedCsv(workDir, rows);
    const connection = await adapter.connect();
    const { host, port, database, user, password } = resolvePostgresConfig(BENCH_POSTGRES_TARGET);
    const client = new pg.Client({ host, port, database, user, password });
    await client.connect();
    try {
      await dropSchemas(connection, SCHEMA);
      const materializer = adapter.createMaterializer(connection);
      await materializer.ensureSchema(SCHEMA);
      const columns = seedColumns(adapter.dialect);
      const typed = columns.map((c) => `"${c.name}" ${c.type}`).join(', ');
      const strataTimes: number[] = [];
      const plainTimes: number[] = [];
      for (let r = 0; r < repeat; r++) {
        let start = performance.now();
        const loaded = (await materializer.seed({ schema: SCHEMA, name: 'orders' }, file, { columns })).rowsAffected;
        strataTimes.push(performance.now() - start);
        start = performance.now();
        const copied = await plainCopy(client, `${SCHEMA}.orders_plain`, typed, file);
        plainTimes.push(performance.now() - start);
        if (loaded !== rows || copied !== rows) throw new Error(`seed loaded ${loaded} rows and plain COPY ${copied}, expected ${rows}`);
      }
      const strata = median(strataTimes);
      const plain = median(plainTimes);
      return [
        {
          benchmark: 'seeds',
          case: label,
          value: rows / (strata / 1000),
          unit: 'rows/s',
          target: '(≥ 1,000,000 is DuckDB’s)',
          extra: `${strata.toFixed(0)} ms; plain COPY through pg ${plain.toFixed(0)} ms (${Math.round(rows / (plain / 1000)).toLocaleString('en-US')} rows/s), Strata / plain ${(strata / plain).toFixed(2)}×`,
        },
      ];
    } finally {
      await dropSchemas(connection, SCHEMA);
      await connection.close();
      await client.end();
    }
  });
}
