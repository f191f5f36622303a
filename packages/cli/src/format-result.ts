import pc from 'picocolors';
import type { NodeResult } from '@strata/core';

const LABEL: Record<NodeResult['status'], string> = {
  success: pc.green('OK    '),
  pass: pc.green('PASS  '),
  warn: pc.yellow('WARN  '),
  fail: pc.red('FAIL  '),
  error: pc.red('ERROR '),
  skipped: pc.dim('SKIP  '),
};

/** One progress line: `12 of 40 OK     model ecommerce.stg_orders ... [1,234 rows in 0.05s]`. */
export function formatResultLine(result: NodeResult, done: number, total: number): string {
  const width = String(total).length;
  const name = `${result.resourceType} ${result.project}.${result.name}`;
  const rows = result.resourceType === 'test' ? (result.failures ? `${result.failures} failing` : '') : result.rowsAffected !== undefined ? `${result.rowsAffected.toLocaleString('en-US')} rows` : '';
  // Materializations say what they did (`incremental merge`, `snapshot: 2 new versions, 1 closed`).
  const what = result.status === 'success' && result.message ? `${result.message}, ` : '';
  const detail = result.status === 'skipped' ? '' : `[${what}${rows ? `${rows} in ` : ''}${result.executionTime.toFixed(2)}s]`;
  return `${String(done).padStart(width)} of ${total} ${LABEL[result.status]} ${name.padEnd(60, ' ')} ${detail}`;
}

/** Extras of the summary: where each node's compiled SQL is, and whether to print only problems. */
export interface SummaryOptions {
  compiledPath?: (result: NodeResult) => string | undefined;
  /** The file that defines a node (for failures whose error names no file of its own). */
  sourcePath?: (result: NodeResult) => string | undefined;
  /** `--quiet`: only the problems (nothing at all when there are none). */
  problemsOnly?: boolean;
  /** `--debug`: also the SQL the warehouse rejected. */
  debug?: boolean;
}

/** Wall-clock seconds from the first node's start to the last node's end. */
function wallTime(results: NodeResult[]): number {
  const starts = results.map((r) => Date.parse(r.startedAt)).filter((t) => !Number.isNaN(t));
  const ends = results.map((r) => Date.parse(r.completedAt)).filter((t) => !Number.isNaN(t));
  return starts.length === 0 || ends.length === 0 ? 0 : Math.max(0, (Math.max(...ends) - Math.min(...starts)) / 1000);
}

/** The problems: each error, failure and warning with its message, where to look and what to try. */
function problemLines(problems: NodeResult[], options: SummaryOptions): string[] {
  const lines: string[] = [];
  for (const r of problems) {
    lines.push(`${r.status === 'warn' ? pc.yellow('warn ') : pc.red(r.status.padEnd(5))} ${r.project}.${r.name}: ${r.message ?? ''}`);
    const sample = r.expectation?.partial_unexpected_list;
    if (sample && sample.length > 0) lines.push(`      sample: ${JSON.stringify(sample.slice(0, 5))}`);
    if (r.expectation?.failures_relation) lines.push(`      failing rows: ${r.expectation.failures_relation}`);
    // The node's own file reads better relative to the current folder.
    const own = options.sourcePath?.(r);
    const file = r.error?.file ? (own && r.error.file.endsWith(own) ? own : r.error.file) : own;
    const where = file ? `${file}${r.error?.line ? `:${r.error.line}` : ''}` : undefined;
    if (where) lines.push(pc.dim(`      at ${where}`));
    const compiled = options.compiledPath?.(r);
    if (compiled && r.status !== 'warn') lines.push(pc.dim(`      compiled SQL: ${compiled}`));
    // The message of a StrataError often carries its hint already; say it once.
    if (r.error?.hint && !(r.message ?? '').includes(r.error.hint)) lines.push(`      hint: ${r.error.hint}`);
    if (options.debug && r.error?.sql) lines.push(pc.dim(r.error.sql.split('\n').map((l) => `      | ${l}`).join('\n')));
  }
  return lines;
}

/** The end-of-run summary: per project the models, tests passed/warned/failed, rows and time, then each problem. */
export function formatSummary(results: NodeResult[], elapsed: number, options: SummaryOptions = {}): string {
  const lines: string[] = [];
  const problems = results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'warn');
  if (options.problemsOnly) return problemLines(problems, options).join('\n');
  const projects = [...new Set(results.map((r) => r.project))].sort();
  lines.push('', pc.bold(`Finished in ${elapsed.toFixed(2)}s`));
  lines.push(`${'project'.padEnd(14)} ${'models'.padStart(7)} ${'seeds'.padStart(6)} ${'tests'.padStart(6)} ${'passed'.padStart(7)} ${'warned'.padStart(7)} ${'failed'.padStart(7)} ${'errors'.padStart(7)} ${'skipped'.padStart(8)} ${'rows'.padStart(10)} ${'time'.padStart(8)}`);
  for (const project of projects) {
    const own = results.filter((r) => r.project === project);
    const count = (pred: (r: NodeResult) => boolean) => own.filter(pred).length;
    const rows = own.filter((r) => r.resourceType !== 'test').reduce((n, r) => n + (r.rowsAffected ?? 0), 0);
    const failed = count((r) => r.status === 'fail');
    const errors = count((r) => r.status === 'error');
    const paint = (n: number, colour: (s: string) => string, text: string) => (n > 0 ? colour(text) : text);
    lines.push(
      `${project.padEnd(14)} ${String(count((r) => r.resourceType === 'model')).padStart(7)} ${String(count((r) => r.resourceType === 'seed')).padStart(6)} ${String(count((r) => r.resourceType === 'test')).padStart(6)} ${String(count((r) => r.status === 'pass')).padStart(7)} ${paint(count((r) => r.status === 'warn'), pc.yellow, String(count((r) => r.status === 'warn')).padStart(7))} ${paint(failed, pc.red, String(failed).padStart(7))} ${paint(errors, pc.red, String(errors).padStart(7))} ${String(count((r) => r.status === 'skipped')).padStart(8)} ${rows.toLocaleString('en-US').padStart(10)} ${`${wallTime(own).toFixed(2)}s`.padStart(8)}`,
    );
  }
  if (problems.length > 0) lines.push('', pc.bold('Problems:'), ...problemLines(problems, options));
  const ok = results.filter((r) => r.status === 'success' || r.status === 'pass').length;
  lines.push('', `Done. ${ok} ok, ${results.filter((r) => r.status === 'warn').length} warned, ${results.filter((r) => r.status === 'error' || r.status === 'fail').length} failed, ${results.filter((r) => r.status === 'skipped').length} skipped, ${results.length} total.`);
  return lines.join('\n');
}
