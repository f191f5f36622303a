import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyCase, reportedErrors, strataJson } from './run-case.js';
import { snapshotWarehouse } from './warehouse-snapshot.js';

/**
 * The warehouse file itself is bad: damaged, not a DuckDB database, on a read-only file system
 * (or opened read-only). Each run fails before any node with one clear error naming the file, and
 * the file is left byte for byte as it was. A file locked by another process is covered by
 * ../process-safety.test.ts ("a second run on the same file waits … or fails clearly").
 */

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** The corpus' good project (invalid-selector's, run without the bad selector), built once. */
async function builtProject(): Promise<{ root: string; warehouse: string }> {
  const { root, warehouse } = copyCase('invalid-selector');
  expect((await strataJson(['build'], root)).code).toBe(0);
  return { root, warehouse };
}

describe('a bad warehouse file', () => {
  it('a truncated file: E_WAREHOUSE_CORRUPT, exit 2, the file untouched', async () => {
    const { root, warehouse } = await builtProject();
    truncateSync(warehouse, 5000);
    const bytes = readFileSync(warehouse);
    const run = await strataJson(['build'], root);
    expect(run.code).toBe(2);
    const [error] = reportedErrors(run.events, root);
    expect(error).toMatchObject({ type: 'AdapterError', code: 'E_WAREHOUSE_CORRUPT', file: '.strata/warehouse.duckdb' });
    expect(error!.text).toBe(
      `E_WAREHOUSE_CORRUPT {root}/.strata/warehouse.duckdb: cannot open DuckDB file {root}/.strata/warehouse.duckdb: IO Error: Could not read enough bytes from file "{root}/.strata/warehouse.duckdb": attempted to read 3192 bytes from location 5000\n` +
        '  hint: the file is damaged or is not a DuckDB database; Strata left it as it is: restore it from a backup, or move it away and run `strata build` to rebuild every model from its sources',
    );
    expect(readFileSync(warehouse).equals(bytes)).toBe(true);
  });

  it('a file that is not a DuckDB database at all: E_WAREHOUSE_CORRUPT, the file untouched', async () => {
    const { root, warehouse } = copyCase('invalid-selector');
    mkdirSync(join(root, '.strata'));
    writeFileSync(warehouse, 'order_id,amount\n1,10\n'.repeat(500));
    const bytes = readFileSync(warehouse);
    const run = await strataJson(['build'], root);
    expect(run.code).toBe(2);
    expect(reportedErrors(run.events, root)).toEqual([
      {
        type: 'AdapterError',
        code: 'E_WAREHOUSE_CORRUPT',
        file: '.strata/warehouse.duckdb',
        text:
          'E_WAREHOUSE_CORRUPT {root}/.strata/warehouse.duckdb: cannot open DuckDB file {root}/.strata/warehouse.duckdb: IO Error: The file "{root}/.strata/warehouse.duckdb" exists, but it is not a valid DuckDB database file!\n' +
          '  hint: the file is damaged or is not a DuckDB database; Strata left it as it is: restore it from a backup, or move it away and run `strata build` to rebuild every model from its sources',
      },
    ]);
    expect(readFileSync(warehouse).equals(bytes)).toBe(true);
  });

  it('a file on a read-only file system (a read-only bind mount as root, else a read-only file): E_WAREHOUSE_READ_ONLY, every relation intact', async () => {
    const { root, warehouse } = await builtProject();
    const before = await snapshotWarehouse(warehouse);
    const modified = statSync(warehouse).mtimeMs;
    const folder = join(root, '.strata');
    let reason: string;
    if (process.getuid?.() === 0) {
      // root ignores file modes, so make the folder a read-only mount of itself.
      execFileSync('mount', ['--bind', folder, folder]);
      cleanups.push(() => execFileSync('umount', [folder]));
      execFileSync('mount', ['-o', 'remount,bind,ro', folder]);
      reason = 'Read-only file system';
    } else {
      chmodSync(warehouse, 0o444);
      cleanups.push(() => chmodSync(warehouse, 0o644));
      reason = 'Permission denied';
    }
    const run = await strataJson(['build'], root);
    expect(run.code).toBe(2);
    expect(reportedErrors(run.events, root)).toEqual([
      {
        type: 'AdapterError',
        code: 'E_WAREHOUSE_READ_ONLY',
        file: '.strata/warehouse.duckdb',
        text:
          `E_WAREHOUSE_READ_ONLY {root}/.strata/warehouse.duckdb: cannot open DuckDB file {root}/.strata/warehouse.duckdb: IO Error: Cannot open file "{root}/.strata/warehouse.duckdb": ${reason}\n` +
          "  hint: Strata must write the database file: make it (and its folder) writable, or point the target's path at a writable place",
      },
    ]);
    cleanups.pop()!();
    expect(statSync(warehouse).mtimeMs).toBe(modified);
    expect(await snapshotWarehouse(warehouse)).toEqual(before);
  });

  it('a target that opens the file read-only: E_WAREHOUSE_READ_ONLY before any node, every relation intact', async () => {
    const { root, warehouse } = await builtProject();
    const before = await snapshotWarehouse(warehouse);
    const config = join(root, 'strata.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("sources: { raw: { tables: ['orders'] } },", "sources: { raw: { tables: ['orders'] } },\n  targets: { dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb', readOnly: true } },"));
    const run = await strataJson(['build'], root);
    expect(run.code).toBe(2);
    expect(reportedErrors(run.events, root)).toEqual([
      {
        type: 'AdapterError',
        code: 'E_WAREHOUSE_READ_ONLY',
        text: 'E_WAREHOUSE_READ_ONLY Invalid Input Error: Cannot execute statement of type "CREATE" on database "warehouse" which is attached in read-only mode!\n  hint: the target opens the database read-only (readOnly: true): use another target to build, or remove readOnly',
      },
    ]);
    expect(await snapshotWarehouse(warehouse)).toEqual(before);
  });
});

