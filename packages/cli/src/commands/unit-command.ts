import pc from 'picocolors';
import { loadWorkspace, runUnitTests, type UnitTestResult } from '@strata/core';
import { duckdbAdapterFactory } from '@strata/adapter-duckdb/factory';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';

const LABEL: Record<UnitTestResult['status'], string> = { pass: pc.green('PASS  '), fail: pc.red('FAIL  '), error: pc.red('ERROR ') };

/**
 * `strata unit`: runs `tests/unit/*.ts` of the projects, each in a fresh in-memory DuckDB (the
 * target's warehouse is never opened), and prints one line per test plus the failures.
 */
export async function unitCommand(options: CommonOptions & { model?: string[] }, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const started = Date.now();
  const results = await runUnitTests(workspace, {
    adapter: duckdbAdapterFactory,
    models: options.model,
    onResult: (r) => io.out(`${LABEL[r.status]} unit ${r.project}.${r.model}: ${r.name} [${r.executionTime.toFixed(2)}s]`),
  });
  const problems = results.filter((r) => r.status !== 'pass');
  for (const r of problems) io.out(`\n${pc.red(r.status)} ${r.project}.${r.model}: ${r.name} (${r.file})\n  ${(r.message ?? '').split('\n').join('\n  ')}`);
  io.out(`\nDone in ${((Date.now() - started) / 1000).toFixed(2)}s. ${results.length - problems.length} passed, ${problems.length} failed, ${results.length} unit tests.`);
  return problems.length === 0 ? EXIT.ok : EXIT.failed;
}
