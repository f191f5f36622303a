import { Redactor, secretValues, type Workspace } from '@strata/core';
import type { CliIo } from '../options.js';

/**
 * Wraps the CLI's output so that no secret is ever printed: values of credential-named and
 * `STRATA_ENV_SECRET_*` environment variables from the start, and the target's secret settings
 * once a command has loaded the workspace (see `redactWorkspaceSecrets`).
 * @example io = redactedIo(io) // io.out('password=hunter2') prints 'password=*****'
 */
export function redactedIo(io: CliIo): CliIo {
  const redactor = new Redactor(secretValues({ env: io.env }));
  const wrap = (write: ((text: string) => void) | undefined) => (write ? (text: string) => write(redactor.redact(text)) : undefined);
  return { ...io, out: wrap(io.out)!, err: wrap(io.err)!, write: wrap(io.write), redactor };
}

/** Adds the secrets of a loaded workspace's target (and secret-named `--vars`) to what the output scrubs. */
export function redactWorkspaceSecrets(io: CliIo, workspace: Workspace, vars?: Record<string, unknown>): void {
  io.redactor?.add(secretValues({ target: workspace.target, vars, env: io.env }));
}
