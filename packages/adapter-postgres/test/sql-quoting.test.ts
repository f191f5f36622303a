import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresAdapter } from '../src/index.js';
import { PostgresDialect } from '../src/postgres-dialect.js';
import { openPg } from './pg-env.js';

/**
 * The dialect's quoting on the real server: hostile strings (quotes, semicolons, comment
 * markers, backslashes, dollar quotes, newlines, unicode) come back exactly as given, in one row
 * and one column — as a string literal and as a column name. Every session Strata opens has
 * standard_conforming_strings on, which the quoting relies on (backslashes are literal). NUL
 * cannot be stored in Postgres text at all.
 */
const HOSTILE = [
  "'",
  "x'; drop table orders; --",
  "a' or '1'='1",
  '\\',
  "\\'; select 1; --",
  "E'\\x41'",
  '/* unterminated comment',
  '-- line comment\nselect 2',
  '"; drop schema public; --',
  '$$ dollar $$',
  '$tag$ x $tag$',
  'tab\there\r\nand newline',
  'emoji 🧨 and ümlaut',
];

let adapter: PostgresAdapter;
beforeAll(async () => {
  adapter = await openPg();
});
afterAll(async () => {
  await adapter.close();
});

describe('Postgres quoting with hostile strings', () => {
  it('every Strata session has standard_conforming_strings on', async () => {
    const connection = await adapter.connect();
    try {
      expect(await connection.query('show standard_conforming_strings')).toEqual([{ standard_conforming_strings: 'on' }]);
    } finally {
      await connection.close();
    }
  });

  it('quoteString and quoteIdentifier round-trip every hostile string', async () => {
    // Case is kept as written (no folding), so the column comes back under the very same name.
    const dialect = new PostgresDialect(undefined, false);
    const connection = await adapter.connect();
    try {
      // Every printable ASCII character next to a quote and a backslash, besides the list above.
      const generated = Array.from({ length: 95 }, (_, i) => `${String.fromCharCode(32 + i)}'\\${String.fromCharCode(32 + i)}`);
      for (const value of [...HOSTILE, ...generated]) {
        const rows = await connection.query(`select ${dialect.quoteString(value)} as ${dialect.quoteIdentifier(value.slice(0, 60))}`);
        expect(rows).toEqual([{ [value.slice(0, 60)]: value }]);
      }
    } finally {
      await connection.close();
    }
  });
});
