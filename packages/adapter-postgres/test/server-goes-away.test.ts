import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/src/cli.js';
import { ENV_TARGET, strata, writeProject } from './cli-project.js';
import { openPg } from './pg-env.js';

/**
 * The server goes away in the middle of a run: another session ends the backend that is
 * building a model (pg_terminate_backend, what a restart or a failover does to it). Without
 * retries the run fails clearly on that node, keeps its previous table, goes on with the rest
 * on a new session, and the next run recovers; with retries (the default) the node is retried on a
 * new session and the run succeeds. A Ctrl-C (abort) cancels the running statement on the server.
 */
const marker = `strata_gone_${process.pid}`;
const projects: string[] = [];
afterAll(async () => {
  const adapter = await openPg();
  try {
    const connection = await adapter.connect();
    for (const name of projects) await connection.execute(`DROP SCHEMA IF EXISTS ${name}_marts CASCADE`);
  } finally {
    await adapter.close();
  }
});

/** A project whose `slow` model sleeps `sleep` seconds on the server; `extra` adds config. */
function project(suffix: string, extra = ''): string {
  const name = `${marker}_${suffix}`;
  projects.push(name);
  return writeProject(
    name,
    ENV_TARGET,
    {
      'models/marts/first.sql': "select {{ var('version') }} as version",
      // The comment marks the statement in pg_stat_activity.
      'models/marts/slow.sql': `select {{ var('version') }} as version from (select pg_sleep({{ var('sleep') }})) as s -- ${name} slow`,
      'models/marts/after_slow.sql': "select version from {{ ref('slow') }}",
    },
    extra,
  );
}

async function sql(text: string): Promise<Array<Record<string, unknown>>> {
  const adapter = await openPg();
  try {
    return await (await adapter.connect()).query(text);
  } finally {
    await adapter.close();
  }
}

/** Waits until the project's slow statement runs on the server, then calls `act` with its backend pid. */
async function whenSlowRuns(name: string, act: (pid: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await sql(`select pid from pg_stat_activity where state = 'active' and query like '%${name} slow%' and query not like '%pg_stat_activity%'`);
    if (row) return act(Number(row.pid));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the slow model never started');
}

const versions = async (name: string) =>
  Object.fromEntries(await Promise.all(['first', 'slow', 'after_slow'].map(async (m) => [m, Number((await sql(`select version from ${name}_marts.${m}`))[0]!.version)])));

describe('the server ends a session in the middle of a run', () => {
  it('without retries: that node fails clearly (E_WAREHOUSE_CONNECTION_LOST), its table stays, the rest goes on, the next run recovers', async () => {
    const root = project('noretry', '\n  retries: { count: 0 },');
    const name = `${marker}_noretry`;
    expect((await strata(['build', '--project', root, '--vars', '{"version": 1, "sleep": 0}'], root)).code).toBe(0);
    const [run] = await Promise.all([
      strata(['build', '--project', root, '--threads', '1', '--vars', '{"version": 2, "sleep": 30}'], root),
      whenSlowRuns(name, async (pid) => void (await sql(`select pg_terminate_backend(${pid})`))),
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/ERROR +model [^ ]+\.slow/);
    expect(run.out).toMatch(/SKIP +model [^ ]+\.after_slow/);
    expect(run.out).toContain('E_WAREHOUSE_CONNECTION_LOST the connection to PostgreSQL was lost: terminating connection due to administrator command');
    const results = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8')) as { results: Array<{ unique_id: string; status: string }> };
    expect(Object.fromEntries(results.results.map((r) => [r.unique_id.split('.').pop(), r.status]))).toEqual({ first: 'success', slow: 'error', after_slow: 'skipped' });
    // `slow` kept version 1; `first` was rebuilt before it on the same (then replaced) thread.
    expect(await versions(name)).toEqual({ first: 2, slow: 1, after_slow: 1 });
    expect(await sql(`select table_name from information_schema.tables where table_schema = '${name}_marts' and table_name like '__strata_tmp_%'`)).toEqual([]);

    const next = await strata(['build', '--project', root, '--vars', '{"version": 3, "sleep": 0}'], root);
    expect(next.code).toBe(0);
    expect(await versions(name)).toEqual({ first: 3, slow: 3, after_slow: 3 });
  }, 60_000);

  it('with retries (the default): the node is retried on a new session and the run succeeds', async () => {
    const root = project('retry', '\n  retries: { count: 2, backoffMs: 10 },');
    const name = `${marker}_retry`;
    let terminated = false;
    const [run] = await Promise.all([
      strata(['build', '--project', root, '--threads', '1', '--vars', '{"version": 2, "sleep": 1}'], root),
      whenSlowRuns(name, async (pid) => {
        await sql(`select pg_terminate_backend(${pid})`);
        terminated = true;
      }),
    ]);
    expect(terminated).toBe(true);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/retry slow: attempt 2 in 10ms after a transient error: the connection to PostgreSQL was lost: terminating connection due to administrator command/);
    expect(await versions(name)).toEqual({ first: 2, slow: 2, after_slow: 2 });
  }, 60_000);

  it('an interrupted run cancels the statement on the server, keeps the table and exits 130', async () => {
    const root = project('interrupt');
    const name = `${marker}_interrupt`;
    expect((await strata(['build', '--project', root, '--vars', '{"version": 1, "sleep": 0}'], root)).code).toBe(0);
    const controller = new AbortController();
    const out: string[] = [];
    const started = Date.now();
    const [code] = await Promise.all([
      runCli(['build', '--project', root, '--threads', '1', '--vars', '{"version": 2, "sleep": 60}'], { cwd: root, out: (l) => out.push(l), err: (l) => out.push(l), signal: controller.signal }),
      whenSlowRuns(name, async () => controller.abort('SIGINT')),
    ]);
    expect(code).toBe(130);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out.join('\n')).toContain('E_INTERRUPTED cancelled: the run was interrupted (SIGINT)');
    expect(await sql(`select pid from pg_stat_activity where query like '%${name} slow%' and query not like '%pg_stat_activity%'`)).toEqual([]);
    expect(await versions(name)).toEqual({ first: 2, slow: 1, after_slow: 1 });
  }, 60_000);
});
