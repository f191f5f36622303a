/** One row of the benchmark table. */
export interface BenchmarkResult {
  benchmark: string;
  case: string;
  value: number;
  unit: 's' | 'ms' | 'ratio' | 'rows/s' | 'MB';
  /** The target from the benchmark issue, as text. */
  target?: string;
  extra?: string;
}

/** Renders results as a Markdown table. */
export function toMarkdownTable(results: BenchmarkResult[]): string {
  const fmt = (r: BenchmarkResult) => (r.unit === 'rows/s' ? Math.round(r.value).toLocaleString('en-US') : r.unit === 'ratio' ? r.value.toFixed(2) : r.value.toFixed(3));
  const rows = results.map((r) => `| ${r.benchmark} | ${r.case} | ${fmt(r)} ${r.unit === 'ratio' ? '×' : r.unit} | ${r.target ?? ''} | ${r.extra ?? ''} |`);
  return ['| benchmark | case | result | target | notes |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
