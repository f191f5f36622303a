import { Command, Option } from 'commander';
import pc from 'picocolors';
import { StrataError, type StrataCommand } from '@strata/core';
import { executeCommand } from './commands/execute-command.js';
import { freshnessCommand } from './commands/freshness-command.js';
import { listCommand } from './commands/list-command.js';
import { migrateCommand, type MigrateOptions } from './commands/migrate.js';
import { retryCommand } from './commands/retry-command.js';
import { unitCommand } from './commands/unit-command.js';
import { registerDocsAndExport } from './commands/register-docs-export.js';
import { registerTypes } from './commands/types-command.js';
import { errorLine } from './output/json-log.js';
import { addOutputOptions, outputSettings } from './output/output-settings.js';
import { redactedIo } from './output/redact-output.js';
import { addProjectOptions, addRunOptions, addSelectionOptions, EXIT, type CliIo, type CommonOptions } from './options.js';

export { EXIT } from './options.js';
export type { CliIo } from './options.js';

const EXECUTING: Array<[StrataCommand, string]> = [
  ['build', 'load seeds, build models and snapshots and run their tests, in DAG order'],
  ['run', 'build models only'],
  ['seed', 'load seeds/*.csv into the warehouse'],
  ['test', 'run tests: zod-schema expectations and tests/*.sql'],
  ['snapshot', 'record changes of snapshots/*.sql as SCD type-2 versions'],
  ['compile', 'render models and tests to SQL under target/compiled/ without touching the warehouse'],
];

/**
 * Runs the `strata` command line and resolves to the exit code.
 * @example process.exitCode = await runCli(['build', '--all'], { cwd: process.cwd(), out: console.log, err: console.error });
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  // runCli sets io.output; the caller's object stays as it was. Nothing printed carries a secret.
  io = redactedIo(io);
  const program = new Command('strata')
    .description('Strata: build, test and document SQL models in your warehouse (DuckDB by default).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);
  addOutputOptions(program).hook('preAction', () => {
    io.output = outputSettings(program.opts(), io);
  });
  for (const [name, description] of EXECUTING) {
    const command = addSelectionOptions(addProjectOptions(program.command(name).description(description)));
    if (name !== 'compile') addRunOptions(command);
    if (name === 'compile') command.option('--dry-run', 'also ask the warehouse how many bytes each model would process, and print the total (BigQuery dry-run jobs: free)');
    if (name === 'compile') command.option('--no-partial-parse', 'parse and render every file instead of reusing target/partial_parse.strata for the unchanged ones');
    if (name === 'compile') command.option('--watch', 'stay running and compile again whenever a project file changes (Ctrl-C to stop): a re-compile then costs only the changed files');
    if (name === 'build' || name === 'test') command.option('--store-failures', "keep each failed test's failing rows in a table named after it, in the <schema>_audit schema");
    command.action(async (options: CommonOptions) => {
      code = await executeCommand(name, options, io);
    });
  }
  addSelectionOptions(addProjectOptions(program.command('ls').alias('list').description('list the selected nodes in DAG order')))
    .addOption(new Option('--output <format>', 'what to print per node').choices(['name', 'path', 'json']).default('name'))
    .option('--output-keys <keys...>', 'with --output json: only these keys (unique_id, name, resource_type, path, tags, config, …)')
    .option('--resource-type <types...>', 'only these resource types (model, seed, snapshot, source, test)')
    .action(async (options: CommonOptions) => {
      code = await listCommand(options, io);
    });
  addProjectOptions(program.command('retry').description('re-run the nodes that errored, failed or were skipped in the last run (target/run_results.json)'))
    .option('--threads <n>', 'nodes built in parallel (default: as in the last run)', (v) => Number(v))
    .action(async (options: CommonOptions) => {
      code = await retryCommand(options, io);
    });
  addProjectOptions(program.command('unit').description('run unit tests (tests/unit/*.ts): given rows for a model\'s inputs, expected rows out, in a throwaway in-memory DuckDB'))
    .option('-m, --model <names...>', 'only the unit tests of these models')
    .action(async (options: CommonOptions & { model?: string[] }) => {
      code = await unitCommand(options, io);
    });
  const source = program.command('source').description('commands about sources');
  addSelectionOptions(addProjectOptions(source.command('freshness').description('check how recently each source was loaded; writes target/sources.json'))).action(async (options: CommonOptions) => {
    code = await freshnessCommand(options, io);
  });
  registerDocsAndExport(program, io, (c) => (code = c));
  program
    .command('migrate')
    .description("convert a dbt project's YAML tests and column docs into schema.ts zod schemas, and draft a strata.config.ts")
    .option('-p, --project <dir>', 'the dbt project folder (holding dbt_project.yml)', (v: string, prev: string[] = []) => [...prev, v], [])
    .option('--out <dir>', 'write the files here instead of into the dbt project')
    .option('--dry-run', 'print the files instead of writing them')
    .option('--force', 'replace files that exist already')
    .action(async (options: MigrateOptions) => {
      code = await migrateCommand(options, io);
    });
  registerTypes(program, io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) return EXIT.setup;
    if (error instanceof StrataError) {
      if (io.output?.format === 'json') io.out(errorLine(error));
      else io.err(pc.red('error ') + error.format() + (io.output?.debug && error.stack ? `\n${pc.dim(error.stack)}` : ''));
      return EXIT.setup;
    }
    io.err(pc.red('internal error ') + ((error as Error)?.stack ?? String(error)));
    return EXIT.setup;
  }
  return code;
}
