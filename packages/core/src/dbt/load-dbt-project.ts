import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProjectConfig } from '../config/project-config.js';
import type { LoadedProject, ProjectFile } from '../load/load-project.js';
import { scanFiles } from '../load/scan-files.js';
import { findWorkspaceRoot } from '../load/workspace-root.js';
import { readDbtProjectFile, type DbtProjectFile } from './dbt-project-file.js';
import { readProperties, type DbtProperties } from './dbt-properties.js';
import { readProfile, type DbtProfile } from './profiles-file.js';

/** A dbt project read from disk: Strata's LoadedProject plus what only dbt projects have. */
export interface DbtLoadedProject extends LoadedProject {
  dbt: {
    project: DbtProjectFile;
    profile: DbtProfile;
    properties: DbtProperties;
  };
}

/** True for a project loaded from a dbt_project.yml. */
export function isDbtLoaded(project: LoadedProject): project is DbtLoadedProject {
  return 'dbt' in project && Boolean((project as DbtLoadedProject).dbt);
}

const unique = (paths: string[]): string[] => [...new Set(paths)].sort();

/**
 * Reads a dbt project folder: `dbt_project.yml`, the profile from `profiles.yml`, the SQL
 * files under every model, seed, test, macro and snapshot path, and the properties files.
 * Generic tests under `<test-path>/generic/` are macros, as in dbt. Offline; no warehouse.
 *
 * @example const project = await loadDbtProject('path/to/jaffle_shop');
 */
export async function loadDbtProject(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<DbtLoadedProject> {
  const root = resolve(dir);
  const project = readDbtProjectFile(root);
  const profile = readProfile(root, project.profile, env);
  const read = (files: string[]): ProjectFile[] => files.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
  const sqlUnder = (paths: string[]) => unique(paths.flatMap((p) => scanFiles(root, p, ['.sql'])));
  const testFiles = sqlUnder(project.testPaths);
  const isGeneric = (path: string) => project.testPaths.some((p) => path.startsWith(`${p.replace(/\/$/, '')}/generic/`));
  const config: ProjectConfig = {
    name: project.name,
    version: project.version,
    vars: project.vars,
    targets: profile.targets,
    defaultTarget: profile.defaultTarget,
    onRunStart: project.onRunStart,
    onRunEnd: project.onRunEnd,
  };
  return {
    root,
    workspaceRoot: findWorkspaceRoot(root),
    configFile: project.file,
    config,
    models: read(sqlUnder(project.modelPaths)),
    seeds: unique(project.seedPaths.flatMap((p) => scanFiles(root, p, ['.csv']))),
    tests: read(testFiles.filter((p) => !isGeneric(p))),
    macros: read(unique([...project.macroPaths.flatMap((p) => scanFiles(root, p, ['.sql'])), ...testFiles.filter(isGeneric)])),
    snapshots: read(sqlUnder(project.snapshotPaths)),
    schemas: [],
    dbt: { project, profile, properties: readProperties(root, [...project.modelPaths, ...project.seedPaths, ...project.snapshotPaths, ...project.macroPaths, ...project.testPaths]) },
  };
}
