import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanChecks, type Connection, type ScanCheck } from '@strata/core';
import type { PostgresAdapter } from '../src/index.js';
import { openPg, uniqueSchema } from './pg-env.js';

const schema = uniqueSchema('strata_unique');

/**
 * Uniqueness checks in the expectation scan on Postgres, where duplicated keys are counted with
 * a window (`PostgresDialect.duplicateKeys`): the same counts and samples as the grouped join
 * DuckDB uses, over a view (whose row estimate is what made the join quadratic).
 */
describe('uniqueness checks in the Postgres scan', () => {
  let adapter: PostgresAdapter;
  let connection: Connection;

  beforeAll(async () => {
    adapter = await openPg();
    connection = await adapter.connect();
    await connection.execute(`create schema ${schema}`);
    // id: 2 twice, null twice; (a, b): (1, null) twice, every other pair once; kind 'x' rows have unique ids.
    await connection.execute(`create table ${schema}.events as select * from (values
      (1, 1, 1, 'x'), (2, 1, null, 'y'), (2, 1, null, 'y'), (null, 1, 2, 'x'), (null, 2, 2, 'x'), (3, 2, 3, 'y')) as t(id, a, b, kind)`);
    await connection.execute(`create view ${schema}.events_view as select * from ${schema}.events where id is distinct from 0`);
  });
  afterAll(async () => {
    await connection.execute(`drop schema ${schema} cascade`);
    await connection.close();
    await adapter.close();
  });

  it('counts rows with a duplicated key, null keys apart, compound keys with nulls together, within a where', async () => {
    const options = { severity: 'error' as const, mostly: 1 };
    const checks: ScanCheck[] = [
      { id: 'id', check: { kind: 'unique', column: 'id' }, options },
      { id: 'ab', check: { kind: 'unique_combination', columns: ['a', 'b'] }, options },
      { id: 'id_x', check: { kind: 'unique', column: 'id' }, options: { ...options, where: "kind = 'x'" } },
    ];
    const outcome = await runScanChecks(connection, adapter.dialect, `"${schema}"."events_view"`, checks);
    expect(outcome.sql).toContain('over (partition by __rel."id")');
    expect(outcome.sql).not.toContain('left join');
    const id = outcome.results.get('id')!;
    expect([id.unexpected_count, id.element_count, id.partial_unexpected_list]).toEqual([2, 6, [2, 2]]);
    const ab = outcome.results.get('ab')!;
    expect([ab.unexpected_count, ab.success]).toEqual([2, false]);
    expect(ab.partial_unexpected_list).toEqual([{ a: 1, b: null }, { a: 1, b: null }]);
    const idX = outcome.results.get('id_x')!;
    expect([idX.unexpected_count, idX.element_count, idX.success]).toEqual([0, 3, true]);
  });
});
