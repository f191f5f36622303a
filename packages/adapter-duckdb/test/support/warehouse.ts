import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadWorkspace, runCommand, type AdapterFactory, type RunCommandOptions, type RunSummary, type StrataCommand, type Workspace } from '@strata/core';
import { DuckDbAdapter, duckdbAdapterFactory } from '../../src/index.js';

/** A project config with the usual folders; `extra` is spliced into the object literal. */
export function projectConfig(extra = ''): string {
  return `export default {
  name: 'shop',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts' } },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders', 'events', 'customers'] } },
  ${extra}
};
`;
}

/** Writes files (path → text) into `root`, creating folders; returns `root`. */
export function writeFiles(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A fresh project folder holding `files` (a default `strata.config.ts` unless given). */
export function writeProject(files: Record<string, string>): string {
  return writeFiles(mkdtempSync(join(tmpdir(), 'strata-duckdb-')), { 'strata.config.ts': projectConfig(), ...files });
}

/** A DuckDB file in a temporary folder; runs commands into it with the adapter from source. */
export class Warehouse {
  readonly dir = mkdtempSync(join(tmpdir(), 'strata-wh-'));
  readonly path = join(this.dir, 'warehouse.duckdb');

  /** Loads the project afresh (files may have changed) and runs a command into this warehouse. */
  async run(root: string, command: StrataCommand = 'build', options: Partial<RunCommandOptions> = {}): Promise<RunSummary & { workspace: Workspace }> {
    const workspace = await loadWorkspace({ projects: [root] });
    workspace.target = { adapter: 'duckdb', path: this.path, lockTimeoutSeconds: 5 };
    const adapters: Record<string, AdapterFactory> = { duckdb: duckdbAdapterFactory, ...options.adapters };
    const summary = await runCommand(workspace, { command, threads: 2, ...options, adapters, retry: { backoffMs: 1, ...options.retry } });
    return { ...summary, workspace };
  }

  /** Runs a command and throws (with every message) unless every node succeeded. */
  async ok(root: string, command: StrataCommand = 'build', options: Partial<RunCommandOptions> = {}): Promise<RunSummary> {
    const summary = await this.run(root, command, options);
    const bad = summary.results.filter((r) => !['success', 'pass', 'warn'].includes(r.status));
    if (bad.length > 0) throw new Error(bad.map((r) => `${r.name}: ${r.status} ${r.message ?? ''}`).join('\n'));
    return summary;
  }

  /** Rows of a query, opened and closed around the call. */
  async query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<Row[]> {
    const adapter = await DuckDbAdapter.open({ path: this.path });
    try {
      return await (await adapter.connect()).query<Row>(sql);
    } finally {
      await adapter.close();
    }
  }

  /** Column names and types of a relation, in order. */
  async columns(relation: string): Promise<string[]> {
    const [schema, name] = relation.split('.');
    const rows = await this.query<{ column_name: string; data_type: string }>(`select column_name, data_type from information_schema.columns where table_schema = '${schema}' and table_name = '${name}' order by ordinal_position`);
    return rows.map((r) => `${r.column_name} ${r.data_type}`);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** CSV text from a header and rows. */
export function csv(header: string, rows: Array<Array<string | number | null>>): string {
  return [header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n') + '\n';
}
