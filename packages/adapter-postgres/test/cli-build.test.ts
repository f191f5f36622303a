import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@strata/core';
import type { PostgresAdapter } from '../src/index.js';
import { ENV_TARGET, filesUnder, strata, writeProject } from './cli-project.js';
import { openPg, uniqueSchema } from './pg-env.js';

const schema = uniqueSchema('strata_cli');
const app = `strata-test-${process.pid}`;
const SLOW = 6;

/** Six independent slow models, each recording the server process that built it. */
function files(): Record<string, string> {
  const models: Record<string, string> = {};
  for (let i = 1; i <= SLOW; i++) models[`models/marts/slow_${i}.sql`] = 'select pg_backend_pid() as pid from (select pg_sleep(0.4)) as s';
  return {
    ...models,
    'seeds/cities.csv': 'city_id,name,population\n1,Lyon,522250\n2,Oslo,709037\n3,Quito,2800000\n',
    'models/staging/stg_cities.sql': "{{ config(materialized='view', schema='staging') }}\nselect city_id, upper(name) as name, population from {{ source('raw', 'cities') }}",
    'models/marts/big_cities.sql': "select name, '{{ target.name }}' as built_for, '{{ target.host.env }}' as host_from from {{ ref('stg_cities') }} where population > 600000",
  };
}

describe('strata build on Postgres through the CLI', () => {
  let root: string;
  let adapter: PostgresAdapter;
  let watcher: Connection;

  beforeAll(async () => {
    const target = ENV_TARGET.replace("adapter: 'postgres',", `adapter: 'postgres', schema: '${schema}', applicationName: '${app}',`);
    // The seed fills the source `raw.cities`: seeds and the source share the schema `<base>_raw`.
    root = writeProject('cli', target, files(), "\n  seeds: { schema: 'raw' },\n  sources: { raw: { tables: ['cities'] } },");
    adapter = await openPg();
    watcher = await adapter.connect();
  });
  afterAll(async () => {
    const schemas = await watcher.query<{ nspname: string }>(`select nspname from pg_namespace where starts_with(nspname, '${schema}')`);
    for (const { nspname } of schemas) await watcher.execute(`DROP SCHEMA "${nspname}" CASCADE`);
    await adapter.close();
  });

  it('builds with --threads 3 on three pooled connections', async () => {
    let peak = 0;
    let running = true;
    const watch = (async () => {
      while (running) {
        const [row] = await watcher.query<{ n: number }>(`select count(*) as n from pg_stat_activity where application_name = '${app}'`);
        peak = Math.max(peak, row!.n);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await strata(['build', '--project', root, '--threads', '3'], root);
    running = false;
    await watch;
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain("Running 9 nodes with 3 threads on target 'dev' (postgres)");
    const union = Array.from({ length: SLOW }, (_, i) => `select pid from "${schema}_marts"."slow_${i + 1}"`).join(' union all ');
    const [pids] = await watcher.query<{ n: number }>(`select count(distinct pid) as n from (${union}) as p`);
    // Six 0.4 s models on three workers: every worker built two, each on its own session.
    expect(pids!.n).toBe(3);
    expect(peak).toBe(3);
    expect(await watcher.query(`select * from "${schema}_marts"."big_cities" order by name`)).toEqual([
      { name: 'OSLO', built_for: 'dev', host_from: 'PGHOST' },
      { name: 'QUITO', built_for: 'dev', host_from: 'PGHOST' },
    ]);
  });

  it('rebuilds over existing tables and views (views on replaced seeds survive)', async () => {
    const result = await strata(['build', '--project', root, '--threads', '1', '--select', 'cities+'], root);
    expect(result.code).toBe(0);
    expect(await watcher.query(`select count(*) as n from "${schema}_staging"."stg_cities"`)).toEqual([{ n: 3 }]);
  });

  it('keeps the password out of target/, logs and templates', async () => {
    const password = process.env.PGPASSWORD!;
    const artifacts = filesUnder(join(root, 'target'));
    expect(artifacts.map((f) => f.path.slice(root.length + 1)).sort()).toContain('target/run_results.json');
    expect(artifacts.filter((f) => f.text.includes(password)).map((f) => f.path)).toEqual([]);
    const runResults = JSON.parse(artifacts.find((f) => f.path.endsWith('run_results.json'))!.text) as { args: Record<string, unknown> };
    expect(runResults.args.target).toBe('dev');
    // `target.password` is not in the template context at all.
    const probe = writeProject('probe', ENV_TARGET, { 'models/marts/leak.sql': "select '{{ target.password }}' as p" });
    const compiled = await strata(['compile', '--project', probe], probe);
    expect(compiled.code).toBe(2);
    expect(compiled.err).toContain('E_UNDEFINED');
    expect(compiled.err + compiled.out).not.toContain(password);
  });
});
