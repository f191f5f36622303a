import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { loadWorkspace, runCommand, selectNodes, StrataError, type StrataCommand } from '@strata/core';
import { installedAdapters } from './adapters.js';
import { findAllProjects } from './find-projects.js';
import { formatResultLine, formatSummary } from './format-result.js';

/** Exit codes: 0 all good, 1 a node failed, 2 the run could not start (config, parse, warehouse). */
export const EXIT = { ok: 0, failed: 1, setup: 2 } as const;

interface CommonOptions {
  project: string[];
  all?: boolean;
  select?: string[];
  exclude?: string[];
  threads: number;
  fullRefresh?: boolean;
  failFast?: boolean;
  vars?: Record<string, unknown>;
  target?: string;
  output?: 'name' | 'path' | 'json';
}

function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

function parseVars(value: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new InvalidArgumentError(`must be a JSON object, e.g. '{"start_date": "2024-01-01"}'`);
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function projectsOf(options: CommonOptions, cwd: string): string[] {
  if (options.all) {
    const all = findAllProjects(cwd);
    if (all.length === 0) throw new StrataError('E_NO_PROJECT', 'no domains/*/strata.config.ts found in this workspace', { hint: 'run from inside the Strata workspace or pass --project DIR' });
    return all;
  }
  return (options.project.length > 0 ? options.project : ['.']).map((p) => resolve(cwd, p));
}

function addCommonOptions(command: Command, withRunOptions = true): Command {
  command
    .option('-p, --project <dir>', 'project folder holding strata.config.ts (repeatable)', collect, [])
    .option('--all', 'every domain project of the workspace (domains/*)')
    .option('-s, --select <selectors...>', "nodes to include: name, +name, name+, 2+name, @name, tag:x, path:dir, source:x, resource_type:model; ',' intersects")
    .option('--exclude <selectors...>', 'nodes to leave out (same syntax as --select)')
    .option('--target <name>', 'target from strata.config.ts (default: dev, an embedded DuckDB file at the workspace root)')
    .option('--vars <json>', 'JSON object overriding project vars', parseVars);
  if (withRunOptions) {
    command
      .option('--threads <n>', 'nodes built in parallel', parseThreads, 4)
      .option('--full-refresh', 'rebuild incremental models from scratch')
      .option('--fail-fast', 'stop scheduling new nodes after the first failure');
  }
  return command;
}

async function execute(command: StrataCommand, options: CommonOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const summary = await runCommand(workspace, {
    command,
    select: options.select,
    exclude: options.exclude,
    threads: options.threads,
    fullRefresh: options.fullRefresh,
    failFast: options.failFast,
    vars: options.vars,
    adapters: installedAdapters(),
    onEvent: (event) => {
      if (event.type === 'run_started') io.out(pc.dim(`Running ${event.total} nodes with ${event.threads} threads on target '${workspace.targetName}' (${workspace.target.adapter})`));
      if (event.type === 'node_finished') io.out(formatResultLine(event.result, event.done, event.total));
    },
  });
  if (command === 'compile') {
    io.out(`Compiled ${summary.compiled.size} nodes in ${summary.elapsed.toFixed(2)}s into ${workspace.projects.map((p) => resolve(p.root, 'target/compiled')).join(', ')}`);
    return EXIT.ok;
  }
  io.out(formatSummary(summary.results, summary.elapsed));
  return summary.success ? EXIT.ok : EXIT.failed;
}

async function list(options: CommonOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const selected = selectNodes(workspace.dag, { select: options.select, exclude: options.exclude });
  for (const id of workspace.dag.topologicalOrder(selected)) {
    const node = workspace.dag.node(id);
    if (options.output === 'json') io.out(JSON.stringify({ unique_id: id, name: node.name, resource_type: node.resourceType, package_name: node.project, path: node.path, depends_on: node.dependsOn, tags: node.tags, config: node.config }));
    else if (options.output === 'path') io.out(node.path ?? id);
    else io.out(`${node.project}.${node.name}${node.resourceType === 'model' ? '' : ` (${node.resourceType})`}`);
  }
  return EXIT.ok;
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Runs the `strata` command line and resolves to the exit code.
 * @example process.exitCode = await runCli(['build', '--all'], { cwd: process.cwd(), out: console.log, err: console.error });
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('strata')
    .description('Strata: build, test and document SQL models in your warehouse (DuckDB by default).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);
  const commands: Array<[StrataCommand, string]> = [
    ['build', 'load seeds, build models and run their tests, in DAG order'],
    ['run', 'build models only'],
    ['seed', 'load seeds/*.csv into the warehouse'],
    ['test', 'run tests: zod-schema expectations and tests/*.sql'],
    ['compile', 'render models and tests to SQL under target/compiled/ without touching the warehouse'],
  ];
  for (const [name, description] of commands) {
    addCommonOptions(program.command(name).description(description), name !== 'compile').action(async (options: CommonOptions) => {
      code = await execute(name, options, io);
    });
  }
  addCommonOptions(program.command('ls').alias('list').description('list the selected nodes in DAG order'), false)
    .addOption(new Option('--output <format>', 'what to print per node').choices(['name', 'path', 'json']).default('name'))
    .action(async (options: CommonOptions) => {
      code = await list(options, io);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) return EXIT.setup;
    if (error instanceof StrataError) {
      io.err(pc.red('error ') + error.format());
      return EXIT.setup;
    }
    io.err(pc.red('internal error ') + ((error as Error)?.stack ?? String(error)));
    return EXIT.setup;
  }
  return code;
}
