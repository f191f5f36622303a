import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrataError, type RelationRef } from '@strata/core';
import { PostgresAdapter, PostgresConnection, pgTemporaryRelation } from '../src/index.js';
import { openPg, uniqueSchema } from './pg-env.js';

const schema = uniqueSchema('strata_mat');
const rel = (name: string): RelationRef => ({ schema, name });

describe('Postgres materializations', () => {
  let adapter: PostgresAdapter;
  let connection: PostgresConnection;
  const q = (name: string) => adapter.dialect.renderRelation(rel(name));
  const materializer = () => adapter.createMaterializer(connection);
  const ids = async (name: string, column = 'id') => (await connection.query<Record<string, number>>(`select ${column} from ${q(name)} order by 1`)).map((r) => r[column]);

  beforeAll(async () => {
    adapter = await openPg();
    connection = (await adapter.connect()) as PostgresConnection;
    await materializer().ensureSchema(schema);
  });
  afterAll(async () => {
    await connection.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await adapter.close();
  });

  it('swaps in a new table and recreates the views that read it, in one transaction', async () => {
    await materializer().table(rel('orders'), 'select 1 as id, 10.5 as amount');
    await connection.execute(`create view ${q('order_ids')} as select id from ${q('orders')}`);
    await connection.execute(`create view ${q('order_count')} as select count(*) as n from ${q('order_ids')}`);
    // The new version adds a column and rows; both views survive (a plain DROP would refuse, CASCADE would lose them).
    const result = await materializer().table(rel('orders'), 'select id, id * 2.5 as amount, true as paid from generate_series(1, 3) as id');
    expect(result.rowsAffected).toBe(3);
    expect(await ids('order_ids')).toEqual([1, 2, 3]);
    expect(await connection.query(`select n from ${q('order_count')}`)).toEqual([{ n: 3 }]);
    expect(await adapter.createIntrospector(connection).listRelations(schema, '__strata_tmp_')).toEqual([]);
  });

  it('keeps the previous table when the new one would break a dependent view', async () => {
    await materializer().table(rel('items'), 'select 7 as id, 1 as qty');
    await connection.execute(`create view ${q('item_ids')} as select id from ${q('items')}`);
    const error = await materializer()
      .table(rel('items'), 'select 1 as qty')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrataError);
    expect((error as StrataError).code).toBe('E_DEPENDENT_VIEW');
    expect((error as StrataError).message).toBe(`the new ${schema}.items breaks view ${schema}.item_ids, which reads it: column items.id does not exist`);
    expect(await ids('items')).toEqual([7]);
    expect(await ids('item_ids')).toEqual([7]);
    expect(await adapter.createIntrospector(connection).listRelations(schema, '__strata_tmp_')).toEqual([]);
  });

  it('replaces a view whose columns changed (CREATE OR REPLACE VIEW cannot) and rebuilds views on it', async () => {
    await materializer().view(rel('v_people'), "select 1 as id, 'Ada' as name, 36 as age");
    await connection.execute(`create view ${q('v_names')} as select name from ${q('v_people')}`);
    await materializer().view(rel('v_people'), "select 'Grace' as name");
    expect(await connection.query(`select * from ${q('v_names')}`)).toEqual([{ name: 'Grace' }]);
    expect((await adapter.createIntrospector(connection).columns(rel('v_people'))).map((c) => c.name)).toEqual(['name']);
  });

  it('never shows a reader a missing or half-built table while it is rebuilt', async () => {
    await materializer().table(rel('hot'), 'select id from generate_series(1, 1000) as id');
    const reader = (await adapter.connect()) as PostgresConnection;
    const seen = new Set<number>();
    const errors: string[] = [];
    let building = true;
    const reads = (async () => {
      while (building) {
        try {
          const [row] = await reader.query<{ n: number }>(`select count(*) as n from ${q('hot')}`);
          seen.add(row!.n);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    })();
    for (let i = 0; i < 12; i++) await materializer().table(rel('hot'), `select id from generate_series(1, ${i % 2 === 0 ? 2000 : 1000}) as id`);
    building = false;
    await reads;
    await reader.close();
    expect(errors).toEqual([]);
    expect([...seen].every((n) => n === 1000 || n === 2000)).toBe(true);
    expect(seen.size).toBeGreaterThan(0);
  });

  it('swaps tables that share dependent views at the same time, each keeping the views', async () => {
    // As a domain's seeds do when staging views join them: each swap drops the shared views and
    // recreates them, so another swap's catalog read may meet a view's OID that no longer exists.
    const sides = ['side_a', 'side_b', 'side_c'];
    for (const side of sides) await materializer().table(rel(side), 'select 1 as id');
    await connection.execute(`create view ${q('all_sides')} as select a.id from ${q('side_a')} a join ${q('side_b')} b using (id) join ${q('side_c')} c using (id)`);
    for (let i = 1; i <= 8; i++) await connection.execute(`create view ${q(`all_sides_${i}`)} as select id from ${q(i === 1 ? 'all_sides' : `all_sides_${i - 1}`)}`);
    const others = await Promise.all(sides.map(async () => (await adapter.connect()) as PostgresConnection));
    try {
      const rebuild = async (on: PostgresConnection, name: string) => {
        for (let i = 2; i <= 40; i++) await adapter.createMaterializer(on).table(rel(name), `select id from generate_series(1, ${i}) as id`);
      };
      await Promise.all(sides.map((side, i) => rebuild(others[i]!, side)));
    } finally {
      for (const other of others) await other.close();
    }
    expect(await connection.query(`select count(*)::int as n from ${q('all_sides_8')}`)).toEqual([{ n: 40 }]);
  });

  it('builds relations with long names under temporary names that fit 63 bytes', async () => {
    const name = `m_${'x'.repeat(58)}`;
    const temporary = pgTemporaryRelation(rel(name));
    expect(Buffer.byteLength(temporary.name)).toBeLessThanOrEqual(63);
    expect(temporary.name.startsWith('__strata_tmp_m_xxx')).toBe(true);
    expect(pgTemporaryRelation(rel(name)).name).not.toBe(temporary.name);
    await materializer().table(rel(name), 'select 1 as id');
    await materializer().table(rel(name), 'select 2 as id');
    expect(await ids(name)).toEqual([2]);
  });

  it('drops leftovers of a killed run by prefix, not by LIKE pattern', async () => {
    await connection.execute(`create table ${q('__strata_tmp_dead_1')} as select 1 as x`);
    await connection.execute(`create view ${q('__strata_tmp_dead_2')} as select 1 as x`);
    // LIKE '__strata_tmp_%' would match this one too: `_` is LIKE's any-character.
    await connection.execute(`create table ${q('xxstrata_tmp_keep')} as select 1 as x`);
    expect(await materializer().dropTemporaryRelations(schema)).toBe(2);
    const left = (await adapter.createIntrospector(connection).listRelations(schema)).map((r) => r.name);
    expect(left).toContain('xxstrata_tmp_keep');
    expect(left.filter((n) => n.startsWith('__strata_tmp_'))).toEqual([]);
  });

  describe('incremental models (core strategies on Postgres)', () => {
    const base = { uniqueKey: ['id'], onSchemaChange: 'ignore' as const, fullRefresh: false, model: 'inc' };
    const rows = async (name: string) => connection.query(`select * from ${q(name)} order by id`);

    it('append adds the new rows', async () => {
      const m = materializer();
      expect((await m.incremental(rel('inc_append'), "select 1 as id, 'a' as v", { ...base, strategy: 'append' })).message).toBe('created');
      const second = await m.incremental(rel('inc_append'), "select 2 as id, 'b' as v union all select 1, 'a2'", { ...base, strategy: 'append' });
      expect(second).toEqual({ rowsAffected: 2, message: 'incremental append' });
      expect(await rows('inc_append')).toEqual([
        { id: 1, v: 'a' },
        { id: 1, v: 'a2' },
        { id: 2, v: 'b' },
      ]);
    });

    it('merge updates matching keys and inserts the rest (MERGE, Postgres 15)', async () => {
      const m = materializer();
      await m.incremental(rel('inc_merge'), "select 1 as id, 'a' as v union all select 2, 'b'", { ...base, strategy: 'merge' });
      await m.incremental(rel('inc_merge'), "select 2 as id, 'B' as v union all select 3, 'c'", { ...base, strategy: 'merge' });
      expect(await rows('inc_merge')).toEqual([
        { id: 1, v: 'a' },
        { id: 2, v: 'B' },
        { id: 3, v: 'c' },
      ]);
    });

    it('delete+insert replaces the rows of matching keys, and appends new columns when asked', async () => {
      const m = materializer();
      await m.incremental(rel('inc_di'), "select 1 as id, 'a' as v union all select 2, 'b'", { ...base, strategy: 'delete+insert' });
      const result = await m.incremental(rel('inc_di'), "select 2 as id, 'B' as v, 9 as extra", { ...base, strategy: 'delete+insert', onSchemaChange: 'append_new_columns' });
      expect(result.message).toBe('incremental delete+insert (+1 columns)');
      expect(await rows('inc_di')).toEqual([
        { id: 1, v: 'a', extra: null },
        { id: 2, v: 'B', extra: 9 },
      ]);
    });
  });

  it('records snapshot versions (SCD type 2) across runs', async () => {
    const options = {
      strategy: 'timestamp' as const,
      uniqueKey: ['id'],
      updatedAt: 'updated_at',
      invalidateHardDeletes: true,
      columnNames: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', scdId: 'scd_id' },
    };
    const m = materializer();
    const v1 = "select 1 as id, 'new' as status, cast('2024-01-01 00:00:00' as timestamp) as updated_at union all select 2, 'new', cast('2024-01-01 00:00:00' as timestamp)";
    await m.snapshot(rel('snap'), v1, { ...options, snapshotTime: new Date('2024-01-02T00:00:00Z') });
    const v2 = "select 1 as id, 'paid' as status, cast('2024-01-05 00:00:00' as timestamp) as updated_at";
    const second = await m.snapshot(rel('snap'), v2, { ...options, snapshotTime: new Date('2024-01-06T00:00:00Z') });
    expect(second.message).toBe('snapshot: 1 new versions, 2 closed');
    const versions = await connection.query(`select id, status, valid_from, valid_to, is_current from ${q('snap')} order by id, valid_from`);
    const at = (s: string) => new Date(s);
    expect(versions).toEqual([
      { id: 1, status: 'new', valid_from: at('2024-01-01T00:00:00Z'), valid_to: at('2024-01-05T00:00:00Z'), is_current: false },
      { id: 1, status: 'paid', valid_from: at('2024-01-05T00:00:00Z'), valid_to: null, is_current: true },
      { id: 2, status: 'new', valid_from: at('2024-01-01T00:00:00Z'), valid_to: at('2024-01-06T00:00:00Z'), is_current: false },
    ]);
  });
});
