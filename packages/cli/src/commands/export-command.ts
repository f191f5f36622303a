import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { adapterFactory, airflowDag, loadWorkspace, lookmlProject, type AirflowExportConfig, type Workspace } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';
import { jsonLine } from '../output/json-log.js';

/** Options of `strata export airflow|lookml`. */
export interface ExportOptions extends CommonOptions {
  out: string;
}

function writeAll(io: CliIo, out: string, files: Map<string, string>, what: string): number {
  for (const [file, text] of files) {
    const path = join(out, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const rel = relative(io.cwd, out).startsWith('..') ? out : relative(io.cwd, out) || '.';
  if (io.output?.format === 'json') io.out(jsonLine('exported', { what, out_dir: out, files: [...files.keys()] }));
  else if (!io.output?.quiet) {
    io.out(`Wrote ${files.size} ${what} file${files.size === 1 ? '' : 's'} to ${rel}:`);
    for (const file of files.keys()) io.out(`  ${pc.cyan(join(rel, file))}`);
  }
  return EXIT.ok;
}

/** The projects an export writes: the ones named on the command line (not those only loaded for their refs). */
function exportedProjects(workspace: Workspace): string[] {
  return workspace.projects.map((p) => p.config.name);
}

/** `strata export airflow --out DIR`: one DAG file per project, `strata_<project>.py`. */
export async function exportAirflowCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const settings = new Map<string, AirflowExportConfig | undefined>(workspace.projects.map((p) => [p.config.name, p.config.exports?.airflow]));
  const projectRoots = new Map(workspace.projects.map((p) => [p.config.name, p.root]));
  const files = new Map<string, string>();
  for (const project of exportedProjects(workspace)) {
    files.set(`strata_${project}.py`, airflowDag(workspace.dag, project, { workspaceRoot: workspace.workspaceRoot, projectRoots, settings }));
  }
  return writeAll(io, resolve(io.cwd, options.out), files, 'Airflow DAG');
}

/** `strata export lookml --out DIR`: per project a model file and a view per public mart. */
export async function exportLookmlCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const dialect = adapterFactory(workspace, installedAdapters()).createDialect(workspace.target);
  const files = new Map<string, string>();
  for (const loaded of workspace.projects) {
    for (const [file, text] of lookmlProject(workspace.dag, loaded.config.name, { dialect, settings: loaded.config.exports?.lookml })) files.set(file, text);
  }
  return writeAll(io, resolve(io.cwd, options.out), files, 'LookML');
}
