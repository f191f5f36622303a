import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbAdapter, duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { loadWorkspace, runCommand, type RunCommandOptions, type RunSummary, type StrataCommand, type Workspace } from '@strata/core';

/** A DuckDB file in a fresh temporary folder, removed by `dispose()`. */
export class TemporaryWarehouse {
  readonly dir = mkdtempSync(join(tmpdir(), 'strata-test-'));
  readonly path = join(this.dir, 'warehouse.duckdb');

  /**
   * Loads the projects and runs a command into this warehouse (ignoring the projects' own
   * targets). Returns the run summary; node failures are statuses, not exceptions.
   * @example const summary = await warehouse.run(['domains/ecommerce'], 'build');
   */
  async run(projects: string[], command: StrataCommand = 'build', options: Partial<RunCommandOptions> & { vars?: Record<string, unknown> } = {}): Promise<RunSummary & { workspace: Workspace }> {
    const workspace = await loadWorkspace({ projects });
    workspace.target = { adapter: 'duckdb', path: this.path };
    const summary = await runCommand(workspace, { command, threads: 4, adapters: { duckdb: duckdbAdapterFactory }, ...options });
    return { ...summary, workspace };
  }

  /** Runs a query against the warehouse (opened and closed around the call). */
  async query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<Row[]> {
    const adapter = await DuckDbAdapter.open({ path: this.path });
    try {
      const connection = await adapter.connect();
      return await connection.query<Row>(sql);
    } finally {
      await adapter.close();
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
