import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { FixtureWarehouse } from './run-fixture.js';

/** Contracts are verified on the temporary relation: a violation fails the model and keeps the previous version. */
describe('contracts on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('contracts');
  let good: RunSummary;
  let broken: RunSummary;
  let viewBroken: RunSummary;
  const model = (summary: RunSummary, name: string) => summary.results.find((r) => r.name === name)!;
  beforeAll(async () => {
    good = await warehouse.run(project, 'run');
    broken = await warehouse.run(project, 'run', { vars: { broken: true } });
    viewBroken = await warehouse.run(project, 'run', { vars: { view_broken: true } });
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('builds models whose columns and types match their schema', () => {
    expect(model(good, 'customers')).toMatchObject({ status: 'success', rowsAffected: 2 });
    expect(model(good, 'customers_view').status).toBe('success');
  });

  it('fails a table that breaks its contract, listing missing, extra and mistyped columns', () => {
    const r = model(broken, 'customers');
    expect(r.status).toBe('error');
    expect(r.error!.code).toBe('E_CONTRACT');
    expect(r.message).toContain("model 'customers' violates its contract — missing columns: name; extra columns: extra; mistyped columns: id (schema: bigint, built: VARCHAR)");
    expect(r.message).toContain('the previous table was kept');
  });

  it('keeps the previous table, and leaves no temporary relation behind', async () => {
    expect(await warehouse.query('select id, name from "contracts_marts"."customers" order by id')).toEqual([
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bo' },
    ]);
    const leftovers = await warehouse.query("select table_name from information_schema.tables where table_schema = 'contracts_marts' order by 1");
    expect(leftovers.map((t) => t.table_name)).toEqual(['customers', 'customers_view']);
  });

  it('keeps the previous view too; its dependant is skipped, not built on bad data', async () => {
    expect(model(broken, 'customers_view').status).toBe('skipped');
    const columns = await warehouse.query("select column_name from information_schema.columns where table_schema = 'contracts_marts' and table_name = 'customers_view' order by ordinal_position");
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'name', 'signup_date']);
  });

  it('fails a view that breaks its contract and keeps the previous view', async () => {
    const r = model(viewBroken, 'customers_view');
    expect(r.status).toBe('error');
    expect(r.message).toContain("model 'customers_view' violates its contract — missing columns: name, signup_date; extra columns: extra");
    expect(await warehouse.query('select * from "contracts_marts"."customers_view" order by id')).toEqual([
      { id: 1, name: 'Ann', signup_date: new Date('2024-01-01T00:00:00Z') },
      { id: 2, name: 'Bo', signup_date: new Date('2024-01-02T00:00:00Z') },
    ]);
  });
});
