import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildManifest, Dag, loadProject, parseProject, runCommand, type LoadedProject, type ModelNode, type RunSummary, type Workspace } from '@strata/core';
import { duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { postgresAdapterFactory, type PostgresConfig } from '../src/index.js';

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Every domain of the workspace that is a Strata project (`domains/<name>/strata.config.ts`), or
 * the project folders listed in STRATA_EQ_PROJECTS (comma-separated), to check any project.
 */
export function domainDirs(): string[] {
  if (process.env.STRATA_EQ_PROJECTS) return process.env.STRATA_EQ_PROJECTS.split(',').map((p) => resolve(p.trim()));
  const root = join(WORKSPACE_ROOT, 'domains');
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'strata.config.ts')))
    .sort()
    .map((name) => join(root, name));
}

/**
 * A domain and the domains it depends on (its `@strata-domains/*` dependencies, which its
 * cross-project refs need in the same workspace), dependencies first.
 */
export function withDependencies(dir: string, seen = new Set<string>()): string[] {
  if (seen.has(dir)) return [];
  seen.add(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const deps = Object.keys(pkg.dependencies ?? {})
    .filter((name) => name.startsWith('@strata-domains/'))
    .map((name) => join(WORKSPACE_ROOT, 'domains', name.slice('@strata-domains/'.length)))
    .filter((d) => existsSync(join(d, 'strata.config.ts')));
  return [...deps.flatMap((d) => withDependencies(d, seen)), dir];
}

/** Prefixes a project's schemas (its base schema and any explicit source schema). */
function prefixed(project: LoadedProject, prefix: string): LoadedProject {
  const config = project.config;
  const sources = Object.fromEntries(Object.entries(config.sources ?? {}).map(([name, s]) => [name, s.schema ? { ...s, schema: `${prefix}_${s.schema}` } : s]));
  return { ...project, config: { ...config, schema: `${prefix}_${config.schema ?? config.name}`, sources } };
}

/**
 * Builds projects into Postgres with every schema prefixed by `prefix` (so a test run owns its
 * schemas and can drop them), as `strata build` would: same parser, graph and runner. The
 * target keeps the DuckDB run's name, so `target.name` renders alike on both engines.
 */
export async function buildOnPostgres(dirs: string[], prefix: string, target: PostgresConfig, targetName = 'dev', threads = 4): Promise<RunSummary & { workspace: Workspace }> {
  const projects: LoadedProject[] = [];
  for (const dir of dirs) projects.push(prefixed(await loadProject(dir), prefix));
  const manifest = buildManifest(projects.map((p) => parseProject(p)));
  const workspace: Workspace = { projects, dag: new Dag(manifest), targetName, target: target as never, workspaceRoot: projects[0]!.workspaceRoot };
  // DuckDB's factory is there for its SQL parser: the domains' pii policies read column lineage with it.
  const summary = await runCommand(workspace, { command: 'build', threads, adapters: { postgres: postgresAdapterFactory, duckdb: duckdbAdapterFactory } });
  return { ...summary, workspace };
}

/** The mart models of a project (under `models/marts/`, not ephemeral), by unique id. */
export function marts(workspace: Workspace, project: string): ModelNode[] {
  return [...workspace.dag.manifest.nodes.values()]
    .filter((n): n is ModelNode => n.resourceType === 'model' && n.project === project)
    .filter((n) => (n.path ?? '').replace(/\\/g, '/').startsWith('models/marts/') && n.config.materialized !== 'ephemeral')
    .sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
}

type Row = Record<string, unknown>;

/** A value as comparable JSON: Dates as ISO text, bigints as numbers. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** A sort key that is blind to float noise (8 significant digits), so both sides sort alike. */
function sortKey(row: unknown[]): string {
  return JSON.stringify(row.map((v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(8)) : v)));
}

/** Equal, with numbers within 1e-9 relative (NaN equals NaN). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares two relations' rows as multisets. Returns a list of differences (empty when equal),
 * each naming the row position and column, with both values.
 */
export function compareRows(columns: string[], left: Row[], right: Row[], limit = 5): string[] {
  const table = (rows: Row[]) => rows.map((r) => columns.map((c) => plain(r[c]))).sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0));
  const a = table(left);
  const b = table(right);
  const problems: string[] = [];
  if (a.length !== b.length) problems.push(`row count: duckdb ${a.length}, postgres ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length) && problems.length < limit; i++) {
    columns.forEach((c, j) => {
      if (!sameValue(a[i]![j], b[i]![j]) && problems.length < limit) problems.push(`row ${i} column ${c}: duckdb ${JSON.stringify(a[i]![j])}, postgres ${JSON.stringify(b[i]![j])} (row ${JSON.stringify(a[i])})`);
    });
  }
  return problems;
}
