import { loadWorkspace, retryCommand as retry } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { interruptedExitCode, reportInterrupted } from '../interrupt-exit.js';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';
import { createReporter } from '../output/reporter.js';
import { redactWorkspaceSecrets } from '../output/redact-output.js';

/** `strata retry`: re-runs what errored, failed or was skipped in the last run_results.json. */
export async function retryCommand(options: CommonOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  redactWorkspaceSecrets(io, workspace, options.vars);
  const reporter = createReporter(io, workspace);
  const summary = await retry(workspace, { adapters: installedAdapters(), threads: options.threads, vars: options.vars, onEvent: reporter.onEvent, signal: io.signal });
  if (summary.retried === 0 && summary.results.length === 0) {
    io.out(summary.command ? `Nothing to retry: the last ${summary.command} had no errors, failures or skipped nodes.` : 'Nothing to retry.');
    return EXIT.ok;
  }
  io.out(`Retried ${summary.retried} nodes of the last ${summary.command}.`);
  reporter.finish(summary.results, summary.elapsed, summary.success);
  if (summary.interrupted) {
    reportInterrupted(io, summary.interrupted);
    return interruptedExitCode(summary.interrupted);
  }
  return summary.success ? EXIT.ok : EXIT.failed;
}
