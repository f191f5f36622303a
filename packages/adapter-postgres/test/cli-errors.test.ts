import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPg, uniqueSchema } from './pg-env.js';
import { strata, writeProject } from './cli-project.js';

const schema = uniqueSchema('strata_bad');
const host = process.env.PGHOST ?? '127.0.0.1';
const port = Number(process.env.PGPORT ?? 5432);
const user = process.env.PGUSER ?? 'strata';
const database = process.env.PGDATABASE ?? 'strata_test';
const WRONG = 'Wr0ng-Secret-4242';

/** A local port nobody listens on: bound and released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port: free } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return free;
}

/** A project with one model; the target is built from the given settings. */
function project(settings: Record<string, unknown>): string {
  const target = JSON.stringify({ adapter: 'postgres', host, port, user, database, password: { env: 'STRATA_TEST_PASSWORD' }, ...settings });
  return writeProject('badconn', target, { 'models/marts/one.sql': 'select 1 as id' });
}

/** The schema the project would have built into must not exist afterwards. */
async function schemasOf(prefix: string): Promise<string[]> {
  const adapter = await openPg();
  try {
    const connection = await adapter.connect();
    return (await connection.query<{ nspname: string }>(`select nspname from pg_namespace where starts_with(nspname, '${prefix}')`)).map((r) => r.nspname);
  } finally {
    await adapter.close();
  }
}

describe('connection failures from the CLI: one clear error, exit 2, nothing written', () => {
  afterAll(() => {
    delete process.env.STRATA_TEST_PASSWORD;
  });

  const cases: Array<[string, () => Promise<Record<string, unknown>>, string, string]> = [
    [
      'wrong password',
      async () => {
        process.env.STRATA_TEST_PASSWORD = WRONG;
        return { schema: `${schema}_pw` };
      },
      `error E_WAREHOUSE_AUTH password authentication failed for ${user}@${host}:${port}/${database}`,
      "  hint: check the target's password (e.g. password: { env: 'PGPASSWORD' }) and user",
    ],
    [
      'server down',
      async () => {
        process.env.STRATA_TEST_PASSWORD = process.env.PGPASSWORD!;
        return { port: await closedPort(), schema: `${schema}_down` };
      },
      `error E_WAREHOUSE_UNREACHABLE cannot connect to PostgreSQL at ${user}@${host}:PORT/${database}: connection refused`,
      "  hint: start the server (e.g. pg_ctlcluster 15 main start) or fix the target's host and port",
    ],
    [
      'missing database',
      async () => {
        process.env.STRATA_TEST_PASSWORD = process.env.PGPASSWORD!;
        return { database: 'strata_no_such_db', schema: `${schema}_db` };
      },
      `error E_WAREHOUSE_DATABASE database "strata_no_such_db" does not exist on ${host}:${port}`,
      "  hint: create it (createdb strata_no_such_db) or fix the target's database",
    ],
  ];

  for (const [name, settings, line, hint] of cases) {
    it(name, async () => {
      const s = await settings();
      const root = project(s);
      const result = await strata(['build', '--project', root], root);
      expect(result.code).toBe(2);
      expect(result.err).toBe(`${line.replace('PORT', String(s.port))}\n${hint}`);
      for (const text of [result.out, result.err]) {
        expect(text).not.toContain(WRONG);
        expect(text).not.toContain(process.env.PGPASSWORD);
      }
      expect(existsSync(join(root, 'target'))).toBe(false);
      expect(await schemasOf(String(s.schema))).toEqual([]);
    });
  }

  it('names a missing password variable, not a value', async () => {
    delete process.env.STRATA_TEST_PASSWORD;
    const root = project({ schema: `${schema}_env` });
    const result = await strata(['run', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err).toBe("error E_ENV_VAR_MISSING the target's 'password' reads environment variable STRATA_TEST_PASSWORD, which is not set\n  hint: export STRATA_TEST_PASSWORD=… before running strata, or give 'password' a default");
    expect(existsSync(join(root, 'target'))).toBe(false);
  });
});
