import pc from 'picocolors';
import { freshnessCommand as freshness, loadWorkspace, type FreshnessResult } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';

const LABEL: Record<FreshnessResult['status'], string> = { pass: pc.green('PASS  '), warn: pc.yellow('WARN  '), error: pc.red('ERROR '), 'runtime error': pc.red('ERROR ') };

/** `3h 5m`, `2d 4h`, `45s`: an age for people. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** `strata source freshness`: grades sources' newest load times and writes target/sources.json. */
export async function freshnessCommand(options: CommonOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const summary = await freshness(workspace, { select: options.select, exclude: options.exclude, selector: options.selector, state: options.state, adapters: installedAdapters() });
  const total = summary.results.length;
  if (total === 0) io.out('No selected source has freshness limits (loadedAtField with warnAfter/errorAfter).');
  summary.results.forEach((r, i) => {
    const detail = r.ageSeconds !== undefined ? `[newest row ${formatAge(r.ageSeconds)} old]` : `[${r.message ?? 'no data'}]`;
    io.out(`${String(i + 1).padStart(String(total).length)} of ${total} ${LABEL[r.status]} freshness of ${r.project}.${r.sourceName}.${r.name}`.padEnd(80) + ` ${detail}`);
  });
  const count = (status: string) => summary.results.filter((r) => r.status === status).length;
  io.out(`\nDone. ${count('pass')} pass, ${count('warn')} warn, ${count('error') + count('runtime error')} error, ${total} total. Results in target/sources.json.`);
  return summary.success ? EXIT.ok : EXIT.failed;
}
