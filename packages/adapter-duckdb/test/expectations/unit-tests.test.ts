import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace, runUnitTests, type UnitTestResult } from '@strata/core';
import { duckdbAdapterFactory } from '../../src/index.js';
import { FixtureWarehouse } from './run-fixture.js';

/** Unit tests (tests/unit/*.ts) run in a throwaway in-memory DuckDB, never in the target warehouse. */
describe('unit tests on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('unit');
  let results: UnitTestResult[];
  const byName = (name: string) => results.find((r) => r.name === name)!;
  beforeAll(async () => {
    const workspace = await loadWorkspace({ projects: [project] });
    workspace.target = { adapter: 'duckdb', path: warehouse.path };
    results = await runUnitTests(workspace, { adapter: duckdbAdapterFactory });
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('passes when the model returns the expected rows (through an ephemeral model)', () => {
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['sums paid orders per customer', 'pass'],
      ['a wrong expectation shows the difference', 'fail'],
      ['given rows must fit the upstream schemas', 'error'],
      ['staging drops test orders', 'pass'],
    ]);
    expect(byName('sums paid orders per customer')).toMatchObject({ project: 'unit', model: 'dim_customers', file: join(project, 'tests', 'unit', 'dim_customers.ts') });
  });

  it('shows missing and unexpected rows on the compared columns', () => {
    expect(byName('a wrong expectation shows the difference').message).toBe(
      [
        '1 expected row(s) missing, 1 unexpected row(s) (2 returned, 2 expected)',
        '  - {"customer_id":2,"lifetime_value":8}',
        '  + {"customer_id":2,"lifetime_value":7}',
      ].join('\n'),
    );
  });

  it('validates given rows against the upstream schemas', () => {
    expect(byName('given rows must fit the upstream schemas').message).toBe(
      [
        'the given rows do not fit:',
        "  given stg_orders row 1: 'colour' is not a column of stg_orders (columns: order_id, customer_id, amount, status, ordered_at)",
        '  given stg_orders row 1: amount -1 is out of range [0, ∞] (between_stg_orders_amount)',
        "  given stg_orders row 1: status 'bogus' is not one of 'paid', 'refunded' (accepted_values_stg_orders_status)",
        "  given raw.customers row 1: name '' has length 0, expected 1 to ∞ (length_between_raw_customers_name)",
      ].join('\n'),
    );
  });

  it('never opens the target warehouse', () => {
    expect(existsSync(warehouse.path)).toBe(false);
  });
});
