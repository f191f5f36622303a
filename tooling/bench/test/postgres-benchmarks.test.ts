import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '@strata/core';
import { createWideTable, dbtStyleQuery, twentyChecks } from '../src/bench-expectations.js';
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
  it('declares twenty checks and the query dbt would run for each', () => {
    const checks = twentyChecks();
    expect(checks).toHaveLength(20);
    expect(checks.map((c) => c.kind).filter((k) => k === 'not_null')).toHaveLength(10);
    expect(checks.slice(0, 3).map((c) => dbtStyleQuery(c, 's.wide'))).toEqual([
      'select count(*) from (select "c0" from s.wide where "c0" is null) t',
      'select count(*) from (select "c0" from s.wide where not ("c0" >= 0 and "c0" <= 1000000)) t',
      `select count(*) from (select "s0" as value from s.wide where "s0" not in ('a', 'b', 'c', 'd')) t`,
    ]);
  });

  it('creates the same wide table from any row series', () => {
    const sql = createWideTable('s.wide', 'generate_series(0, 9) as r(i)');
    expect(sql.startsWith('create table s.wide as select (i * 7) % 100000 as c0, ')).toBe(true);
    expect(sql).toContain('chr(97 + ((i + 4) % 4)::int) as s4 from generate_series(0, 9) as r(i)');
  });
});

describe('project copies for building on Postgres', () => {
  it('point the domain’s postgres target at the benchmark server and schema, password by variable only', () => {
    const config = withBenchPostgresTarget(DOMAIN_CONFIG, 'strata_bench_data_shop');
    expect(config).toContain(`postgres: {"adapter":"postgres","host":{"env":"PGHOST","default":"127.0.0.1"},`);
    expect(config).toContain(`"password":{"env":"PGPASSWORD"},"connectTimeout":5,"schema":"strata_bench_data_shop"}`);
    expect(config).toContain("dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },");
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
