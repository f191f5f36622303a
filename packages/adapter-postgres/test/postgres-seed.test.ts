import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { SeedError, typeMatches, type LogicalType, type RelationRef } from '@strata/core';
import { PostgresAdapter, PostgresConnection } from '../src/index.js';
import { openPg, uniqueSchema } from './pg-env.js';

const schema = uniqueSchema('strata_seed');
const rel = (name: string): RelationRef => ({ schema, name });
const dir = mkdtempSync(join(tmpdir(), 'strata-pg-seed-'));
const csv = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('Postgres seeds (COPY FROM STDIN)', () => {
  let adapter: PostgresAdapter;
  let connection: PostgresConnection;
  const q = (name: string) => adapter.dialect.renderRelation(rel(name));
  const seed = (name: string, file: string, columns?: Array<{ name: string; type?: string }>) => adapter.createMaterializer(connection).seed(rel(name), file, { columns });
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as SeedError);
  const d = () => adapter.dialect;

  beforeAll(async () => {
    adapter = await openPg();
    connection = (await adapter.connect()) as PostgresConnection;
    await adapter.createMaterializer(connection).ensureSchema(schema);
  });
  afterAll(async () => {
    await connection.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await adapter.close();
  });

  it('loads declared types, quoted fields and empty values as NULL', async () => {
    const file = csv('people.csv', 'id,name,score,joined\n1,"Lovelace, Ada",9.5,2024-01-02\n2,"Say ""hi""",,2024-02-03\n');
    const result = await seed('people', file, [
      { name: 'id', type: d().typeName('bigint') },
      { name: 'name', type: d().typeName('string') },
      { name: 'score', type: d().typeName('float') },
      { name: 'joined', type: d().typeName('date') },
    ]);
    expect(result.rowsAffected).toBe(2);
    expect(await connection.query(`select * from ${q('people')} order by id`)).toEqual([
      { id: 1, name: 'Lovelace, Ada', score: 9.5, joined: new Date('2024-01-02T00:00:00Z') },
      { id: 2, name: 'Say "hi"', score: null, joined: new Date('2024-02-03T00:00:00Z') },
    ]);
    expect(await adapter.createIntrospector(connection).columns(rel('people'))).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'name', type: 'TEXT' },
      { name: 'score', type: 'DOUBLE PRECISION' },
      { name: 'joined', type: 'DATE' },
    ]);
  });

  it('fails a ragged row with its line number and keeps the previous table', async () => {
    await seed('ragged', csv('ok.csv', 'a,b\n1,2\n'));
    const error = await failure(seed('ragged', csv('ragged.csv', 'a,b\n1,2\n3\n4,5\n')));
    expect(error).toBeInstanceOf(SeedError);
    expect(error!.code).toBe('E_SEED_LOAD');
    expect(error!.line).toBe(3);
    expect(error!.message).toBe('seed could not be loaded: missing data for column "b"');
    const extra = await failure(seed('ragged', csv('extra.csv', 'a,b\n1,2\n3,4\n5,6,7\n')));
    expect([extra!.line, extra!.message]).toEqual([4, 'seed could not be loaded: extra data after last expected column']);
    expect(await connection.query(`select * from ${q('ragged')}`)).toEqual([{ a: 1, b: 2 }]);
    expect(await adapter.createIntrospector(connection).listRelations(schema, '__strata_tmp_')).toEqual([]);
  });

  it('names the line and column of a value that does not fit its declared type', async () => {
    const error = await failure(seed('typed', csv('typed.csv', 'id,score\n1,2.5\n2,abc\n'), [{ name: 'id', type: 'bigint' }, { name: 'score', type: 'double precision' }]));
    expect([error!.line, error!.message]).toEqual([3, 'seed could not be loaded: invalid input syntax for type double precision: "abc" (column score)']);
  });

  it('rejects a header that does not match the declared columns, and an empty file', async () => {
    const header = await failure(seed('h', csv('h.csv', 'id,nme\n1,x\n'), [{ name: 'id' }, { name: 'name' }]));
    expect([header!.code, header!.line, header!.message]).toEqual(['E_SEED_HEADER', 1, 'seed header does not match its schema; missing: name; unexpected: nme']);
    const empty = await failure(seed('e', csv('e.csv', '')));
    expect([empty!.code, empty!.message]).toEqual(['E_SEED_EMPTY', 'seed file is empty: it needs at least a header row']);
  });

  it('infers undeclared column types the way DuckDB sniffs them', async () => {
    const file = csv(
      'sniff.csv',
      'zip,flag,ratio,day,at,count,blank,at_tz,word\n' + '007,true,1.0,2024-01-02,2024-01-02 10:00:00,1,,2024-01-02T10:00:00Z,x\n' + '8,F,2,2024-1-3,2024-01-02T11:00:00,0,,2024-01-02T11:00:00+02:00,7\n',
    );
    await seed('sniffed', file);
    const pg = await adapter.createIntrospector(connection).columns(rel('sniffed'));
    expect(pg.map((c) => c.type)).toEqual(['TEXT', 'BOOLEAN', 'DOUBLE PRECISION', 'DATE', 'TIMESTAMP WITHOUT TIME ZONE', 'BIGINT', 'TEXT', 'TIMESTAMP WITH TIME ZONE', 'TEXT']);
    expect(await connection.query(`select zip, flag, ratio, day, at, count from ${q('sniffed')} order by zip`)).toEqual([
      { zip: '007', flag: true, ratio: 1, day: new Date('2024-01-02T00:00:00Z'), at: new Date('2024-01-02T10:00:00Z'), count: 1 },
      { zip: '8', flag: false, ratio: 2, day: new Date('2024-01-03T00:00:00Z'), at: new Date('2024-01-02T11:00:00Z'), count: 0 },
    ]);
    // DuckDB's sniffer reads the same file into the same logical types.
    const duck = await DuckDbAdapter.open({ path: ':memory:' });
    const dc = await duck.connect();
    await duck.createMaterializer(dc).ensureSchema('s');
    await duck.createMaterializer(dc).seed({ schema: 's', name: 'sniffed' }, file, {});
    const logical: Array<LogicalType | 'timestamptz'> = ['string', 'boolean', 'float', 'date', 'timestamp', 'bigint', 'string', 'timestamptz', 'string'];
    const duckTypes = (await duck.createIntrospector(dc).columns({ schema: 's', name: 'sniffed' })).map((c) => c.type);
    await duck.close();
    logical.forEach((type, i) => {
      if (type === 'timestamptz') expect([duckTypes[i], pg[i]!.type]).toEqual(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE']);
      else expect([typeMatches(type, duckTypes[i]!), typeMatches(type, pg[i]!.type)], `${pg[i]!.name}: ${duckTypes[i]} / ${pg[i]!.type}`).toEqual([true, true]);
    });
  });

  it('streams a large file with one COPY, never row by row', async () => {
    const file = join(dir, 'big.csv');
    const out = createWriteStream(file);
    out.write('id,amount,label\n');
    const n = 200_000;
    for (let i = 1; i <= n; i++) out.write(`${i},${(i % 1000) / 10},label ${i % 7}\n`);
    await new Promise((done) => out.end(done));
    const spy = vi.spyOn(connection.client, 'query');
    const started = Date.now();
    const result = await seed('big', file, [{ name: 'id', type: 'bigint' }, { name: 'amount', type: 'double precision' }, { name: 'label', type: 'text' }]);
    const seconds = (Date.now() - started) / 1000;
    const statements = spy.mock.calls.map(([arg]) => (typeof arg === 'string' ? arg : ((arg as { text?: string }).text ?? '')));
    spy.mockRestore();
    expect(result.rowsAffected).toBe(n);
    expect(statements.filter((s) => /^COPY /.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /^\s*INSERT/i.test(s))).toEqual([]);
    // Sum of (i % 1000) / 10 over 1..200000: 200 full cycles of 0..999 (499500 each), divided by 10.
    const [stats] = await connection.query<{ n: number; total: number }>(`select count(*) as n, sum(amount) as total from ${q('big')}`);
    expect(stats!.n).toBe(n);
    expect(stats!.total).toBeCloseTo((200 * 499500) / 10, 6);
    expect(seconds).toBeLessThan(20);
  });
});
