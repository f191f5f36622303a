import { describe, expect, it } from 'vitest';
import { mergeTable, tableRows } from '../src/benchmarks-file.js';

const previous = `# Benchmarks

| benchmark | case | result | target | notes |
| --- | --- | --- | --- | --- |
| compile | 10,000 models, cold process | 12.868 s | < 2 s | peak RSS 1031 MB |
| seeds | 1,000,000-row CSV on DuckDB | 2,829,328 rows/s | ≥ 1,000,000 | 353 ms |

## Profiling
`;

describe('BENCHMARKS.md after a partial run', () => {
  it('reads the rows of the table', () => {
    expect(tableRows(previous).map((r) => r.key)).toEqual(['compile | 10,000 models, cold process', 'seeds | 1,000,000-row CSV on DuckDB']);
  });

  it('replaces re-measured rows in place, appends new ones and keeps the rest', () => {
    const table = mergeTable(previous, [
      { benchmark: 'incremental', case: '1% appended', value: 0.08, unit: 'ratio', target: '≤ 0.10' },
      { benchmark: 'compile', case: '10,000 models, cold process', value: 4.25, unit: 's', target: '< 2 s', extra: 'peak RSS 600 MB' },
    ]);
    expect(table.split('\n')).toEqual([
      '| benchmark | case | result | target | notes |',
      '| --- | --- | --- | --- | --- |',
      '| compile | 10,000 models, cold process | 4.250 s | < 2 s | peak RSS 600 MB |',
      '| seeds | 1,000,000-row CSV on DuckDB | 2,829,328 rows/s | ≥ 1,000,000 | 353 ms |',
      '| incremental | 1% appended | 0.08 × | ≤ 0.10 |  |',
    ]);
  });
});
