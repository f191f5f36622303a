import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, Connection } from '@strata/core';

/**
 * The contract every adapter must meet, run against a live warehouse: DuckDB always, Postgres
 * on the local server, BigQuery against its HTTP double. `open` returns a fresh adapter whose
 * database the suite may write to; `schema` is a schema name the suite owns.
 */
export function adapterSuite(name: string, open: () => Promise<Adapter>, schema = 'strata_suite'): void {
  describe(`adapter contract: ${name}`, () => {
    let adapter: Adapter;
    let connection: Connection;
    const rel = (n: string) => ({ schema, name: n });
    const q = (n: string) => adapter.dialect.renderRelation(rel(n));

    beforeAll(async () => {
      adapter = await open();
      connection = await adapter.connect();
      await connection.execute(`DROP SCHEMA IF EXISTS ${adapter.dialect.quoteIdentifier(schema)} CASCADE`);
      await adapter.createMaterializer(connection).ensureSchema(schema);
    });
    afterAll(async () => {
      await connection.close();
      await adapter.close();
    });

    it('builds a table, swaps in a new version, and keeps the old one when the new one fails', async () => {
      const m = adapter.createMaterializer(connection);
      expect((await m.table(rel('t'), 'select 1 as id union all select 2 as id')).rowsAffected).toBe(2);
      await m.table(rel('t'), 'select 3 as id');
      expect(await connection.query(`select id from ${q('t')}`)).toEqual([{ id: 3 }]);
      await expect(m.table(rel('t'), 'select no_such_column from (select 1 as id) x')).rejects.toThrow();
      expect(await connection.query(`select id from ${q('t')}`)).toEqual([{ id: 3 }]);
      expect(await adapter.createIntrospector(connection).listRelations(schema, '__strata_tmp_')).toEqual([]);
    });

    it('replaces a table with a view and a view with a table', async () => {
      const m = adapter.createMaterializer(connection);
      const i = adapter.createIntrospector(connection);
      await m.table(rel('flip'), 'select 1 as x');
      await m.view(rel('flip'), 'select 2 as x');
      expect(await i.relationKind(rel('flip'))).toBe('view');
      await m.table(rel('flip'), 'select 3 as x');
      expect(await i.relationKind(rel('flip'))).toBe('table');
      expect(await connection.query(`select x from ${q('flip')}`)).toEqual([{ x: 3 }]);
    });

    it('rejects a contract violation before the swap', async () => {
      const m = adapter.createMaterializer(connection);
      await m.table(rel('c'), 'select 1 as a');
      await expect(
        m.table(rel('c'), 'select 2 as b', {
          verify: async () => {
            throw new Error('contract');
          },
        }),
      ).rejects.toThrow('contract');
      expect(await connection.query(`select a from ${q('c')}`)).toEqual([{ a: 1 }]);
    });

    it('loads a typed seed and reports columns', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'strata-suite-'));
      const file = join(dir, 'people.csv');
      writeFileSync(file, 'id,name,score,joined\n1,"Lovelace, Ada",9.5,2024-01-02\n2,Turing,7,2024-02-03\n');
      const d = adapter.dialect;
      const rows = await adapter.createMaterializer(connection).seed(rel('people'), file, {
        columns: [
          { name: 'id', type: d.typeName('bigint') },
          { name: 'name', type: d.typeName('string') },
          { name: 'score', type: d.typeName('float') },
          { name: 'joined', type: d.typeName('date') },
        ],
      });
      expect(rows.rowsAffected).toBe(2);
      const data = await connection.query(`select id, name, score from ${q('people')} order by id`);
      expect(data).toEqual([
        { id: 1, name: 'Lovelace, Ada', score: 9.5 },
        { id: 2, name: 'Turing', score: 7 },
      ]);
      const columns = await adapter.createIntrospector(connection).columns(rel('people'));
      expect(columns.map((c) => c.name)).toEqual(['id', 'name', 'score', 'joined']);
    });

    it('evaluates the cross-database macros to the same values', async () => {
      const d = adapter.dialect;
      const ts = (s: string) => `cast(${d.quoteString(s)} as ${d.typeName('timestamp')})`;
      const sql = `select
        ${d.dateDiff(ts('2024-01-30 23:00:00'), ts('2024-02-02 01:00:00'), 'day')} as days,
        ${d.dateDiff(ts('2024-01-30 00:00:00'), ts('2024-03-01 00:00:00'), 'month')} as months,
        ${d.castToString(d.dateTrunc('month', ts('2024-02-17 10:11:12')))} as month_start,
        ${d.castToString(d.dateAdd('day', '3', ts('2024-02-27 00:00:00')))} as plus3,
        ${d.safeCast(d.quoteString('12x'), d.typeName('integer'))} as bad_int,
        ${d.hash(d.quoteString('abc'))} as h,
        ${d.regexpMatches(d.quoteString('a-123'), d.quoteString('^a-[0-9]+$'))} as re`;
      const [row] = await connection.query(sql);
      expect(row).toEqual({ days: 3, months: 2, month_start: '2024-02-01 00:00:00', plus3: '2024-03-01 00:00:00', bad_int: null, h: '900150983cd24fb0d6963f7d28e17f72', re: true });
    });

    it('quotes hostile strings and identifiers safely', async () => {
      const d = adapter.dialect;
      const hostile = "x'; drop table t; --";
      const [row] = await connection.query(`select ${d.quoteString(hostile)} as ${d.quoteIdentifier('we"ird')}`);
      expect(row).toEqual({ 'we"ird': hostile });
    });

    it('runs a transaction all or nothing', async () => {
      await connection.execute(`create table ${q('tx')} as select 1 as id`);
      await expect(connection.transaction([`insert into ${q('tx')} values (2)`, 'select * from no_such_table'])).rejects.toThrow();
      expect(await connection.query(`select count(*) as n from ${q('tx')}`)).toEqual([{ n: 1 }]);
    });
  });
}
