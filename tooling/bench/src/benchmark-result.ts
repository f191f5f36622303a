/** One row of the benchmark table. */
export interface BenchmarkResult {
  benchmark: string;
  case: string;
  /** NaN when the case could not be measured (the reason is in `extra`). */
  value: number;
  unit: 's' | 'ms' | 'ratio' | 'rows/s' | 'MB';
  /** The target from the benchmark issue, as text. */
  target?: string;
  extra?: string;
}

/**
 * A result's value as the table and the console show it: `2,500,000 rows/s`, `1.02 ×`,
 * `3.700 ms`, or `not measured`.
 */
export function formatValue(r: BenchmarkResult): string {
  if (!Number.isFinite(r.value)) return 'not measured';
  if (r.unit === 'rows/s') return `${Math.round(r.value).toLocaleString('en-US')} rows/s`;
  if (r.unit === 'ratio') return `${r.value.toFixed(2)} ×`;
  return `${r.value.toFixed(3)} ${r.unit}`;
}

/**
 * Rows for cases a run could not measure (a warehouse that is not there), so the table says so
 * instead of the run stopping.
 * @example notMeasured('expectations', ['Postgres'], 'PostgreSQL not reachable at 127.0.0.1:5432')
 */
export function notMeasured(benchmark: string, cases: string[], reason: string): BenchmarkResult[] {
  return cases.map((c) => ({ benchmark, case: c, value: Number.NaN, unit: 'ratio', extra: reason }));
}

/** Renders results as a Markdown table. */
export function toMarkdownTable(results: BenchmarkResult[]): string {
  const rows = results.map((r) => `| ${r.benchmark} | ${r.case} | ${formatValue(r)} | ${r.target ?? ''} | ${r.extra ?? ''} |`);
  return ['| benchmark | case | result | target | notes |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
