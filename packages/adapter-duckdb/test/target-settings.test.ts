/**
 * A target's memoryLimit, threads and tempDirectory reach the DuckDB instance: they are what
 * keeps a build over big data inside a memory budget (DuckDB runs in the strata process).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeedError } from '@strata/core';
import { DuckDbAdapter } from '../src/index.js';

const SETTINGS = "select current_setting('memory_limit') as memory_limit, current_setting('threads') as threads, current_setting('temp_directory') as temp_directory";

async function settingsOf(adapter: DuckDbAdapter): Promise<Record<string, unknown>> {
  const connection = await adapter.connect();
  const [row] = await connection.query<Record<string, unknown>>(SETTINGS);
  return { ...row, threads: Number(row!.threads) };
}

describe('DuckDB target settings', () => {
  const root = mkdtempSync(join(tmpdir(), 'strata-settings-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('applies memoryLimit and threads, and resolves tempDirectory from the workspace root', async () => {
    const adapter = await DuckDbAdapter.open({ path: 'w.duckdb', memoryLimit: '300MB', threads: 1, tempDirectory: 'spill' }, root);
    try {
      // DuckDB reports limits in binary units: 300 MB = 286.1 MiB.
      expect(await settingsOf(adapter)).toEqual({ memory_limit: '286.1 MiB', threads: 1, temp_directory: join(root, 'spill') });
    } finally {
      await adapter.close();
    }
  });

  it("leaves DuckDB's defaults when the target sets nothing: spill files beside the database", async () => {
    const adapter = await DuckDbAdapter.open({ path: 'defaults.duckdb' }, root);
    try {
      const settings = await settingsOf(adapter);
      expect(settings.temp_directory).toBe(join(root, 'defaults.duckdb.tmp'));
      expect(settings.memory_limit).not.toBe('286.1 MiB');
    } finally {
      await adapter.close();
    }
  });

  it('spills a sort bigger than memoryLimit to tempDirectory; without spilling the same sort runs out of memory', async () => {
    const adapter = await DuckDbAdapter.open({ path: 'spill.duckdb', memoryLimit: '32MB', threads: 1, tempDirectory: 'spill' }, root);
    // 1.5M 32-character strings (~70 MB) sorted into a table: more than 32 MB at once.
    const sort = (table: string) => `create table ${table} as select md5(cast(i as varchar)) as s from range(1500000) t(i) order by s`;
    try {
      const connection = await adapter.connect();
      await connection.execute(sort('sorted'));
      const [row] = await connection.query<{ n: number; ordered: boolean }>('select count(*) as n, bool_and(s >= prev) as ordered from (select s, lag(s, 1, s) over () as prev from sorted)');
      expect(row).toEqual({ n: 1_500_000, ordered: true });
    } finally {
      await adapter.close();
    }
    const unspilled = await DuckDbAdapter.open({ path: 'unspilled.duckdb', memoryLimit: '32MB', threads: 1 }, root);
    try {
      const connection = await unspilled.connect();
      await connection.execute("set temp_directory = ''");
      await expect(connection.execute(sort('sorted'))).rejects.toThrow(/Out of Memory/i);
    } finally {
      await unspilled.close();
    }
  }, 60_000);

  it('a seed that does not fit in memoryLimit fails saying so, not blaming a row of the file', async () => {
    const file = join(root, 'events.csv');
    const line = (i: number) => `${i},${'x'.repeat(100)}${i}`;
    writeFileSync(file, `id,payload\n${Array.from({ length: 200_000 }, (_, i) => line(i)).join('\n')}\n`);
    const adapter = await DuckDbAdapter.open({ path: 'seed.duckdb', memoryLimit: '4MB', threads: 1 }, root);
    try {
      const materializer = adapter.createMaterializer(await adapter.connect());
      await materializer.ensureSchema('raw');
      const error = await materializer.seed({ schema: 'raw', name: 'events' }, file, { columns: [{ name: 'id', type: 'BIGINT' }, { name: 'payload', type: 'VARCHAR' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeedError);
      expect(error).toMatchObject({ code: 'E_SEED_LOAD', file, line: undefined });
      expect((error as SeedError).message).toMatch(/^seed could not be loaded: Out of Memory Error: .*\(.*used\)$/);
      expect((error as SeedError).hint).toBe("the file is fine, DuckDB ran out of memory loading it: raise the target's memoryLimit, or load fewer files at once (--threads); the previous table was kept");
    } finally {
      await adapter.close();
    }
  });
});
