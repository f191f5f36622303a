import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetConfig } from '../config/project-config.js';
import { ConfigError } from '../errors/strata-error.js';
import { suggestion } from '../errors/did-you-mean.js';
import { Dag } from '../graph/dag.js';
import { lineInFile } from '../load/line-in-file.js';
import { realpathSync } from 'node:fs';
import { CONFIG_FILE, loadProject, type LoadedProject } from '../load/load-project.js';
import { isDbtProject } from '../dbt/dbt-project-file.js';
import { isDbtLoaded, loadDbtProject } from '../dbt/load-dbt-project.js';
import { parseDbtProject } from '../dbt/parse-dbt-project.js';
import { projectDependencies } from '../load/project-dependencies.js';
import { buildManifest } from '../parse/build-manifest.js';
import { parseProject } from '../parse/parse-project.js';
import type { ExtractedCalls } from '../parse/extract-calls.js';

export interface WorkspaceOptions {
  /** Project folders to load together (one graph across them). */
  projects: string[];
  /** Target name; defaults to the first project's `defaultTarget`, else `dev`. */
  target?: string;
  /** Hears the calls found in each SQL model (see ParseOptions.onModelCalls). */
  onModelCalls?: (nodeId: string, calls: ExtractedCalls) => void;
}

/** Loaded, parsed and graphed projects: everything before a warehouse is needed. */
export interface Workspace {
  projects: LoadedProject[];
  dag: Dag;
  targetName: string;
  target: TargetConfig;
  workspaceRoot: string;
}

/** The target a run builds into: the named one, or an embedded DuckDB file at the workspace root. */
export function resolveTarget(project: LoadedProject, requested: string | undefined): { name: string; target: TargetConfig } {
  const targets = project.config.targets ?? {};
  const name = requested ?? project.config.defaultTarget ?? 'dev';
  const target = targets[name];
  if (target) return { name, target };
  if (name === 'dev' && requested === undefined) return { name, target: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' } };
  throw new ConfigError('E_UNKNOWN_TARGET', `target '${name}' is not defined in ${project.config.name}'s strata.config.ts`, {
    file: project.configFile,
    line: lineInFile(project.configFile, ['targets:', 'targets :', "'targets'", '"targets"']),
    hint: suggestion(name, Object.keys(targets)) ?? `defined targets: ${Object.keys(targets).join(', ') || '(none)'}`,
  });
}

/**
 * Loads projects, parses them into one manifest and builds the DAG. Offline and side-effect
 * free; errors from every project are reported together.
 *
 * @example const ws = await loadWorkspace({ projects: ['domains/ecommerce'] });
 */
export async function loadWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  if (options.projects.length === 0) throw new ConfigError('E_NO_PROJECT', 'no project given', { hint: 'pass --project DIR or --all' });
  const projects: LoadedProject[] = [];
  // A folder with dbt_project.yml and no strata.config.ts is a dbt project, read as dbt would.
  for (const dir of options.projects) projects.push(isDbtProject(dir) && !existsSync(join(dir, CONFIG_FILE)) ? await loadDbtProject(dir) : await loadProject(dir));
  // Projects they depend on as packages come along, so `ref('ecommerce', 'dim_customers')` resolves.
  const loaded = new Set(projects.map((p) => realpathSync(p.root)));
  for (const project of [...projects]) {
    for (const dir of projectDependencies(project.root)) {
      if (loaded.has(dir)) continue;
      loaded.add(dir);
      projects.push(await loadProject(dir));
    }
  }
  const { name, target } = resolveTarget(projects[0]!, options.target);
  const manifest = buildManifest(projects.map((p) => (isDbtLoaded(p) ? parseDbtProject(p, { target: name }) : parseProject(p, { target: name, onModelCalls: options.onModelCalls }))));
  // Parsed: the zod schemas have given the nodes their columns and checks (see LoadedProject.schemas).
  for (const project of projects) project.schemas = [];
  return { projects, dag: new Dag(manifest), targetName: name, target, workspaceRoot: projects[0]!.workspaceRoot };
}
