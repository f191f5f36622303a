import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { crossDatabaseMacros, type Adapter, type Connection, type DatePart, type Dialect } from '@strata/core';
import { PostgresDialect } from '../src/index.js';
import { openPg } from './pg-env.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const utc = (iso: string) => new Date(`${iso.replace(' ', 'T')}Z`);

/** One macro call and the value worked out by hand; every case runs on both engines. */
interface Case {
  name: string;
  sql: (d: Dialect) => string;
  expected: unknown;
}

const ts = (d: Dialect, value: string) => `cast(${d.quoteString(value)} as ${d.typeName('timestamp')})`;
const diff = (part: DatePart, start: string, end: string, expected: number): Case => ({
  name: `datediff ${part} ${start} -> ${end}`,
  sql: (d) => d.dateDiff(ts(d, start), ts(d, end), part),
  expected,
});

const cases: Case[] = [
  // Boundaries crossed, not elapsed time (dbt's datediff): 23:00 -> 01:00 two days later is 3 days.
  diff('day', '2024-01-30 23:00:00', '2024-02-02 01:00:00', 3),
  diff('day', '2024-02-02 01:00:00', '2024-01-30 23:00:00', -3),
  diff('day', '2024-02-28 00:00:00', '2024-03-01 00:00:00', 2),
  diff('day', '2024-05-05 00:00:00', '2024-05-05 23:59:59', 0),
  // Weeks are whole 7-day spans between the dates, truncated towards zero.
  diff('week', '2024-01-01 00:00:00', '2024-01-08 00:00:00', 1),
  diff('week', '2024-01-03 00:00:00', '2024-01-09 00:00:00', 0),
  diff('week', '2024-01-09 00:00:00', '2024-01-03 00:00:00', 0),
  diff('week', '2024-01-08 00:00:00', '2024-01-01 00:00:00', -1),
  diff('week', '2024-01-01 00:00:00', '2024-01-29 00:00:00', 4),
  // Months: (y2 - y1) * 12 + m2 - m1.
  diff('month', '2024-01-31 00:00:00', '2024-02-01 00:00:00', 1),
  diff('month', '2024-01-01 00:00:00', '2024-12-31 00:00:00', 11),
  diff('month', '2023-11-15 00:00:00', '2024-02-01 00:00:00', 3),
  diff('month', '2024-02-01 00:00:00', '2023-11-15 00:00:00', -3),
  diff('quarter', '2024-03-31 00:00:00', '2024-04-01 00:00:00', 1),
  diff('quarter', '2023-12-31 00:00:00', '2025-01-01 00:00:00', 5),
  diff('year', '2024-12-31 23:59:00', '2025-01-01 00:00:00', 1),
  diff('year', '2020-06-01 00:00:00', '2024-05-01 00:00:00', 4),
  diff('hour', '2024-01-01 10:59:00', '2024-01-01 11:01:00', 1),
  diff('hour', '2024-01-01 10:00:00', '2024-01-01 10:59:59', 0),
  diff('hour', '2024-01-01 23:30:00', '2024-01-02 00:10:00', 1),
  diff('hour', '2024-01-01 11:01:00', '2024-01-01 10:59:00', -1),
  diff('minute', '2024-01-01 10:00:59', '2024-01-01 10:01:00', 1),
  diff('minute', '2024-01-01 10:00:00', '2024-01-01 10:00:59', 0),
  diff('second', '2024-01-01 10:00:00.9', '2024-01-01 10:00:01.1', 1),
  diff('second', '2024-01-01 10:00:00.1', '2024-01-01 10:00:00.9', 0),
  ...(
    [
      ['year', '2024-01-01 00:00:00'],
      ['quarter', '2024-01-01 00:00:00'],
      ['month', '2024-02-01 00:00:00'],
      ['week', '2024-02-12 00:00:00'], // 2024-02-17 is a Saturday; weeks start on Monday
      ['day', '2024-02-17 00:00:00'],
      ['hour', '2024-02-17 10:00:00'],
      ['minute', '2024-02-17 10:11:00'],
      ['second', '2024-02-17 10:11:12'],
    ] as Array<[DatePart, string]>
  ).map(([part, expected]) => ({ name: `date_trunc ${part}`, sql: (d: Dialect) => d.dateTrunc(part, ts(d, '2024-02-17 10:11:12.345')), expected: utc(expected) })),
  ...(
    [
      ['month', '1', '2024-01-31 00:00:00', '2024-02-29 00:00:00'],
      ['day', '-1', '2024-03-01 00:00:00', '2024-02-29 00:00:00'],
      ['quarter', '1', '2024-11-30 00:00:00', '2025-02-28 00:00:00'],
      ['week', '2', '2024-01-01 00:00:00', '2024-01-15 00:00:00'],
      ['hour', '25', '2024-01-01 10:00:00', '2024-01-02 11:00:00'],
      ['year', '1', '2024-02-29 00:00:00', '2025-02-28 00:00:00'],
      ['minute', '90', '2024-01-01 23:00:00', '2024-01-02 00:30:00'],
    ] as Array<[DatePart, string, string, string]>
  ).map(([part, amount, from, expected]) => ({ name: `dateadd ${amount} ${part} to ${from}`, sql: (d: Dialect) => d.dateAdd(part, amount, ts(d, from)), expected: utc(expected) })),
  ...(
    [
      ['12x', 'integer', null],
      ['12.5', 'integer', 13],
      [' 12 ', 'integer', 12],
      ['1e3', 'bigint', 1000],
      ['', 'integer', null],
      ['3.25', 'float', 3.25],
      ['abc', 'float', null],
      ['nan', 'float', Number.NaN],
      ['-Infinity', 'float', -Infinity],
      ['nan', 'numeric', null],
      ['1.5', 'numeric', 1.5],
      ['2024-02-29', 'date', utc('2024-02-29')],
      ['2024-02-30', 'date', null],
      ['01/02/2024', 'date', null],
      ['2024-01-02T10:00:00Z', 'timestamp', utc('2024-01-02 10:00:00')],
      ['2024-01-02 10:00', 'timestamp', utc('2024-01-02 10:00:00')],
      ['2024-01-02 25:00:00', 'timestamp', null],
      ['yes', 'boolean', true],
      ['F', 'boolean', false],
      ['on', 'boolean', null],
    ] as Array<[string, 'integer' | 'bigint' | 'float' | 'numeric' | 'date' | 'timestamp' | 'boolean', unknown]>
  ).map(([text, type, expected]) => ({ name: `safe_cast '${text}' as ${type}`, sql: (d: Dialect) => d.safeCast(d.quoteString(text), d.typeName(type)), expected })),
  { name: 'safe_cast of a number', sql: (d) => d.safeCast('2.5', d.typeName('integer')), expected: 3 },
  { name: 'hash of text', sql: (d) => d.hash(d.quoteString('abc')), expected: md5('abc') },
  { name: 'hash of a number', sql: (d) => d.hash('42'), expected: md5('42') },
  { name: 'hash of a date', sql: (d) => d.hash(`cast('2024-01-02' as ${d.typeName('date')})`), expected: md5('2024-01-02') },
  { name: 'concat of text and a number', sql: (d) => d.concat([d.quoteString('x'), '42', d.quoteString('-y')]), expected: 'x42-y' },
  { name: 'concat with a null', sql: (d) => d.concat([d.quoteString('x'), 'null']), expected: null },
  { name: 'regexp search', sql: (d) => d.regexpMatches(d.quoteString('xa-1'), d.quoteString('a-[0-9]')), expected: true },
  { name: 'regexp anchored miss', sql: (d) => d.regexpMatches(d.quoteString('abc'), d.quoteString('^b')), expected: false },
  { name: 'cast timestamp to string', sql: (d) => d.castToString(ts(d, '2024-01-02 10:00:00')), expected: '2024-01-02 10:00:00' },
  { name: 'cast date to string', sql: (d) => d.castToString(`cast('2024-01-02' as ${d.typeName('date')})`), expected: '2024-01-02' },
  { name: 'cast boolean to string', sql: (d) => d.castToString('true'), expected: 'true' },
  // round(): half away from zero, and to digits on doubles (Postgres lacks round(double, int)).
  { name: 'round half away from zero', sql: (d) => `round(cast(2.5 as ${d.typeName('float')}))`, expected: 3 },
  { name: 'round negative half', sql: (d) => `round(cast(-2.5 as ${d.typeName('float')}))`, expected: -3 },
  { name: 'round double to 2 digits', sql: (d) => `round(cast(2.675 as ${d.typeName('float')}), 2)`, expected: 2.68 },
  { name: 'round 1.005 to 2 digits (1.00499… in binary)', sql: (d) => `round(cast(1.005 as ${d.typeName('float')}), 2)`, expected: 1 },
  { name: 'round to tens', sql: (d) => `round(cast(1234.5678 as ${d.typeName('float')}), -2)`, expected: 1200 },
];

const strptime = (d: Dialect, text: string, formats: string[]) => (crossDatabaseMacros(d).try_strptime as unknown as (e: string, f: string[]) => string)(d.quoteString(text), formats);
const DATES = ['%Y-%m-%d', '%m/%d/%Y', '%Y%m%d', '%d-%b-%Y'];
const TIMES = ['%H:%M', '%I:%M %p', '%H%M', '%H:%M:%S'];
const ZONED = ['%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%g%z', '%Y-%m-%d %H:%M:%S%z'];
const march5 = utc('2024-03-05 00:00:00');
cases.push(
  ...(
    [
      ['2024-03-05', DATES, march5],
      ['2024-3-5', DATES, march5],
      ['03/05/2024', DATES, march5],
      ['3/5/2024', DATES, march5],
      ['20240305', DATES, march5],
      ['5-Mar-2024', DATES, march5],
      ['05-mar-2024', DATES, march5],
      [' 2024-03-05 ', DATES, march5],
      ['5-March-2024', DATES, null],
      ['2024-02-30', DATES, null],
      ['2024-03-05x', DATES, null],
      // Times of day land on 1900-01-01, strptime's default date.
      ['09:30', TIMES, utc('1900-01-01 09:30:00')],
      ['9:30 pm', TIMES, utc('1900-01-01 21:30:00')],
      ['12:15 AM', TIMES, utc('1900-01-01 00:15:00')],
      ['0930', TIMES, utc('1900-01-01 09:30:00')],
      ['09:30:15', TIMES, utc('1900-01-01 09:30:15')],
      ['9:30  PM', TIMES, utc('1900-01-01 21:30:00')],
      ['25:00', TIMES, null],
      // %z: the instant, as a timestamp with time zone; a bare Z is not an offset to strptime.
      ['2024-03-01T10:15:00+02:00', ZONED, utc('2024-03-01 08:15:00')],
      ['2024-03-01T10:15:00.123+00:00', ZONED, utc('2024-03-01 10:15:00.123')],
      ['2024-03-01 10:15:00-0530', ZONED, utc('2024-03-01 15:45:00')],
      ['2024-03-01T10:15:00+02', ZONED, utc('2024-03-01 08:15:00')],
      ['2024-03-01T10:15:00Z', ZONED, null],
      ['24-01-05', ['%y-%m-%d'], utc('2024-01-05 00:00:00')],
      ['70-01-05', ['%y-%m-%d'], utc('1970-01-05 00:00:00')],
      ['2024-03-01 10:15:00.123456', ['%Y-%m-%d %H:%M:%S.%f'], utc('2024-03-01 10:15:00.123')],
      ['2024-060', ['%Y-%j'], utc('2024-02-29 00:00:00')],
      ['Fri, 1 Mar 2024', ['%a, %d %b %Y'], utc('2024-03-01 00:00:00')],
    ] as Array<[string, string[], Date | null]>
  ).map(([text, formats, expected]) => ({ name: `try_strptime '${text}' ${formats.join('|')}`, sql: (d: Dialect) => strptime(d, text, formats), expected })),
);

const surrogate = (d: Dialect) => (crossDatabaseMacros(d).surrogate_key as unknown as (f: string[]) => string)(['1', `${d.quoteString('x')}`, 'null']);

describe('cross-database macros: the same values on Postgres and DuckDB', () => {
  const engines: Array<{ name: string; adapter: Adapter; connection: Connection }> = [];
  beforeAll(async () => {
    for (const [name, open] of [['postgres', () => openPg()], ['duckdb', () => DuckDbAdapter.open({ path: ':memory:' })]] as const) {
      const adapter = await open();
      engines.push({ name, adapter, connection: await adapter.connect() });
    }
  });
  afterAll(async () => {
    for (const e of engines) await e.adapter.close();
  });

  for (const engine of ['postgres', 'duckdb']) {
    it(`evaluates every macro case on ${engine}`, async () => {
      const { adapter, connection } = engines.find((e) => e.name === engine)!;
      const select = cases.map((c, i) => `${c.sql(adapter.dialect)} as c${i}`).join(',\n');
      const [row] = await connection.query(`select ${select}`);
      const got = Object.fromEntries(cases.map((c, i) => [c.name, row![`c${i}`]]));
      expect(got).toEqual(Object.fromEntries(cases.map((c) => [c.name, c.expected])));
      const [key] = await connection.query<{ k: string }>(`select ${surrogate(adapter.dialect)} as k`);
      expect(key!.k).toBe(md5('1-x-_strata_null_'));
    });
  }

  it('quotes identifiers Postgres would truncate as a compile error', () => {
    const d = new PostgresDialect();
    expect(d.quoteIdentifier('x'.repeat(63))).toBe(`"${'x'.repeat(63)}"`);
    expect(() => d.quoteIdentifier('x'.repeat(64))).toThrow("identifier 'xxxx");
    expect(d.safeCast('a', 'integer')).toBe('cast("strata".safe_cast(a, cast(null as integer)) as integer)');
    expect(new PostgresDialect('helpers').safeCast('a', 'date')).toBe('cast("helpers".safe_cast(a, cast(null as date)) as date)');
    expect(() => d.tryStrptime('x', ['%Y-%U'])).toThrow("strptime format '%Y-%U' uses %U, which the Postgres adapter cannot parse");
    // Names are folded as Postgres folds unquoted ones; foldCase: false keeps them.
    expect(d.renderRelation({ schema: 'Raw', name: 'OrderItems' })).toBe('"raw"."orderitems"');
    expect(new PostgresDialect('strata', false).quoteIdentifier('OrderID')).toBe('"OrderID"');
  });
});
