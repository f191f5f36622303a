import { basename } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbAdapter, DuckDbIntrospector } from '@strata/adapter-duckdb';
import { TemporaryWarehouse } from '@strata/testkit';
import { buildOnPostgres, compareRows, domainDirs, marts, withDependencies } from './cross-engine.js';
import { openPg, pgTarget, uniqueSchema } from './pg-env.js';

/**
 * Cross-engine equality: every domain is built on DuckDB and on Postgres from the same files,
 * and every mart must hold the same rows (same columns, equal values, floats within 1e-9
 * relative). A difference is fixed in the models or the macros, never by loosening this.
 */
const prefix = uniqueSchema('eq');
const domains = domainDirs();

describe('the same marts on DuckDB and Postgres', () => {
  afterAll(async () => {
    const adapter = await openPg();
    const connection = await adapter.connect();
    const schemas = await connection.query<{ nspname: string }>(`select nspname from pg_namespace where starts_with(nspname, '${prefix}_')`);
    for (const { nspname } of schemas) await connection.execute(`DROP SCHEMA "${nspname}" CASCADE`);
    await adapter.close();
  });

  it('finds the domains', () => {
    if (!process.env.STRATA_EQ_PROJECTS) expect(domains.map((d) => basename(d))).toContain('ecommerce');
    expect(domains.length).toBeGreaterThan(0);
  });

  for (const dir of domains) {
    const name = basename(dir);
    it(`${name}: builds on both engines with the same statuses and identical marts`, async () => {
      const dirs = withDependencies(dir);
      const warehouse = new TemporaryWarehouse();
      try {
        const duck = await warehouse.run(dirs, 'build');
        const pg = await buildOnPostgres(dirs, `${prefix}_${name}`, pgTarget(), duck.workspace.targetName);
        const broken = (s: typeof duck) => s.results.filter((r) => r.status === 'error' || r.status === 'skipped').map((r) => `${r.uniqueId}: ${r.status} ${r.message ?? ''}`);
        expect(broken(duck), 'nodes that failed on DuckDB').toEqual([]);
        expect(broken(pg), 'nodes that failed on Postgres').toEqual([]);
        // Tests too: the same verdict and the same number of failing rows on both engines.
        const statuses = (s: typeof duck) => Object.fromEntries(s.results.map((r) => [r.uniqueId, `${r.status} ${r.failures ?? ''}`.trim()]));
        expect(statuses(pg)).toEqual(statuses(duck));

        const project = duck.workspace.projects.at(-1)!.config.name;
        const duckMarts = marts(duck.workspace, project);
        const pgMarts = marts(pg.workspace, project);
        expect(pgMarts.map((m) => m.uniqueId)).toEqual(duckMarts.map((m) => m.uniqueId));
        expect(duckMarts.length).toBeGreaterThan(0);

        const duckdb = await DuckDbAdapter.open({ path: warehouse.path });
        const postgres = await openPg();
        try {
          const dc = await duckdb.connect();
          const pc = await postgres.connect();
          const differences: string[] = [];
          for (const [i, mart] of duckMarts.entries()) {
            const pgMart = pgMarts[i]!;
            const duckColumns = (await new DuckDbIntrospector(dc, duckdb.dialect).columns(mart.relation!)).map((c) => c.name);
            const pgColumns = (await postgres.createIntrospector(pc).columns(pgMart.relation!)).map((c) => c.name);
            expect(pgColumns, `columns of ${mart.name}`).toEqual(duckColumns);
            const left = await dc.query(`select * from ${duckdb.dialect.renderRelation(mart.relation!)}`);
            const right = await pc.query(`select * from ${postgres.dialect.renderRelation(pgMart.relation!)}`);
            expect(left.length, `rows of ${mart.name}`).toBeGreaterThan(0);
            differences.push(...compareRows(duckColumns, left, right).map((d) => `${mart.name}: ${d}`));
          }
          expect(differences).toEqual([]);
        } finally {
          await duckdb.close();
          await postgres.close();
        }
      } finally {
        warehouse.dispose();
      }
    }, 300_000);
  }
});
