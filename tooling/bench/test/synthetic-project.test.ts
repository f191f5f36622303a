import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCalls } from '@strata/core';
import { median, toMarkdownTable, writeSyntheticProject } from '../src/index.js';

function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sql')).map((f) => join(dir, f));
}

describe('synthetic projects', () => {
  it('are deterministic, sized as asked, 20–40 lines per model with 1–4 refs', () => {
    const a = writeSyntheticProject(mkdtempSync(join(tmpdir(), 'syn-')), { models: 300, seed: 3 });
    const b = writeSyntheticProject(mkdtempSync(join(tmpdir(), 'syn-')), { models: 300, seed: 3 });
    const filesA = sqlFiles(a).map((f) => f.slice(a.length));
    expect(filesA).toHaveLength(300);
    expect(filesA).toEqual(sqlFiles(b).map((f) => f.slice(b.length)));
    for (const file of sqlFiles(a)) {
      const text = readFileSync(file, 'utf8');
      expect(text).toBe(readFileSync(join(b, file.slice(a.length)), 'utf8'));
      const lines = text.trimEnd().split('\n').length;
      expect(lines).toBeGreaterThanOrEqual(20);
      expect(lines).toBeLessThanOrEqual(40);
      const calls = extractCalls(text, file);
      expect(calls.refs.length + calls.sources.length).toBeGreaterThanOrEqual(1);
      expect(calls.refs.length).toBeLessThanOrEqual(4);
    }
  });
});

describe('reporting', () => {
  it('takes medians and renders a table', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(toMarkdownTable([{ benchmark: 'seeds', case: '1M rows', value: 2_500_000, unit: 'rows/s', target: '≥ 1,000,000' }])).toBe(
      '| benchmark | case | result | target | notes |\n| --- | --- | --- | --- | --- |\n| seeds | 1M rows | 2,500,000 rows/s | ≥ 1,000,000 |  |',
    );
  });
});
