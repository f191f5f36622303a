import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkspace, runCommand, type AdapterFactory, type Connection, type NodeResult, type RunCommandOptions, type RunSummary, type StrataCommand } from '@strata/core';
import { DuckDbAdapter, duckdbAdapterFactory } from '../../src/index.js';

/** Folder of a fixture project under `test/expectations/fixtures/`. */
export const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/**
 * A private copy of a fixture project (so test files running in parallel never share a
 * `target/` folder), inside the package so its imports of `zod` and `@strata/core` resolve.
 */
export function copyFixture(name: string): string {
  const root = join(import.meta.dirname, '.work');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, `${name}-`));
  cpSync(fixture(name), dir, { recursive: true, filter: (src) => !src.includes('/target') });
  return dir;
}

/**
 * A throwaway DuckDB file and a way to run Strata commands into it, recording every SQL
 * statement the run sends (to count scans).
 */
export class FixtureWarehouse {
  readonly dir = mkdtempSync(join(tmpdir(), 'strata-expectations-'));
  readonly path = join(this.dir, 'warehouse.duckdb');
  /** Every statement sent by the last run, in order. */
  statements: string[] = [];

  private factory(): AdapterFactory {
    const statements = this.statements;
    return {
      ...duckdbAdapterFactory,
      open: async (target, context) => {
        const adapter = await duckdbAdapterFactory.open(target, context);
        const connect = adapter.connect.bind(adapter);
        adapter.connect = async () => recording(await connect(), statements);
        return adapter;
      },
    };
  }

  /** Runs a command over a fixture project into this warehouse. */
  async run(project: string, command: StrataCommand = 'build', options: Partial<RunCommandOptions> = {}): Promise<RunSummary> {
    this.statements.length = 0;
    const workspace = await loadWorkspace({ projects: [project] });
    workspace.target = { adapter: 'duckdb', path: this.path };
    return runCommand(workspace, { command, threads: 2, adapters: { duckdb: this.factory() }, retry: { count: 0 }, ...options });
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<Row[]> {
    const adapter = await DuckDbAdapter.open({ path: this.path });
    try {
      return await (await adapter.connect()).query<Row>(sql);
    } finally {
      await adapter.close();
    }
  }

  /** Copies of fixtures made for this warehouse, removed by `dispose()`. */
  readonly copies: string[] = [];

  /** A private copy of a fixture project, removed with the warehouse. */
  copy(name: string): string {
    const dir = copyFixture(name);
    this.copies.push(dir);
    return dir;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
    for (const dir of this.copies) rmSync(dir, { recursive: true, force: true });
  }
}

function recording(connection: Connection, statements: string[]): Connection {
  return {
    execute: (sql) => (statements.push(sql), connection.execute(sql)),
    query: (sql) => (statements.push(sql), connection.query(sql)),
    transaction: (list) => (statements.push(...list), connection.transaction(list)),
    cancel: () => connection.cancel(),
    close: () => connection.close(),
  };
}

/** The result of the test whose name starts with `prefix` (auto names of table checks end in a hash). */
export function resultOf(results: NodeResult[], prefix: string): NodeResult {
  const exact = results.filter((r) => r.resourceType === 'test' && r.name === prefix);
  const found = exact.length > 0 ? exact : results.filter((r) => r.resourceType === 'test' && r.name.startsWith(`${prefix}_`));
  if (found.length !== 1) throw new Error(`expected one test named ${prefix}*, found ${found.map((r) => r.name).join(', ') || 'none'}`);
  return found[0]!;
}

/** Rows of a fixture CSV as objects of strings (fixtures have no quoted fields); empty fields are null. */
export function csvRows(file: string): Array<Record<string, string | null>> {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v === '' ? null : v])));
}
