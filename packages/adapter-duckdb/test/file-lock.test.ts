import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError } from '@strata/core';
import { DuckDbAdapter } from '../src/index.js';

describe('one DuckDB file, two runs in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-lock-'));
  const path = join(dir, 'w.duckdb');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the second opener fails clearly after its timeout while the first holds the file', async () => {
    const first = await DuckDbAdapter.open({ path });
    try {
      const started = Date.now();
      const error = await DuckDbAdapter.open({ path, lockTimeoutSeconds: 0.3 }).then(() => undefined, (e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(error).toBeInstanceOf(AdapterError);
      expect(error).toMatchObject({ code: 'E_WAREHOUSE_LOCKED', transient: true, file: path, message: `the DuckDB file ${path} is in use by another run in this process; gave up after waiting 0.3s` });
    } finally {
      await first.close();
    }
  });

  it('the second opener waits for the first to close, says so, and then sees its writes', async () => {
    const first = await DuckDbAdapter.open({ path });
    const connection = await first.connect();
    await connection.execute('create or replace table t as select 42 as answer');
    const log: string[] = [];
    const second = DuckDbAdapter.open({ path, lockTimeoutSeconds: 10 }, undefined, (m) => log.push(m));
    await new Promise((r) => setTimeout(r, 200));
    await first.close();
    const adapter = await second;
    try {
      expect(log).toEqual([`waiting up to 10s for ${path}: it is in use by another run in this process`]);
      expect(await (await adapter.connect()).query('select answer from t')).toEqual([{ answer: 42 }]);
    } finally {
      await adapter.close();
    }
  });
});
