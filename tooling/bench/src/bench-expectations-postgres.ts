import type { BenchmarkResult } from './benchmark-result.js';
import { createWideTable, timeExpectations } from './bench-expectations.js';
import { dropSchemas, onPostgres } from './postgres-server.js';

const SCHEMA = 'strata_bench_expectations';

/**
 * Benchmark 5 on the local PostgreSQL server: the same wide table and checks as on DuckDB, in a
 * schema of its own that is dropped afterwards. Postgres stores rows, so each dbt-style query
 * reads every column of every row again — where one combined scan should pay off.
 */
export function benchExpectationsPostgres(rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const cases = ['Postgres, 20 checks: 20 dbt-style queries / one Strata scan', 'Postgres: 20 checks / 1 check'];
  return onPostgres('expectations', cases, async (adapter) => {
    const connection = await adapter.connect();
    try {
      await dropSchemas(connection, SCHEMA);
      await connection.execute(`create schema ${SCHEMA}`);
      const table = `${SCHEMA}.wide`;
      await connection.execute(createWideTable(table, `generate_series(0, ${rows - 1}) as r(i)`));
      // Statistics for the planner, and a visibility map so the first timed scan does not set hint bits.
      await connection.execute(`vacuum analyze ${table}`);
      return await timeExpectations({ name: 'Postgres', dialect: adapter.dialect, connection, table, rows }, repeat);
    } finally {
      await dropSchemas(connection, SCHEMA);
      await connection.close();
    }
  });
}
