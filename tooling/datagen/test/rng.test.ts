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
