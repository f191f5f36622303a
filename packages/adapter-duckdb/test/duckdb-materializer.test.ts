import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@strata/core';
import { DuckDbAdapter } from '../src/index.js';

/** Wraps a connection to record every statement, with temporary-name suffixes made stable. */
function recording(connection: Connection): { connection: Connection; statements: string[] } {
  const statements: string[] = [];
  const stable = (sql: string) => sql.replace(/__strata_tmp_(\w+?)_[a-z0-9]+"/g, '__strata_tmp_$1_SUFFIX"');
  const wrapped: Connection = {
    execute: (sql) => (statements.push(stable(sql)), connection.execute(sql)),
    query: (sql) => connection.query(sql),
    transaction: async (list) => {
      statements.push('BEGIN', ...list.map(stable), 'COMMIT');
      return connection.transaction(list);
    },
    cancel: () => connection.cancel(),
    close: () => connection.close(),
  };
  return { connection: wrapped, statements };
}

const golden = (name: string) => readFileSync(join(import.meta.dirname, 'golden', name), 'utf8').trim().split('\n---\n');

describe('DuckDB materializations (golden SQL)', () => {
  let adapter: DuckDbAdapter;
  let raw: Connection;
  beforeAll(async () => {
    adapter = await DuckDbAdapter.open({ path: ':memory:' });
    raw = await adapter.connect();
    await raw.execute('create schema marts');
  });
  afterAll(() => adapter.close());

  it('creates a table under a temporary name, then drops and renames in one transaction', async () => {
    await adapter.createMaterializer(raw).table({ schema: 'marts', name: 'orders' }, 'select 1 as id');
    const { connection, statements } = recording(raw);
    await adapter.createMaterializer(connection).table({ schema: 'marts', name: 'orders' }, 'select 2 as id');
    expect(statements).toEqual(golden('table-replace.sql'));
  });

  it('replaces a view in place', async () => {
    const { connection, statements } = recording(raw);
    await adapter.createMaterializer(connection).view({ schema: 'marts', name: 'v' }, 'select 1 as id');
    expect(statements).toEqual(golden('view-create.sql'));
  });
});
