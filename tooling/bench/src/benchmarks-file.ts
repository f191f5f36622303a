import type { BenchmarkResult } from './benchmark-result.js';
import { toMarkdownTable } from './benchmark-result.js';

const HEADER = '| benchmark | case | result | target | notes |';

/** The table rows of an existing BENCHMARKS.md, keyed by `benchmark | case`, in their order. */
export function tableRows(markdown: string): Array<{ key: string; line: string }> {
  const lines = markdown.split('\n');
  const start = lines.indexOf(HEADER);
  if (start < 0) return [];
  const rows: Array<{ key: string; line: string }> = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [benchmark, kase] = line.split('|').slice(1, 3).map((cell) => cell.trim());
    rows.push({ key: `${benchmark} | ${kase}`, line });
  }
  return rows;
}

/**
 * The table of a partial run (`--only=…`) merged into the previous one: a re-measured row
 * replaces the row of the same benchmark and case where it stood, new rows go at the end, rows
 * of benchmarks not run are kept as they were measured.
 */
export function mergeTable(previousMarkdown: string, results: BenchmarkResult[]): string {
  const fresh = toMarkdownTable(results).split('\n').slice(2);
  const freshByKey = new Map(tableRows(`${HEADER}\n|\n${fresh.join('\n')}`).map((row) => [row.key, row.line]));
  const merged: string[] = [];
  for (const row of tableRows(previousMarkdown)) {
    merged.push(freshByKey.get(row.key) ?? row.line);
    freshByKey.delete(row.key);
  }
  merged.push(...freshByKey.values());
  return [HEADER, '| --- | --- | --- | --- | --- |', ...merged].join('\n');
}

/** BENCHMARKS.md: machine, date and command, the table, then the profiling notes. */
export function benchmarksDocument(options: { date: string; machine: string; table: string; notes: string; partial: boolean }): string {
  const when = options.partial
    ? `Last updated ${options.date} on ${options.machine}; rows not re-measured that day keep their earlier figures (\`pnpm bench --only=<names>\` re-measures some).`
    : `Measured ${options.date} on ${options.machine}.`;
  return `# Benchmarks\n\n${when}\nReproduce with \`pnpm bench\` (full sizes; \`pnpm bench --quick\` checks the harness).\nFigures are medians of several repetitions; ratios compare against a baseline measured in the same run.\n\n${options.table}\n${options.notes}`;
}
