import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError, type AdapterFactory, type RunEvent } from '@strata/core';
import { interceptingFactory } from './support/intercepting-factory.js';
import { csv, Warehouse, writeProject } from './support/warehouse.js';

/**
 * DuckDB whose memory fits one `big_*` table at a time: a CREATE TABLE of one fails with DuckDB's
 * out-of-memory error while another is being built. Each build takes a moment, so builds started
 * together overlap. Records the most builds in flight while a second attempt of one ran.
 */
function tightMemoryFactory(stats: { inFlight: number; maxInFlightOnRetry: number; failures: number }): AdapterFactory {
  const attempts = new Map<string, number>();
  return interceptingFactory(async (sql, next) => {
    const model = /CREATE TABLE "[^"]+"\."__strata_tmp_(big_\w)_/.exec(sql)?.[1];
    if (!model) return next();
    const attempt = (attempts.get(model) ?? 0) + 1;
    attempts.set(model, attempt);
    stats.inFlight++;
    try {
      await new Promise((resolve) => setTimeout(resolve, 60));
      if (attempt > 1) stats.maxInFlightOnRetry = Math.max(stats.maxInFlightOnRetry, stats.inFlight);
      if (stats.inFlight > 1) {
        stats.failures++;
        throw new AdapterError('Out of Memory Error: failed to pin block of size 256.0 KiB (245.7 MiB/244.1 MiB used)', { sql });
      }
      return await next();
    } finally {
      stats.inFlight--;
    }
  });
}

const FILES = {
  'seeds/orders.csv': csv('order_id,amount', [[1, 10], [2, 20]]),
  'models/marts/big_a.sql': "select sum(amount) as total from {{ source('raw', 'orders') }}",
  'models/marts/big_b.sql': "select count(*) as n from {{ source('raw', 'orders') }}",
  'models/marts/big_c.sql': "select max(amount) as top from {{ source('raw', 'orders') }}",
};

describe('a node that runs out of memory beside others', () => {
  const w = new Warehouse();
  afterAll(() => w.dispose());

  it('is retried once with nothing else running, and succeeds', async () => {
    const stats = { inFlight: 0, maxInFlightOnRetry: 0, failures: 0 };
    const events: RunEvent[] = [];
    const summary = await w.run(writeProject(FILES), 'build', {
      threads: 3,
      adapters: { duckdb: tightMemoryFactory(stats) },
      onEvent: (e) => events.push(e),
    });
    expect(summary.results.filter((r) => r.name.startsWith('big_')).map((r) => [r.name, r.status]).sort()).toEqual([
      ['big_a', 'success'],
      ['big_b', 'success'],
      ['big_c', 'success'],
    ]);
    expect(await w.query('select total from shop_marts.big_a')).toEqual([{ total: 30 }]);
    const retried = events.filter((e) => e.type === 'node_retrying');
    // The three started together: the first two to finish failed (another was in flight), the last
    // one then had the memory to itself; the two failed ones ran again alone, one after the other.
    expect(stats.failures).toBe(2);
    expect(new Set(retried.map((e) => e.type === 'node_retrying' && e.name)).size).toBe(2);
    expect(retried[0]!.type === 'node_retrying' && retried[0]!.message).toBe(
      'ran out of memory beside other nodes: retrying it alone (Out of Memory Error: failed to pin block of size 256.0 KiB (245.7 MiB/244.1 MiB used))',
    );
    expect(stats.maxInFlightOnRetry).toBe(1);
  });

  it('never overlaps with one thread, so nothing fails or is retried', async () => {
    const stats = { inFlight: 0, maxInFlightOnRetry: 0, failures: 0 };
    const events: RunEvent[] = [];
    const summary = await w.run(writeProject(FILES), 'build', { threads: 1, adapters: { duckdb: tightMemoryFactory(stats) }, onEvent: (e) => events.push(e) });
    expect(summary.results.filter((r) => r.name.startsWith('big_')).map((r) => r.status)).toEqual(['success', 'success', 'success']);
    expect(stats.failures).toBe(0);
    expect(events.filter((e) => e.type === 'node_retrying')).toEqual([]);
  });
});
