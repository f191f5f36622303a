import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '@strata/core';
import { DuckDbAdapter } from '../src/index.js';

describe('a schema named like the DuckDB file', () => {
  it('is refused with a clear error instead of ambiguous references later', async () => {
    const adapter = await DuckDbAdapter.open({ path: join(mkdtempSync(join(tmpdir(), 'cat-')), 'shop.duckdb') });
    const materializer = adapter.createMaterializer(await adapter.connect());
    await materializer.ensureSchema('shop_marts');
    const error = await materializer.ensureSchema('shop').catch((e: unknown) => e);
    await adapter.close();
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).code).toBe('E_SCHEMA_IS_CATALOG');
    expect((error as AdapterError).message).toBe("schema 'shop' has the same name as the DuckDB database file, so references to it are ambiguous");
    expect((error as AdapterError).hint).toBe("rename the warehouse file (it is named 'shop.duckdb') or give the project another schema");
  });
});
