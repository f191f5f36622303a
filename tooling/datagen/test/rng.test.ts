import { describe, expect, it } from 'vitest';
import { Rng, toCsv } from '../src/index.js';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const seqA = Array.from({ length: 5 }, () => a.int(1, 1000));
    expect(Array.from({ length: 5 }, () => b.int(1, 1000))).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => new Rng(8).int(1, 1000))).not.toEqual(seqA);
  });

  it('stays within bounds', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});

describe('toCsv', () => {
  it('quotes fields with delimiters, quotes and newlines', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }, { a: null, b: 1 }])).toBe('a,b\n"x,y","say ""hi"""\n,1\n');
  });
});

describe('parseCsv and parseDatagenArgs', () => {
  it('reads quoted fields, escaped quotes and CRLF', async () => {
    const { parseCsv } = await import('../src/index.js');
    expect(parseCsv('a,b\r\n"x,1","say ""hi"""\r\n,2\n')).toEqual([
      { a: 'x,1', b: 'say "hi"' },
      { a: '', b: '2' },
    ]);
  });

  it('parses --scale, --seed and --out (also --flag=value) and names a bad argument', async () => {
    const { parseDatagenArgs } = await import('../src/index.js');
    const defaults = { scale: 1, seed: 42, outDir: 'seeds' };
    expect(parseDatagenArgs(['--scale=2.5', '--seed', '7', '--out', '/tmp/x'], defaults)).toEqual({ scale: 2.5, seed: 7, outDir: '/tmp/x' });
    expect(() => parseDatagenArgs(['--scale', '0'], defaults)).toThrow("--scale must be a positive number, got '0'");
    expect(() => parseDatagenArgs(['--size', '3'], defaults)).toThrow("unknown option '--size'");
  });
});

describe('assertScale and countAtScale', () => {
  it('scales counts with a floor and rejects scales that are not finite and positive', async () => {
    const { assertScale, countAtScale } = await import('../src/index.js');
    expect(countAtScale(150, 2)).toBe(300);
    expect(countAtScale(150, 0.001)).toBe(1);
    expect(countAtScale(600, 0.001, 10)).toBe(10);
    expect(() => assertScale(0)).toThrow('scale must be a positive number, got 0');
    expect(() => assertScale(Infinity)).toThrow('scale must be a positive number, got Infinity');
  });
});
