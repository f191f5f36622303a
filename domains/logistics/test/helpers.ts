import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemporaryWarehouse } from '@strata/testkit';
import { projectDir } from '../src/index.js';

/** A copy of this project whose seeds are replaced by a fixture folder, built into a fresh warehouse. */
export interface FixtureBuild {
  warehouse: TemporaryWarehouse;
  summary: Awaited<ReturnType<TemporaryWarehouse['run']>>;
  /** Failed or errored nodes, as `name: message`, for assertion messages. */
  failures: string[];
  dispose(): void;
}

/**
 * Copies the project (config, models, macros, singular tests) into a temporary folder with the
 * seeds of `seedsDir` (a project reads whatever CSVs its `seeds/` holds) and builds it. The copy
 * links this package's node_modules so its TypeScript files resolve `zod` and `@strata/core`.
 */
export async function buildProject(seedsDir?: string): Promise<FixtureBuild> {
  let root = projectDir;
  let copy: string | undefined;
  if (seedsDir) {
    copy = mkdtempSync(join(tmpdir(), 'strata-logistics-fixture-'));
    // package.json too: its dependencies bring the ecommerce project its cross-domain model refs.
    for (const entry of ['package.json', 'strata.config.ts', 'models', 'macros', 'tests']) cpSync(join(projectDir, entry), join(copy, entry), { recursive: true });
    cpSync(seedsDir, join(copy, 'seeds'), { recursive: true, filter: (src) => !src.endsWith('.md') });
    symlinkSync(join(projectDir, 'node_modules'), join(copy, 'node_modules'), 'dir');
    root = copy;
  }
  const warehouse = new TemporaryWarehouse();
  const summary = await warehouse.run([root], 'build');
  const failures = summary.results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'skipped').map((r) => `${r.uniqueId}: ${r.message ?? r.status}`);
  return {
    warehouse,
    summary,
    failures,
    dispose() {
      warehouse.dispose();
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** The CSV files of a folder, sorted. */
export function csvFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
}

/** ISO `YYYY-MM-DD` of a Date returned by DuckDB for a DATE column. */
export function day(value: unknown): string {
  return (value as Date).toISOString().slice(0, 10);
}
