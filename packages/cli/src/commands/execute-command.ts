import { resolve } from 'node:path';
import { ConfigError, loadWorkspace, runCommand, type RunEvent, type StrataCommand, type Workspace } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { compileProjects } from './compile-projects.js';
import { compileWatchCommand } from './compile-watch.js';
import { dryRunCommand } from './dry-run-command.js';
import { jsonLine } from '../output/json-log.js';
import { createReporter } from '../output/reporter.js';
import { interruptedExitCode, reportInterrupted } from '../interrupt-exit.js';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';
import { redactWorkspaceSecrets } from '../output/redact-output.js';

/** Progress printer shared by every command that executes nodes (see output/reporter.ts for the modes). */
export function progress(io: CliIo, workspace: Workspace): (event: RunEvent) => void {
  return createReporter(io, workspace).onEvent;
}

/** `compile` of whole projects (no selection, no dry run): with partial parsing. */
async function compileCommand(options: CommonOptions, io: CliIo): Promise<number> {
  const result = await compileProjects(options, io);
  if (io.output?.debug) {
    const partial = result.partialParse;
    io.err(partial.reused ? `partial parse: reused target/partial_parse.strata (${partial.changed.length} changed file(s), ${partial.rendered} rendered)` : `partial parse: full parse (${partial.reason})`);
  }
  if (io.output?.format === 'json') io.out(jsonLine('compiled', { nodes: result.compiledCount, elapsed: result.elapsed }));
  else if (!io.output?.quiet) io.out(`Compiled ${result.compiledCount} nodes in ${result.elapsed.toFixed(2)}s into ${result.compiledDirs.join(', ')}`);
  return EXIT.ok;
}

/** `build`, `run`, `seed`, `test`, `snapshot` and `compile`. */
export async function executeCommand(command: StrataCommand, options: CommonOptions, io: CliIo): Promise<number> {
  const selects = options.select?.length || options.exclude?.length || options.selector || options.state;
  if (command === 'compile' && options.watch) {
    if (selects || options.dryRun) {
      throw new ConfigError('E_WATCH_OPTIONS', `strata compile --watch compiles whole projects: it cannot be combined with ${options.dryRun ? '--dry-run' : '--select, --exclude, --selector or --state'}`, {
        hint: 'drop that option, or run strata compile without --watch',
      });
    }
    return compileWatchCommand(options, io);
  }
  if (command === 'compile' && !selects && !options.dryRun) return compileCommand(options, io);
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  redactWorkspaceSecrets(io, workspace, options.vars);
  const reporter = createReporter(io, workspace);
  const summary = await runCommand(workspace, {
    command,
    select: options.select,
    exclude: options.exclude,
    selector: options.selector,
    state: options.state,
    threads: options.threads,
    fullRefresh: options.fullRefresh,
    failFast: options.failFast,
    storeFailures: options.storeFailures,
    vars: options.vars,
    adapters: installedAdapters(),
    onEvent: reporter.onEvent,
    signal: io.signal,
  });
  if (command === 'compile') {
    if (io.output?.format === 'json') io.out(jsonLine('compiled', { nodes: summary.compiled.size, elapsed: summary.elapsed }));
    else if (!io.output?.quiet) io.out(`Compiled ${summary.compiled.size} nodes in ${summary.elapsed.toFixed(2)}s into ${workspace.projects.map((p) => resolve(p.root, 'target/compiled')).join(', ')}`);
    if (options.dryRun) return dryRunCommand(workspace, summary.compiled, io);
    return EXIT.ok;
  }
  reporter.finish(summary.results, summary.elapsed, summary.success);
  if (summary.interrupted) {
    reportInterrupted(io, summary.interrupted);
    return interruptedExitCode(summary.interrupted);
  }
  return summary.success ? EXIT.ok : EXIT.failed;
}
