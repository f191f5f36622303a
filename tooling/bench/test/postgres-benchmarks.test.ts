import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { AdapterError } from '@strata/core';
import { createRawTable, createStagingView, createWideTable, dbtTestQuery, twentyChecks } from '../src/expectations-workload.js';
import { notMeasured, toMarkdownTable } from '../src/benchmark-result.js';
import { postgresProjectCopies, withBenchPostgresTarget } from '../src/postgres-projects.js';
import { postgresEndpoint, unavailableReason } from '../src/postgres-server.js';

const DOMAIN_CONFIG = `export default defineProject({
  name: 'shop',
  targets: {
    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },
    postgres: { adapter: 'postgres' },
  },
});
`;

describe('the Postgres benchmarks without a server', () => {
  it('name the server from the PG* variables, defaulting to the local test server', () => {
    expect(postgresEndpoint({})).toBe('127.0.0.1:5432');
    expect(postgresEndpoint({ PGHOST: 'db.internal', PGPORT: '6543' })).toBe('db.internal:6543');
    expect(postgresEndpoint({ PGHOST: '', PGPORT: '' })).toBe('127.0.0.1:5432');
  });

  it('say why a case was not measured, in the table', () => {
    const refused = new AdapterError('cannot connect to PostgreSQL at strata@127.0.0.1:5499/strata_test: connection refused', { code: 'E_WAREHOUSE_UNREACHABLE' });
    expect(unavailableReason(refused, { PGPORT: '5499' })).toBe('PostgreSQL not reachable at 127.0.0.1:5499');
    expect(unavailableReason(new Error('password authentication failed for user "strata"\nmore'), {})).toBe('PostgreSQL at 127.0.0.1:5432 not usable: password authentication failed for user "strata"');
    const rows = notMeasured('seeds', ['1M-row CSV on Postgres'], 'PostgreSQL not reachable at 127.0.0.1:5499');
    expect(toMarkdownTable(rows).split('\n')[2]).toBe('| seeds | 1M-row CSV on Postgres | not measured |  | PostgreSQL not reachable at 127.0.0.1:5499 |');
  });
});

describe('the expectations benchmark', () => {
  it('declares twenty checks and the query dbt-core and dbt_utils render for each', () => {
    const checks = twentyChecks();
    expect(checks).toHaveLength(20);
    expect(checks.map((c) => c.kind).filter((k) => k === 'not_null')).toHaveLength(10);
    const wrapped = (sql: string) => `select count(*) as failures, count(*) != 0 as should_warn, count(*) != 0 as should_error from (\n${sql}\n) dbt_internal_test`;
    expect(checks.slice(0, 3).map((c) => dbtTestQuery(c, 's.wide'))).toEqual([
      wrapped('select "c0"\nfrom s.wide\nwhere "c0" is null'),
      wrapped('with meet_condition as (\n  select * from s.wide\n),\nvalidation_errors as (\n  select * from meet_condition\n  where 1 = 2 or not "c0" >= 0 or not "c0" <= 1000000\n)\nselect * from validation_errors'),
      wrapped(`with all_values as (\n  select "s0" as value_field, count(*) as n_records\n  from s.wide\n  group by "s0"\n)\nselect * from all_values\nwhere value_field not in ('a', 'b', 'c', 'd')`),
    ]);
  });

  it('creates the same wide table from any row series', () => {
    const sql = createWideTable('s.wide', 'generate_series(0, 9) as r(i)');
    expect(sql.startsWith('create table s.wide as select (i * 7) % 100000 as c0, ')).toBe(true);
    expect(sql).toContain('chr(97 + ((i + 4) % 4)::int) as s4 from generate_series(0, 9) as r(i)');
  });

  it('gives the staging view one row per id of the raw rows, each cleaned to the wide table’s values', async () => {
    const adapter = await DuckDbAdapter.open({ path: ':memory:' });
    try {
      const connection = await adapter.connect();
      await connection.execute(createWideTable('wide', 'range(1000) r(i)'));
      await connection.execute(createRawTable('raw_wide', 'range(1000) r(i)', 1000));
      await connection.execute(createStagingView('stg_wide', 'raw_wide'));
      const [counts] = await connection.query<{ raw: number; staged: number; ids: number }>('select (select count(*) from raw_wide) as raw, count(*) as staged, count(distinct id) as ids from stg_wide');
      expect(counts).toEqual({ raw: 1000, staged: 990, ids: 990 });
      // k0 is sent by rows i = 0 and i = 990; the view keeps the later load (larger loaded_at): i = 0.
      const [kept] = await connection.query<{ c0: number; s0: string }>("select c0, s0 from stg_wide where id = 'k0'");
      expect(kept).toEqual({ c0: 0, s0: 'a' });
      const [different] = await connection.query<{ n: number }>('select count(*) as n from (select c0, c1, c2, c3, c4, s0, s1, s2, s3, s4 from stg_wide except select * from wide) d');
      expect(different!.n).toBe(0);
    } finally {
      await adapter.close();
    }
  });
});

describe('project copies for building on Postgres', () => {
  it('point the domain’s postgres target at the benchmark server and schema, password by variable only', () => {
    const config = withBenchPostgresTarget(DOMAIN_CONFIG, 'strata_bench_data_shop');
    expect(config).toContain(`postgres: {"adapter":"postgres","host":{"env":"PGHOST","default":"127.0.0.1"},`);
    expect(config).toContain(`"password":{"env":"PGPASSWORD"},"connectTimeout":5,"schema":"strata_bench_data_shop"}`);
    expect(config).toContain("dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },");
  });

  it('keep the session settings of the domain’s postgres target', () => {
    const tuned = DOMAIN_CONFIG.replace("postgres: { adapter: 'postgres' }", "postgres: { adapter: 'postgres', sessionSettings: { enable_nestloop: false } }");
    expect(withBenchPostgresTarget(tuned, 's')).toContain(`"password":{"env":"PGPASSWORD"},"connectTimeout":5,"schema":"s", sessionSettings: { enable_nestloop: false } },`);
  });

  it('add the target to copies made before the domain had one, and refuse a config without targets', () => {
    const old = DOMAIN_CONFIG.replace("    postgres: { adapter: 'postgres' },\n", '');
    expect(withBenchPostgresTarget(old, 'x')).toContain('targets: {\n    postgres: {"adapter":"postgres",');
    expect(() => withBenchPostgresTarget("export default { name: 'shop' };", 'x')).toThrow('neither');
  });

  it('link the source project’s files and keep their own config and run output', () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-pg-'));
    const source = join(root, 'data', 'shop');
    for (const dir of ['models', 'seeds', 'target']) mkdirSync(join(source, dir), { recursive: true });
    writeFileSync(join(source, 'strata.config.ts'), DOMAIN_CONFIG);
    writeFileSync(join(source, '.generated'), '{}');
    const [copy] = postgresProjectCopies([source], join(root, 'pg'), 'strata_bench_data_');
    expect(copy).toBe(join(root, 'pg', 'shop'));
    expect(readdirSync(copy!).sort()).toEqual(['models', 'seeds', 'strata.config.ts']);
    expect(lstatSync(join(copy!, 'seeds')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(copy!, 'seeds'))).toBe(join(source, 'seeds'));
    expect(readFileSync(join(copy!, 'strata.config.ts'), 'utf8')).toContain('"schema":"strata_bench_data_shop"');
    expect(readFileSync(join(root, 'pg', 'pnpm-workspace.yaml'), 'utf8')).toBe('packages: []\n');
    // Made again (a second run), the copy is rebuilt, not linked twice.
    expect(postgresProjectCopies([source], join(root, 'pg'), 'strata_bench_data_')).toEqual([copy]);
  });
});
