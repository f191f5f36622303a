import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Command } from 'commander';
import { databaseTypes, DATABASE_TYPES_FILE, loadWorkspace } from '@strata/core';
import { addProjectOptions, EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';

interface TypesOptions extends CommonOptions {
  check?: boolean;
  out: string;
}

/**
 * `strata types`: writes each project's `src/database.generated.ts` — row types of its public
 * models (`z.infer` of their zod schemas) and Kysely `Database` interfaces over them. `--check`
 * writes nothing and exits 1 when a file is missing or stale (CI).
 */
export async function typesCommand(options: TypesOptions, io: CliIo): Promise<number> {
  const requested = projectsOf(options, io.cwd).map((dir) => realpathSync(dir));
  const workspace = await loadWorkspace({ projects: requested, target: options.target });
  let stale = 0;
  for (const project of workspace.projects.filter((p) => requested.includes(realpathSync(p.root)))) {
    const result = databaseTypes(project, workspace.dag, options.out);
    const shown = relative(io.cwd, result.file) || result.file;
    if (result.upToDate) io.out(`${result.project}: ${shown} is up to date (${result.models.length} public models)`);
    else if (options.check) {
      stale++;
      io.err(`${result.project}: ${shown} is stale — run \`strata types --project ${relative(io.cwd, project.root) || '.'}\` and commit it`);
    } else {
      mkdirSync(dirname(result.file), { recursive: true });
      writeFileSync(result.file, result.text);
      io.out(`${result.project}: wrote ${shown} (${result.models.length} public models: ${result.models.join(', ')})`);
    }
  }
  return stale > 0 ? EXIT.failed : EXIT.ok;
}

/** Registers `strata types` on the program. */
export function registerTypes(program: Command, io: CliIo, setCode: (code: number) => void): void {
  addProjectOptions(program.command('types').description("generate src/database.generated.ts: row types and Kysely Database interfaces of the public models, from their zod schemas"))
    .option('--check', 'write nothing; exit 1 when a generated file is missing or stale')
    .option('--out <file>', 'file to write, relative to each project', DATABASE_TYPES_FILE)
    .action(async (options: TypesOptions) => {
      setCode(await typesCommand(options, io));
    });
}
