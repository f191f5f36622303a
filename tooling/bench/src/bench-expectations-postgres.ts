import type { BenchmarkResult } from './benchmark-result.js';
import { timeBothModels } from './bench-expectations.js';
import { dropSchemas, onPostgres } from './postgres-server.js';

const SCHEMA = 'strata_bench_expectations';

/**
 * Benchmark 5 on the local PostgreSQL server: the same table, view and checks as on DuckDB, in a
 * schema of its own that is dropped afterwards. Postgres stores rows, so each dbt query reads
 * every column of every row again — where one combined scan should pay off.
 */
export function benchExpectationsPostgres(rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const cases = ['Postgres, table: 20 dbt test queries / one Strata scan', 'Postgres, staging view: 20 dbt test queries / one Strata scan'];
  return onPostgres('expectations', cases, async (adapter) => {
    const connection = await adapter.connect();
    try {
      await dropSchemas(connection, SCHEMA);
      await connection.execute(`create schema ${SCHEMA}`);
      const engine = { name: 'Postgres', dialect: adapter.dialect, connection };
      // Statistics for the planner, and a visibility map so the first timed scan does not set hint bits.
      return await timeBothModels(engine, { series: (n) => `generate_series(0, ${n - 1}) as r(i)`, schema: SCHEMA, tableRows: rows, viewRows: Math.ceil(rows / 3), repeat, analyze: (table) => `vacuum analyze ${table}` });
    } finally {
      await dropSchemas(connection, SCHEMA);
      await connection.close();
    }
  });
}
