import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/expectations/csv-records.js';
import { checkValue, FieldProblem, parseField, valueTypeProblem } from '../../src/expectations/row-evaluator.js';

async function records(text: string, delimiter = ',') {
  const file = join(mkdtempSync(join(tmpdir(), 'strata-csv-')), 'x.csv');
  writeFileSync(file, text);
  const out = [];
  for await (const batch of csvRecords(file, delimiter)) out.push(...batch);
  return out;
}

describe('csvRecords', () => {
  it('reads quoted fields, doubled quotes and line breaks, reporting the starting line', async () => {
    expect(await records('a,b\r\n1,"x, ""y"""\r\n2,"two\nlines"\n\n3,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, "y"'] },
      { line: 3, fields: ['2', 'two\nlines'] },
      { line: 6, fields: ['3', ''] },
    ]);
    expect(await records('a;b\n1;2')).toEqual([{ line: 1, fields: ['a;b'] }, { line: 2, fields: ['1;2'] }]);
    expect(await records('a;b\n1;2', ';')).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }]);
  });

  it('streams large files across chunk boundaries without losing quotes', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},"q""${i}"""`);
    const out = await records(`id,v\n${rows.join('\n')}\n`);
    expect(out).toHaveLength(60_001);
    expect(out[60_000]).toEqual({ line: 60_001, fields: ['59999', 'q"59999"'] });
    expect(out.every((r, i) => i === 0 || r.fields[1] === `q"${i - 1}"`)).toBe(true);
  });
});

describe('row evaluator', () => {
  it('parses CSV text by logical type', () => {
    expect(parseField('', 'integer')).toBeNull();
    expect(parseField(' 42 ', 'bigint')).toBe(42);
    expect(parseField('4.5', 'integer')).toEqual(new FieldProblem("'4.5' is not an integer"));
    expect(parseField('1e3', 'float')).toBe(1000);
    expect(parseField('T', 'boolean')).toBe(true);
    expect(parseField('2024-02-29', 'date')).toBe('2024-02-29');
    expect(parseField('2023-02-29', 'date')).toEqual(new FieldProblem("'2023-02-29' is not a date (YYYY-MM-DD)"));
    expect(parseField('2100-02-29', 'date')).toBeInstanceOf(FieldProblem);
    expect(parseField('2000-02-29 23:59', 'timestamp')).toBe('2000-02-29 23:59');
    expect(parseField('2024-01-01 10:00:00.5+02:00', 'timestamp')).toBe('2024-01-01 10:00:00.5+02:00');
    expect(parseField('x', 'string')).toBe('x');
  });

  it('checks JavaScript values of given rows by type', () => {
    expect(valueTypeProblem(1.5, 'integer')).toBe('1.5 is not an integer');
    expect(valueTypeProblem('1', 'float')).toBe('"1" is not a number');
    expect(valueTypeProblem(new Date(), 'date')).toBeUndefined();
    expect(valueTypeProblem('2024-13-01', 'date')).toBe('"2024-13-01" is not a date');
    expect(valueTypeProblem(null, 'boolean')).toBeUndefined();
  });

  it('evaluates row-local checks like their SQL predicates (nulls pass all but not_null)', () => {
    expect(checkValue({ kind: 'not_null', column: 'c' }, null)).toBe('is null');
    expect(checkValue({ kind: 'accepted_values', column: 'c', values: ['a', 'b'] }, null)).toBeUndefined();
    expect(checkValue({ kind: 'accepted_values', column: 'c', values: [1, 2] }, 3)).toBe('3 is not one of 1, 2');
    expect(checkValue({ kind: 'not_accepted_values', column: 'c', values: ['x'] }, 'x')).toBe("'x' is a forbidden value");
    expect(checkValue({ kind: 'between', column: 'c', min: 0, max: 1, minInclusive: false }, 0)).toBe('0 is out of range (0, 1]');
    expect(checkValue({ kind: 'length_between', column: 'c', min: 2 }, 'é')).toBe("'é' has length 1, expected 2 to ∞");
    expect(checkValue({ kind: 'matches_pattern', column: 'c', pattern: '^a', flags: 'i', format: 'regex' }, 'Abc')).toBeUndefined();
    expect(checkValue({ kind: 'matches_pattern', column: 'c', pattern: '^a', flags: '', format: 'regex' }, 'b')).toBe("'b' does not match /^a/");
  });
});
