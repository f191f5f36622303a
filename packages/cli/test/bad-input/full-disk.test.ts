import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { strata } from '../helpers.js';
import { reportedErrors, strataJson } from './run-case.js';

/**
 * A full disk, for real: a small tmpfs mounted (as root, as CI runs) under the warehouse file
 * or under target/, filled up. Writing a table fails with E_WAREHOUSE_DISK_FULL and keeps the
 * previous table; writing artifacts fails with E_ARTIFACT_WRITE and keeps the previous artifacts
 * byte for byte (they are written to a temporary file and renamed). Once space is freed, the next
 * run works. (core's unit test of writeFileAtomic covers the same for any file system error.)
 */
const mounts: string[] = [];
afterEach(() => {
  while (mounts.length > 0) execFileSync('umount', [mounts.pop()!]);
});

function mountTmpfs(dir: string, size: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
}

/** Fills a file system with a file until it refuses more. */
function fill(file: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let i = 0; i < 100_000; i++) writeFileSync(file, chunk, { flag: 'a' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

function project(warehouse: string): string {
  const root = mkdtempSync(join(tmpdir(), 'strata-full-disk-'));
  mkdirSync(join(root, 'models/marts'), { recursive: true });
  writeFileSync(join(root, 'strata.config.ts'), `export default { name: 'fd', models: { marts: { materialized: 'table', schema: 'marts' } }, targets: { dev: { adapter: 'duckdb', path: ${JSON.stringify(warehouse)} } } };\n`);
  writeFileSync(join(root, 'models/marts/small.sql'), "select {{ var('v') }} as version, t.i from range(10) as t(i)\n");
  // Two md5s a row: ~2 million rows do not fit in a few megabytes.
  writeFileSync(join(root, 'models/marts/big.sql'), "select {{ var('v') }} as version, t.i, md5(cast(t.i as varchar)) || md5(cast(t.i + 1 as varchar)) as h\nfrom range({{ var('n') }}) as t(i)\n");
  writeFileSync(join(root, 'models/marts/after_big.sql'), "select max(version) as version, count(*) as n from {{ ref('big') }}\n");
  return root;
}

async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const adapter = await DuckDbAdapter.open({ path });
  try {
    return await (await adapter.connect()).query(sql);
  } finally {
    await adapter.close();
  }
}

describe('a full disk', () => {
  it('while writing a table: E_WAREHOUSE_DISK_FULL, the previous table intact, the next run (with space) works', async () => {
    const disk = mkdtempSync(join(tmpdir(), 'strata-disk-'));
    mountTmpfs(disk, '24m');
    const warehouse = join(disk, 'warehouse.duckdb');
    const root = project(warehouse);
    writeFileSync(join(disk, 'ballast'), Buffer.alloc(8 * 1024 * 1024, 1));
    expect((await strata(['build', '--project', root, '--vars', '{"v": 1, "n": 100}'], root)).code).toBe(0);

    const run = await strataJson(['build', '--threads', '1', '--vars', '{"v": 2, "n": 2000000}'], root);
    expect(run.code).toBe(1);
    const big = reportedErrors(run.events, root).find((e) => e.node === 'big')!;
    expect(big).toMatchObject({ type: 'AdapterError', code: 'E_WAREHOUSE_DISK_FULL', file: 'models/marts/big.sql' });
    expect(big.text).toMatch(/^E_WAREHOUSE_DISK_FULL the disk holding the DuckDB file is full: .*No space left on device\n {2}hint: free space next to the database file \(or move it\); what this node was building was rolled back and the previous version kept$/s);
    const statuses = Object.fromEntries(run.events.filter((e) => e.event === 'node_finished').map((e) => [e.name, e.status]));
    expect(statuses.after_big).toBe('skipped');

    rmSync(join(disk, 'ballast'));
    expect(await query(warehouse, 'select version, count(*) as n from fd_marts.big group by version')).toEqual([{ version: 1, n: 100 }]);
    expect(await query(warehouse, 'select version, n from fd_marts.after_big')).toEqual([{ version: 1, n: 100 }]);
    const next = await strata(['build', '--project', root, '--vars', '{"v": 3, "n": 1000}'], root);
    expect(next.code).toBe(0);
    expect(await query(warehouse, 'select version, n from fd_marts.after_big')).toEqual([{ version: 3, n: 1000 }]);
    expect(await query(warehouse, "select table_name from information_schema.tables where table_name like '__strata_tmp_%'")).toEqual([]);
  }, 120_000);

  it('while writing artifacts: E_ARTIFACT_WRITE, exit 2, the previous artifacts byte for byte, no partial file', async () => {
    const root = project('warehouse.duckdb');
    const target = join(root, 'target');
    mountTmpfs(target, '1m');
    expect((await strata(['build', '--project', root, '--vars', '{"v": 1, "n": 100}'], root)).code).toBe(0);
    const artifacts = ['manifest.json', 'run_results.json', 'compiled/fd/models/marts/big.sql'];
    const before = artifacts.map((a) => readFileSync(join(target, a), 'utf8'));
    fill(join(target, 'ballast'));

    const run = await strataJson(['build', '--vars', '{"v": 2, "n": 100}'], root);
    expect(run.code).toBe(2);
    expect(reportedErrors(run.events, root)).toEqual([
      {
        type: 'StrataError',
        code: 'E_ARTIFACT_WRITE',
        file: 'target/manifest.json',
        text: 'E_ARTIFACT_WRITE {root}/target/manifest.json: cannot write {root}/target/manifest.json: no space left on the device (ENOSPC)\n  hint: free space on (or fix the permissions of) the disk that holds target/; the previous artifacts were kept and the warehouse is as the run left it',
      },
    ]);
    expect(artifacts.map((a) => readFileSync(join(target, a), 'utf8'))).toEqual(before);
    expect(readdirSync(target, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The tables were built before the artifacts were written.
    expect(await query(join(root, 'warehouse.duckdb'), 'select version, n from fd_marts.after_big')).toEqual([{ version: 2, n: 100 }]);

    rmSync(join(target, 'ballast'));
    expect((await strata(['build', '--project', root, '--vars', '{"v": 3, "n": 100}'], root)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(target, 'run_results.json'), 'utf8')).args.vars).toEqual({ v: 3, n: 100 });
  }, 60_000);
});
