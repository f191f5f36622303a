import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AdapterFactory } from '../adapter/adapter.js';
import type { TargetConfig } from '../config/project-config.js';
import { isDbtProject } from '../dbt/dbt-project-file.js';
import type { JsonValuePath } from '../artifacts/json-entries.js';
import { CONFIG_FILE, loadProjectConfig, type LoadedProject } from '../load/load-project.js';
import { projectDependencies } from '../load/project-dependencies.js';
import { callsSignature } from '../parse/partial-parse/calls-signature.js';
import { inputFingerprint } from '../parse/partial-parse/input-fingerprint.js';
import { readPartialParseState } from '../parse/partial-parse/partial-parse-state.js';
import { recordingEnv } from '../parse/partial-parse/recording-env.js';
import { secretValues } from '../security/secret-values.js';
import { Redactor } from '../security/redactor.js';
import { loadWorkspace, resolveTarget, type Workspace } from './load-workspace.js';
import { partialCompile } from './partial-compile.js';
import { runCommand } from './run-command.js';
import { savePartialParse, snapshotInputs, type ManifestRanges } from './save-partial-parse.js';

export interface CompileWorkspaceOptions {
  /** Project folders, as for loadWorkspace. */
  projects: string[];
  target?: string;
  vars?: Record<string, unknown>;
  adapters: Record<string, AdapterFactory>;
  /** Reuse the state of the last compile (default true); false parses everything (`--no-partial-parse`), and saves a fresh state. */
  partialParse?: boolean;
  /** The environment templates read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface CompileWorkspaceResult {
  compiledCount: number;
  elapsed: number;
  /** The compiled SQL folders written. */
  compiledDirs: string[];
  /** The target the compile rendered for (its secrets are what output must scrub). */
  target: TargetConfig;
  /** How partial parsing went: `reused` the last state, or a full parse and why. */
  partialParse: { reused: true; changed: string[]; rendered: number } | { reused: false; reason: string };
  /** The loaded workspace, when everything was parsed. */
  workspace?: Workspace;
}

/**
 * `strata compile` of whole projects, with partial parsing: a single project's compile saves a
 * state in `target/partial_parse.strata`, and the next one re-renders only what changed (see
 * partialCompile) or, when it cannot, compiles everything as before and saves a new state.
 * Workspaces of several projects are always compiled in full.
 *
 * @example const result = await compileWorkspace({ projects: ['domains/ecommerce'], adapters })
 */
export async function compileWorkspace(options: CompileWorkspaceOptions): Promise<CompileWorkspaceResult> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const elapsed = () => (Date.now() - started) / 1000;
  const dir = options.projects.length === 1 ? resolve(options.projects[0]!) : undefined;
  const single = dir !== undefined && !(isDbtProject(dir) && !existsSync(join(dir, CONFIG_FILE))) && projectDependencies(dir).length === 0;
  if (!single) return fullCompile(options, env, started, { reused: false, reason: 'partial parsing covers single projects' });

  const config = await loadProjectConfig(dir);
  const { name: targetName, target } = resolveTarget({ config, configFile: join(dir, CONFIG_FILE) } as LoadedProject, options.target);
  const secrets = secretValues({ target, vars: options.vars, env });
  const fingerprint = (envNames: string[]) => inputFingerprint({ config, targetName, vars: options.vars, secrets, env: Object.fromEntries(envNames.map((n) => [n, env[n]])) });
  const inputs = snapshotInputs(dir, config);
  const factory = options.adapters[target.adapter];
  const state = options.partialParse === false ? undefined : readPartialParseState(join(dir, 'target'));
  let reason = options.partialParse === false ? '--no-partial-parse' : state ? '' : 'no saved state';
  if (state && factory && !(config as { pii?: unknown }).pii) {
    const redactor = new Redactor(secrets);
    const result = partialCompile({ root: dir, config, targetName, target, vars: options.vars, dialect: factory.createDialect(target), env, redact: (t) => redactor.redact(t), state, stats: inputs.stats, statsTakenMs: inputs.takenMs, fingerprint });
    if (result.reused) return { compiledCount: result.compiledCount, elapsed: elapsed(), compiledDirs: [join(dir, 'target', 'compiled')], target, partialParse: { reused: true, changed: result.changed, rendered: result.rendered } };
    reason = result.reason;
  } else if (state) reason = factory ? 'the project has a pii policy (checked over the whole graph)' : 'unknown adapter';

  const calls = new Map<string, string>();
  const envNames = new Set<string>();
  const ranges: ManifestRanges = { entries: {} };
  const onManifestValue = (_project: unknown, path: JsonValuePath, start: number, end: number) => {
    if (path.length === 1 && path[0] === 'metadata') ranges.metadata = [start, end];
    else if (path.length === 2 && path[0] === 'nodes' && calls.has(path[1])) ranges.entries[path[1]] = [start, end];
  };
  const full = await fullCompile(options, recordingEnv(env, envNames), started, { reused: false, reason }, (id, c) => calls.set(id, callsSignature(c)), onManifestValue);
  const workspace = full.workspace!;
  if (workspace.projects.length === 1) {
    const names = [...envNames].sort();
    savePartialParse(workspace, inputs, { fingerprint: fingerprint(names), envNames: names, calls, ranges, compiledCount: full.compiledCount });
  }
  return full;
}

/** The compile every project gets without partial parsing: load, parse, render everything. */
async function fullCompile(
  options: CompileWorkspaceOptions,
  env: NodeJS.ProcessEnv,
  started: number,
  partialParse: CompileWorkspaceResult['partialParse'],
  onModelCalls?: Parameters<typeof loadWorkspace>[0]['onModelCalls'],
  onManifestValue?: Parameters<typeof runCommand>[1]['onManifestValue'],
): Promise<CompileWorkspaceResult> {
  const workspace = await loadWorkspace({ projects: options.projects, target: options.target, onModelCalls });
  const summary = await runCommand(workspace, { command: 'compile', vars: options.vars, adapters: options.adapters, env, onManifestValue });
  return {
    compiledCount: summary.compiled.size,
    elapsed: (Date.now() - started) / 1000,
    compiledDirs: workspace.projects.map((p) => join(p.root, 'target', 'compiled')),
    target: workspace.target,
    partialParse,
    workspace,
  };
}
