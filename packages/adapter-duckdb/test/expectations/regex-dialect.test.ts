import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connection } from '@strata/core';
import { DuckDbAdapter, DuckDbDialect } from '../../src/index.js';
import { FixtureWarehouse } from './run-fixture.js';

/** zod's patterns, translated to RE2, must accept exactly what zod accepts — checked on DuckDB itself. */
const SAMPLES = ['', 'a', 'A1', 'ann@example.com', 'a.b+c@d-e.co', '.a@b.co', 'a..b@c.de', 'x@y', '123e4567-e89b-42d3-a456-426614174000', '123e4567-e89b-92d3-a456-426614174000', '192.168.0.1', '256.1.1.1', '+14155552671', 'cjld2cjxh0000qzrmn831i7rn', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'V1StGGXR8Z5jdHi6B-myT', 'aGVsbG8=', '12:30:00', '25:00', '10.0.0.0/8', '2001:db8::1', 'ÄÖ ü', 'line\nbreak', 'AB-12', 'ab-12'];

const PATTERNS: Record<string, RegExp> = {
  email: (z.email()._zod.def as unknown as { pattern: RegExp }).pattern,
  uuid: (z.uuid()._zod.def as unknown as { pattern: RegExp }).pattern,
  guid: (z.guid()._zod.def as unknown as { pattern: RegExp }).pattern,
  ipv4: (z.ipv4()._zod.def as unknown as { pattern: RegExp }).pattern,
  ipv6: (z.ipv6()._zod.def as unknown as { pattern: RegExp }).pattern,
  cidrv4: (z.cidrv4()._zod.def as unknown as { pattern: RegExp }).pattern,
  e164: (z.e164()._zod.def as unknown as { pattern: RegExp }).pattern,
  cuid: (z.cuid()._zod.def as unknown as { pattern: RegExp }).pattern,
  ulid: (z.ulid()._zod.def as unknown as { pattern: RegExp }).pattern,
  nanoid: (z.nanoid()._zod.def as unknown as { pattern: RegExp }).pattern,
  base64: (z.base64()._zod.def as unknown as { pattern: RegExp }).pattern,
  time: (z.iso.time()._zod.def as unknown as { pattern: RegExp }).pattern,
  'case-insensitive named group': /^(?<letters>[a-z]{2})-\d+$/i,
  'unicode escapes and classes': /^[\u00c4-\u00dc\s\u{fc}]+$/u,
  'word boundary, dot without s': /\bli.e\b/,
  'dotAll and multiline': /^break$|line.break/ms,
};

describe('regex translation on DuckDB (RE2)', () => {
  const dialect = new DuckDbDialect();
  let adapter: DuckDbAdapter;
  let connection: Connection;
  beforeAll(async () => {
    adapter = await DuckDbAdapter.open({ path: ':memory:' });
    connection = await adapter.connect();
  });
  afterAll(() => adapter.close());

  it.each(Object.entries(PATTERNS))('%s matches the same strings as in JavaScript', async (_, pattern) => {
    const translated = dialect.quoteString(dialect.translateRegex(pattern.source, pattern.flags));
    const values = SAMPLES.map((s) => `(${dialect.quoteString(s)})`).join(', ');
    const rows = await connection.query<{ s: string; m: boolean }>(`select s, ${dialect.regexpMatches('s', translated)} as m from (values ${values}) as t(s)`);
    expect(rows.map((r) => [r.s, r.m])).toEqual(SAMPLES.map((s) => [s, pattern.test(s)]));
  });

  it('refuses lookaround and backreferences with a clear error', () => {
    expect(() => dialect.translateRegex('^(?=\\d)\\d+$', '')).toThrow('pattern /^(?=\\d)\\d+$/ cannot be checked in RE2 (DuckDB, BigQuery): lookahead (?= or (?! at position 1 has no equivalent there');
    expect(() => dialect.translateRegex('(a)\\1', '')).toThrow('the backreference \\1 at position 3');
  });

  it('turns an untranslatable zod pattern into an error for that test only', async () => {
    const warehouse = new FixtureWarehouse();
    try {
      const summary = await warehouse.run(warehouse.copy('regex'));
      const tests = Object.fromEntries(summary.results.filter((r) => r.resourceType === 'test').map((r) => [r.name, r]));
      expect(tests.matches_pattern_codes_span!.status).toBe('error');
      expect(tests.matches_pattern_codes_span!.error!.code).toBe('E_REGEX_UNSUPPORTED');
      expect(tests.matches_pattern_codes_span!.message).toContain('lookahead (?= or (?! at position 12 has no equivalent there');
      expect(tests.matches_pattern_codes_code!.status).toBe('pass');
      expect(Object.values(tests).filter((t) => t.status === 'pass')).toHaveLength(4);
    } finally {
      warehouse.dispose();
    }
  });
});
