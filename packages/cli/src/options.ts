import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { StrataError, type Redactor } from '@strata/core';
import { findAllProjects } from './find-projects.js';
import type { OutputSettings } from './output/output-settings.js';

/** Options every command may take; each command reads the ones it registers. */
export interface CommonOptions {
  project: string[];
  all?: boolean;
  select?: string[];
  exclude?: string[];
  selector?: string;
  state?: string;
  threads: number;
  fullRefresh?: boolean;
  failFast?: boolean;
  storeFailures?: boolean;
  /** `compile --dry-run`: ask the warehouse for the bytes each model would process. */
  dryRun?: boolean;
  /** `compile --no-partial-parse` sets it false: parse everything, ignoring the saved state. */
  partialParse?: boolean;
  /** `compile --watch`: compile again on every change to a project file, until Ctrl-C. */
  watch?: boolean;
  vars?: Record<string, unknown>;
  target?: string;
  output?: 'name' | 'path' | 'json';
  outputKeys?: string[];
  resourceType?: string[];
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Raw stdout for the live status line (redrawn in place); set by bin.ts on a terminal. */
  write?: (chunk: string) => void;
  /** Whether stdout is a terminal, and its width. */
  isTTY?: boolean;
  columns?: number;
  /** Environment to read `CI` from (default: none, i.e. not CI). */
  env?: Record<string, string | undefined>;
  /** Set by `runCli` from `--log-format`, `--quiet` and `--debug`. */
  output?: OutputSettings;
  /** Stops a run (SIGINT/SIGTERM from bin.ts) or a long-running command (`docs serve`); tests use it. */
  signal?: AbortSignal;
  /** Scrubs secrets from everything printed; set by `runCli` (see output/redact-output.ts). */
  redactor?: Redactor;
}

/** Exit codes: 0 all good, 1 a node failed, 2 the run could not start (config, parse, warehouse). */
export const EXIT = { ok: 0, failed: 1, setup: 2 } as const;

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

/** The project folders a command works on: `--all`, the `--project`s, or the current folder. */
export function projectsOf(options: CommonOptions, cwd: string): string[] {
  if (options.all) {
    const all = findAllProjects(cwd);
    if (all.length === 0) throw new StrataError('E_NO_PROJECT', 'no domains/*/strata.config.ts found in this workspace', { hint: 'run from inside the Strata workspace or pass --project DIR' });
    return all;
  }
  return (options.project.length > 0 ? options.project : ['.']).map((p) => resolve(cwd, p));
}

/** `--project`, `--all`, `--target`, `--vars`. */
export function addProjectOptions(command: Command): Command {
  return command
    .option('-p, --project <dir>', 'project folder holding strata.config.ts (repeatable)', collect, [])
    .option('--all', 'every domain project of the workspace (domains/*)')
    .option('--target <name>', 'target from strata.config.ts (default: dev, an embedded DuckDB file at the workspace root)')
    .option('--vars <json>', 'JSON object overriding project vars', parseVars);
}

/** `--select`, `--exclude`, `--selector`, `--state`. */
export function addSelectionOptions(command: Command): Command {
  return command
    .option('-s, --select <selectors...>', "nodes to include: name, +name, name+, 2+name, name+1, @name, tag:x, path:dir, source:x, resource_type:model, config.materialized:x, state:modified, selector:x; ',' intersects")
    .option('--exclude <selectors...>', 'nodes to leave out (same syntax as --select)')
    .option('--selector <name>', 'a named selector from strata.config.ts (selectors: { name: ... })')
    .option('--state <dir>', 'folder with a saved manifest.json to compare against, for state:new and state:modified');
}

/** `--threads`, `--full-refresh`, `--fail-fast`. */
export function addRunOptions(command: Command): Command {
  return command
    .option('--threads <n>', 'nodes built in parallel', parseThreads, 4)
    .option('--full-refresh', 'rebuild incremental models from scratch')
    .option('--fail-fast', 'stop scheduling new nodes after the first failure');
}
