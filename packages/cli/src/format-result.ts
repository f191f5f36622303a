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
  const detail = result.status === 'skipped' ? '' : `[${rows ? `${rows} in ` : ''}${result.executionTime.toFixed(2)}s]`;
  return `${String(done).padStart(width)} of ${total} ${LABEL[result.status]} ${name.padEnd(60, ' ')} ${detail}`;
}

/** The end-of-run summary: totals per project, then each failure with its message. */
export function formatSummary(results: NodeResult[], elapsed: number): string {
  const lines: string[] = [];
  const projects = [...new Set(results.map((r) => r.project))].sort();
  lines.push('', pc.bold(`Finished in ${elapsed.toFixed(2)}s`));
  lines.push(`${'project'.padEnd(14)} ${'models'.padStart(7)} ${'seeds'.padStart(6)} ${'tests'.padStart(6)} ${'passed'.padStart(7)} ${'warned'.padStart(7)} ${'failed'.padStart(7)} ${'errors'.padStart(7)} ${'skipped'.padStart(8)} ${'rows'.padStart(10)}`);
  for (const project of projects) {
    const own = results.filter((r) => r.project === project);
    const count = (pred: (r: NodeResult) => boolean) => own.filter(pred).length;
    const rows = own.filter((r) => r.resourceType !== 'test').reduce((n, r) => n + (r.rowsAffected ?? 0), 0);
    lines.push(
      `${project.padEnd(14)} ${String(count((r) => r.resourceType === 'model')).padStart(7)} ${String(count((r) => r.resourceType === 'seed')).padStart(6)} ${String(count((r) => r.resourceType === 'test')).padStart(6)} ${String(count((r) => r.status === 'pass')).padStart(7)} ${String(count((r) => r.status === 'warn')).padStart(7)} ${String(count((r) => r.status === 'fail')).padStart(7)} ${String(count((r) => r.status === 'error')).padStart(7)} ${String(count((r) => r.status === 'skipped')).padStart(8)} ${rows.toLocaleString('en-US').padStart(10)}`,
    );
  }
  const problems = results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'warn');
  if (problems.length > 0) {
    lines.push('', pc.bold('Problems:'));
    for (const r of problems) {
      lines.push(`${r.status === 'warn' ? pc.yellow('warn ') : pc.red(r.status.padEnd(5))} ${r.project}.${r.name}: ${r.message ?? ''}`);
      const sample = r.expectation?.partial_unexpected_list;
      if (sample && sample.length > 0) lines.push(`      sample: ${JSON.stringify(sample.slice(0, 5))}`);
    }
  }
  const ok = results.filter((r) => r.status === 'success' || r.status === 'pass').length;
  lines.push('', `Done. ${ok} ok, ${results.filter((r) => r.status === 'warn').length} warned, ${results.filter((r) => r.status === 'error' || r.status === 'fail').length} failed, ${results.filter((r) => r.status === 'skipped').length} skipped, ${results.length} total.`);
  return lines.join('\n');
}
