import type { PostgresConfig } from '../src/index.js';
import { PostgresAdapter } from '../src/index.js';

/**
 * The test server's target, read from the PG* variables `.ci/run` exports (a developer sets the
 * same ones): host and port default to the local server, the password must be set.
 */
export function pgTarget(overrides: Partial<PostgresConfig> = {}): PostgresConfig {
  if (!process.env.PGPASSWORD) throw new Error('PGPASSWORD is not set: export PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE as .ci/run does');
  return {
    adapter: 'postgres',
    host: { env: 'PGHOST', default: '127.0.0.1' },
    port: { env: 'PGPORT', default: 5432 },
    user: { env: 'PGUSER', default: 'strata' },
    database: { env: 'PGDATABASE', default: 'strata_test' },
    password: { env: 'PGPASSWORD' },
    ...overrides,
  };
}

/** Opens the test server. */
export function openPg(overrides: Partial<PostgresConfig> = {}): Promise<PostgresAdapter> {
  return PostgresAdapter.open(pgTarget(overrides));
}

/** A schema name unique to this test run (Postgres folds nothing: keep it lower-case). */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}`;
}
