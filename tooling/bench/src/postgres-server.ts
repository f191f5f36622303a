import { PostgresAdapter, type PostgresConfig } from '@strata/adapter-postgres';
import type { Connection } from '@strata/core';
import { notMeasured, type BenchmarkResult } from './benchmark-result.js';

/**
 * The server the Postgres benchmarks run on: libpq's PG* variables, defaulting like the
 * adapter's own tests to the local server (127.0.0.1:5432, user strata, database strata_test).
 * The password is only ever read from PGPASSWORD. Plain JSON, so it can also be written into a
 * project's `strata.config.ts` for a `strata build` in a child process.
 */
export const BENCH_POSTGRES_TARGET = {
  adapter: 'postgres',
  host: { env: 'PGHOST', default: '127.0.0.1' },
  port: { env: 'PGPORT', default: 5432 },
  user: { env: 'PGUSER', default: 'strata' },
  database: { env: 'PGDATABASE', default: 'strata_test' },
  password: { env: 'PGPASSWORD' },
  connectTimeout: 5,
} satisfies PostgresConfig;

/** `host:port` of the benchmark server, for messages. */
export function postgresEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return `${env.PGHOST || BENCH_POSTGRES_TARGET.host.default}:${env.PGPORT || BENCH_POSTGRES_TARGET.port.default}`;
}

/** Why the server cannot be used, as the notes of a "not measured" row. */
export function unavailableReason(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const e = error as { code?: string; message?: string };
  if (e?.code === 'E_WAREHOUSE_UNREACHABLE') return `PostgreSQL not reachable at ${postgresEndpoint(env)}`;
  return `PostgreSQL at ${postgresEndpoint(env)} not usable: ${(e?.message ?? String(error)).split('\n')[0]}`;
}

/**
 * Runs a Postgres benchmark with an open adapter, closing it afterwards. When the server cannot
 * be reached (or refuses us), the benchmark's cases come back as "not measured" rows saying why,
 * so a machine without Postgres still gets the rest of the table.
 */
export async function onPostgres(benchmark: string, cases: string[], run: (adapter: PostgresAdapter) => Promise<BenchmarkResult[]>): Promise<BenchmarkResult[]> {
  let adapter: PostgresAdapter;
  try {
    adapter = await PostgresAdapter.open(BENCH_POSTGRES_TARGET);
  } catch (error) {
    return notMeasured(benchmark, cases, unavailableReason(error));
  }
  try {
    return await run(adapter);
  } finally {
    await adapter.close();
  }
}

/** Drops every schema whose name starts with `prefix` (what a benchmark created), with its tables. */
export async function dropSchemas(connection: Connection, prefix: string): Promise<void> {
  const schemas = await connection.query<{ nspname: string }>(`select nspname from pg_namespace where starts_with(nspname, '${prefix.replace(/'/g, "''")}')`);
  for (const { nspname } of schemas) await connection.execute(`drop schema "${nspname}" cascade`);
}
