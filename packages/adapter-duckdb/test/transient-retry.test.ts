import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError, type AdapterFactory, type RunEvent } from '@strata/core';
import { interceptingFactory } from './support/intercepting-factory.js';
import { csv, Warehouse, writeProject } from './support/warehouse.js';

/**
 * DuckDB with a flaky network in front: statements creating `flaky`'s table lose the
 * connection `failures` times before going through. Counts every statement per model.
 */
function flakyFactory(failures: number, seen: Map<string, number>): AdapterFactory {
  let left = failures;
  return interceptingFactory(async (sql, next) => {
    const model = /CREATE TABLE "[^"]+"\."__strata_tmp_(\w+?)_[a-z0-9]+"/.exec(sql)?.[1];
    if (model) seen.set(model, (seen.get(model) ?? 0) + 1);
    if (model === 'flaky' && left > 0) {
      left--;
      throw new AdapterError('Connection Error: connection to the server was lost', { sql, transient: true });
    }
    return next();
  });
}

const FILES = {
  'seeds/orders.csv': csv('order_id,amount', [[1, 10], [2, 20]]),
  'models/marts/flaky.sql': "select sum(amount) as total from {{ source('raw', 'orders') }}",
  'models/marts/broken.sql': "select no_such_column from {{ source('raw', 'orders') }}",
};

describe('transient warehouse errors', () => {
  const w = new Warehouse();
  afterAll(() => w.dispose());

  it('are retried with exponential backoff; SQL errors are never retried', async () => {
    const seen = new Map<string, number>();
    const events: RunEvent[] = [];
    const summary = await w.run(writeProject(FILES), 'build', { adapters: { duckdb: flakyFactory(2, seen) }, retry: { count: 3, backoffMs: 5 }, onEvent: (e) => events.push(e) });
    expect(summary.results.find((r) => r.name === 'flaky')!.status).toBe('success');
    expect(await w.query('select total from shop_marts.flaky')).toEqual([{ total: 30 }]);
    expect(events.filter((e) => e.type === 'node_retrying').map((e) => e.type === 'node_retrying' && [e.name, e.attempt, e.delayMs])).toEqual([
      ['flaky', 1, 5],
      ['flaky', 2, 10],
    ]);
    expect(seen.get('flaky')).toBe(3);
    const broken = summary.results.find((r) => r.name === 'broken')!;
    expect(broken.status).toBe('error');
    expect(broken.message).toContain('no_such_column');
    expect(seen.get('broken')).toBe(1);
  });

  it('give up after the configured number of retries with the last error', async () => {
    const seen = new Map<string, number>();
    const summary = await w.run(writeProject(FILES), 'build', { adapters: { duckdb: flakyFactory(5, seen) }, retry: { count: 1, backoffMs: 1 } });
    const flaky = summary.results.find((r) => r.name === 'flaky')!;
    expect(flaky.status).toBe('error');
    expect(flaky.message).toContain('connection to the server was lost');
    expect(seen.get('flaky')).toBe(2);
  });
});
