import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors/strata-error.js';
import { readYaml } from './read-yaml.js';

/** dbt's project file name: a folder holding it (and no strata.config.ts) is a dbt project. */
export const DBT_PROJECT_FILE = 'dbt_project.yml';

/** What Strata reads of `dbt_project.yml`. Paths are relative to the project folder. */
export interface DbtProjectFile {
  file: string;
  name: string;
  version?: string;
  profile: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  /** Install folder of dbt packages (`dbt deps`), default `dbt_packages`. */
  packagesPath: string;
  /** Root-level vars, with the project's own scoped vars (`vars: { <project>: {...} }`) merged in. */
  vars: Record<string, unknown>;
  /** The `models:`, `seeds:`, `snapshots:`, `tests:` config trees (keys `+materialized`, folders, …). */
  models: Record<string, unknown>;
  seeds: Record<string, unknown>;
  snapshots: Record<string, unknown>;
  tests: Record<string, unknown>;
  sources: Record<string, unknown>;
  onRunStart: string[];
  onRunEnd: string[];
}

/** True when `dir` holds a dbt project. */
export function isDbtProject(dir: string): boolean {
  return existsSync(join(dir, DBT_PROJECT_FILE));
}

const list = (value: unknown, fallback: string[]): string[] => (value === undefined || value === null ? fallback : Array.isArray(value) ? value.map(String) : [String(value)]);
const tree = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * Reads `dbt_project.yml` (config-version 2): name, profile, the resource paths (and their
 * pre-1.0 names `source-paths`/`data-paths`), vars, hooks and the config trees.
 * @example readDbtProjectFile('jaffle_shop').modelPaths // ['models']
 */
export function readDbtProjectFile(root: string): DbtProjectFile {
  const file = join(root, DBT_PROJECT_FILE);
  const raw = tree(readYaml(file));
  const name = raw.name;
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ConfigError('E_DBT_PROJECT', `${DBT_PROJECT_FILE} needs a name made of letters, digits and _ (got ${JSON.stringify(name)})`, { file, line: 1, hint: 'set name: my_project' });
  }
  const allVars = tree(raw.vars);
  // dbt scopes vars by package: `vars: { jaffle_shop: { x: 1 } }` applies to that project only.
  const vars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(allVars)) if (!(key === name && value && typeof value === 'object')) vars[key] = value;
  Object.assign(vars, tree(allVars[name]));
  return {
    file,
    name,
    version: raw.version === undefined ? undefined : String(raw.version),
    profile: typeof raw.profile === 'string' ? raw.profile : name,
    modelPaths: list(raw['model-paths'] ?? raw['source-paths'], ['models']),
    seedPaths: list(raw['seed-paths'] ?? raw['data-paths'], ['seeds']),
    testPaths: list(raw['test-paths'], ['tests']),
    macroPaths: list(raw['macro-paths'], ['macros']),
    snapshotPaths: list(raw['snapshot-paths'], ['snapshots']),
    packagesPath: typeof raw['packages-install-path'] === 'string' ? raw['packages-install-path'] : 'dbt_packages',
    vars,
    models: tree(raw.models),
    seeds: tree(raw.seeds),
    snapshots: tree(raw.snapshots),
    tests: { ...tree(raw.tests), ...tree(raw['data_tests']) },
    sources: tree(raw.sources),
    onRunStart: list(raw['on-run-start'], []),
    onRunEnd: list(raw['on-run-end'], []),
  };
}
