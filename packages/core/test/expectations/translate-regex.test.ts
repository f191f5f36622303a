import { describe, expect, it } from 'vitest';
import { translateJsRegex } from '../../src/expectations/translate-regex.js';

const re2 = (source: string, flags = '') => translateJsRegex(source, flags, 're2');
const pg = (source: string, flags = '') => translateJsRegex(source, flags, 'postgres');

describe('translateJsRegex', () => {
  it('passes portable syntax through unchanged', () => {
    const source = '^(?:[A-Za-z0-9_+\\-]+\\.)*[a-z]{2,5}\\d+\\s?$';
    expect(re2(source)).toBe(source);
    // Postgres: `.` must not match newlines, as in JavaScript without the s flag.
    expect(pg(source)).toBe(`(?p)${source}`);
  });

  it('writes flags as embedded options', () => {
    expect(re2('a.b', 'i')).toBe('(?i)a.b');
    expect(re2('^a$', 'gms')).toBe('(?ms)^a$');
    expect(pg('a', 'i')).toBe('(?ip)a');
    expect(pg('^a$', 'm')).toBe('(?n)^a$');
    expect(pg('a.b', 's')).toBe('a.b');
    expect(pg('^a.b$', 'ms')).toBe('(?w)^a.b$');
  });

  it('rewrites what the warehouses spell differently', () => {
    expect(re2('(?<year>\\d{4})-\\k', '')).toBe('(?P<year>\\d{4})-k');
    expect(pg('(?<year>\\d{4})')).toBe('(?p)(\\d{4})');
    expect(re2('\\bword\\B')).toBe('\\bword\\B');
    expect(pg('\\bword\\B')).toBe('(?p)\\yword\\Y');
    expect(re2('\\u00e9\\u{1F600}\\x41[\\b]')).toBe('\\x{E9}\\x{1F600}\\x{41}[\\x{8}]');
    expect(pg('\\u00e9\\u{1F600}\\x41')).toBe('(?p)\\u00E9\\U0001F600\\u0041');
    expect(re2('[^]')).toBe('[\\s\\S]');
    expect(re2('\\cJ\\0')).toBe('\\x{A}\\x{0}');
    expect(re2('[[a]')).toBe('[\\[a]');
    expect(re2('a{,3}\\a\\/')).toBe('a\\{,3}a\\/');
    expect(re2('\\p{Lu}\\p{Script=Greek}')).toBe('\\p{Lu}\\p{Greek}');
  });

  it('refuses what a warehouse cannot express, naming the construct and position', () => {
    expect(() => re2('a(?=b)')).toThrow(/cannot be checked in RE2 \(DuckDB, BigQuery\): lookahead \(\?= or \(\?! at position 1 has no equivalent there/);
    expect(() => re2('(?<!a)b')).toThrow(/lookbehind/);
    expect(() => re2('(a)\\1')).toThrow(/the backreference \\1 at position 3/);
    expect(() => re2('\\p{Extended_Pictographic}')).toThrow(/the Unicode property \\p\{Extended_Pictographic\}/);
    expect(() => re2('a{1001}')).toThrow(/the repetition \{1001\} \(more than 1000\)/);
    expect(() => pg('a{300}')).toThrow(/more than 255/);
    expect(() => pg('\\p{L}')).toThrow(/cannot be checked in Postgres/);
    expect(() => re2('[]')).toThrow(/an empty class/);
    expect(() => re2('a', 'v')).toThrow(/unicode sets/);
    try {
      re2('(?=x)');
    } catch (error) {
      expect(error).toMatchObject({ code: 'E_REGEX_UNSUPPORTED', hint: expect.stringContaining('expression_is_true') });
    }
  });

  it('keeps lookaround and backreferences on Postgres, which has them', () => {
    expect(pg('a(?=b)(?<!c)(x)\\1')).toBe('(?p)a(?=b)(?<!c)(x)\\1');
  });
});
