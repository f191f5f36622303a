import { compileWorkspace, secretValues, type CompileWorkspaceResult } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { projectsOf, type CliIo, type CommonOptions } from '../options.js';

/**
 * One compile of whole projects (partial parsing unless `--no-partial-parse`), as `strata compile`
 * and each round of `strata compile --watch` run it; the target's secrets are then scrubbed from
 * whatever the command prints.
 */
export async function compileProjects(options: CommonOptions, io: CliIo, projects = projectsOf(options, io.cwd)): Promise<CompileWorkspaceResult> {
  const result = await compileWorkspace({ projects, target: options.target, vars: options.vars, adapters: installedAdapters(), partialParse: options.partialParse !== false });
  io.redactor?.add(secretValues({ target: result.target, vars: options.vars, env: io.env }));
  return result;
}
