import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuckDbAdapter, duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { bigqueryAdapterFactory } from '@strata/adapter-bigquery';
import { postgresAdapterFactory } from '@strata/adapter-postgres';
import { strata, writeProject } from '../helpers.js';

/**
 * Values from `var()` and `env_var()` reach SQL only through quoting: `string_literal()` (a
 * string literal) and `adapter.quote()` (an identifier); Strata's own macros quote every value
 * they splice (try_strptime's formats) and accept only known words where SQL needs a keyword (date
 * parts, types). Hostile strings — quotes, semicolons, comment markers, backslashes, newlines,
 * unicode — must come back from the warehouse exactly as given, in one row and one column.
 * (Postgres runs the same round trip on the real server in adapter-postgres/test/sql-quoting.test.ts.)
 */
const HOSTILE = [
  "'",
  "''",
  "x'; drop table orders; --",
  "a' or '1'='1",
  '\\',
  "\\'; select 1; --",
  '/* unterminated comment',
  '-- line comment\nselect 2',
  '"; drop schema main; --',
  '$$ dollar $$',
  '`backtick`',
  'tab\there\r\nand newline',
  'emoji 🧨 and ümlaut',
  ';;;',
];

describe('quoting helpers with hostile strings', () => {
  it('DuckDB: quoteString and quoteIdentifier round-trip every hostile string through the engine', async () => {
    const dialect = duckdbAdapterFactory.createDialect({});
    const adapter = await DuckDbAdapter.open({ path: ':memory:' });
    try {
      const connection = await adapter.connect();
      const check = async (value: string) => {
        const rows = await connection.query(`select ${dialect.quoteString(value)} as ${dialect.quoteIdentifier(value)}`);
        expect(rows).toEqual([{ [value]: value }]);
      };
      for (const value of HOSTILE) await check(value);
      // Any text DuckDB can hold (no NUL) is a literal and a column name.
      await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\0')), check), { numRuns: 300, seed: 42 });
    } finally {
      await adapter.close();
    }
  });

  it('BigQuery: a quoted literal reads back (C-style escapes) and never ends early', () => {
    const dialect = bigqueryAdapterFactory.createDialect({ project: 'p' });
    // BigQuery's reading of a single-quoted literal: backslash escapes, and a bare quote ends it.
    const read = (literal: string): string => {
      expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
      const body = literal.slice(1, -1);
      let out = '';
      for (let i = 0; i < body.length; i++) {
        const c = body[i]!;
        expect(c === "'" || c === '\n' || c === '\r').toBe(false);
        if (c !== '\\') out += c;
        else out += ({ n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '`': '`' } as Record<string, string>)[body[++i]!] ?? '?';
      }
      return out;
    };
    for (const value of HOSTILE) expect(read(dialect.quoteString(value))).toBe(value);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (value) => {
        expect(read(dialect.quoteString(value))).toBe(value);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("Postgres's dialect doubles quotes and relies on standard_conforming_strings, which every Strata session turns on", () => {
    const dialect = postgresAdapterFactory.createDialect({});
    expect(dialect.quoteString("x'; drop table t; --\\")).toBe("'x''; drop table t; --\\'");
  });

  it('string_literal(var(...)) and string_literal(env_var(...)) build the hostile value as data; a hostile date part is refused', async () => {
    process.env.STRATA_TEST_HOSTILE = "'; drop table shop_marts.safe; --";
    try {
      const { root, warehouse } = writeProject({
        'models/marts/safe.sql': "select {{ string_literal(var('status')) }} as status, {{ string_literal(env_var('STRATA_TEST_HOSTILE')) }} as from_env, {{ adapter.quote(var('status')) }} is not null as quoted_column\nfrom (select 1 as {{ adapter.quote(var('status')) }}) as t",
      });
      const status = "done'); delete from orders; /* \\ --";
      const build = await strata(['build', '--project', root, '--vars', JSON.stringify({ status })], root);
      expect(build.code).toBe(0);
      const adapter = await DuckDbAdapter.open({ path: warehouse });
      try {
        expect(await (await adapter.connect()).query('select * from shop_marts.safe')).toEqual([{ status, from_env: process.env.STRATA_TEST_HOSTILE, quoted_column: true }]);
      } finally {
        await adapter.close();
      }
      const { root: other } = writeProject({ 'models/marts/shift.sql': "select {{ dateadd(var('part'), 1, 'current_date') }} as d" });
      const refused = await strata(['build', '--project', other, '--vars', JSON.stringify({ part: "day', 1, x) --" })], other);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/E_DATE_PART \S+shift\.sql: unknown date part 'day', 1, x\) --'/);
    } finally {
      delete process.env.STRATA_TEST_HOSTILE;
    }
  });
});
