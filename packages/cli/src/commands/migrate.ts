import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, isDbtProject, loadDbtProject, migrateConfig, migrateSchemas, type MigratedFile } from '@strata/core';
import { EXIT, type CliIo } from '../options.js';

/** Options of `strata migrate`. */
export interface MigrateOptions {
  project?: string[];
  /** Write into this folder instead of the dbt project's own. */
  out?: string;
  /** Print what would be written; write nothing. */
  dryRun?: boolean;
  /** Replace files that exist already. */
  force?: boolean;
}

/**
 * `strata migrate`: writes Strata's `schema.ts` files (zod schemas with the YAML tests and
 * column docs of a dbt project) and a draft `strata.config.ts`, next to the dbt files. Existing
 * files are kept unless `--force`.
 */
export async function migrateCommand(options: MigrateOptions, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, options.project?.[0] ?? '.');
  if (!isDbtProject(dir)) throw new ConfigError('E_NOT_DBT', `${dir} has no dbt_project.yml`, { hint: 'pass --project with the folder of a dbt project' });
  const loaded = await loadDbtProject(dir);
  const schemas = migrateSchemas(loaded);
  const config = migrateConfig(loaded);
  const files: MigratedFile[] = [...schemas.files, config.file];
  const out = resolve(io.cwd, options.out ?? dir);
  let written = 0;
  for (const file of files) {
    const target = join(out, file.path);
    if (options.dryRun) {
      io.out(`--- ${file.path}\n${file.text}`);
      continue;
    }
    if (existsSync(target) && !options.force) {
      io.out(`kept     ${file.path} (exists; --force replaces it)`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    written++;
    io.out(`wrote    ${file.path}`);
  }
  for (const note of [...schemas.notes, ...config.notes]) io.out(`note     ${note}`);
  if (!options.dryRun) io.out(`Migrated ${loaded.config.name}: ${written} files written into ${out}. The dbt files are unchanged; with strata.config.ts in place, Strata reads the folder as a Strata project.`);
  return EXIT.ok;
}
