import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { csvRows, fixture, FixtureWarehouse, resultOf } from './run-fixture.js';

/** `--store-failures`: each failed check's failing rows in `<schema>_audit.<test name>`, replaced on every run. */
const failRows = csvRows(`${fixture('checks')}/seeds/raw_fail.csv`);

describe('--store-failures on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('checks');
  let first: RunSummary;
  let second: RunSummary;
  const audit = (name: string) => `"checks_audit"."${name}"`;
  beforeAll(async () => {
    first = await warehouse.run(project, 'build', { storeFailures: true });
    // A stale table of a check that passes must not survive the next run.
    await warehouse.query('create table "checks_audit"."unique_pass_id" as select 1 as stale');
    second = await warehouse.run(project, 'test', { storeFailures: true });
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('keeps the failing rows of row checks, with the relation’s own columns', async () => {
    const rows = await warehouse.query<{ id: number; customer_id: number }>(`select * from ${audit('unique_fail_id')} order by customer_id`);
    expect(rows.map((r) => [r.id, r.customer_id])).toEqual(failRows.filter((r) => r.id === '3').map((r) => [3, Number(r.customer_id)]).sort((a, b) => a[1]! - b[1]!));
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(failRows[0]!));
    const nulls = await warehouse.query(`select count(*) as n from ${audit('not_null_fail_id')}`);
    expect(nulls).toEqual([{ n: failRows.filter((r) => r.id === null).length }]);
  });

  it('keeps orphan rows of relationships and a summary row of aggregates', async () => {
    const orphans = await warehouse.query<{ customer_id: number }>(`select customer_id from ${audit('relationships_fail_customer_id__customers_customer_id')} order by 1`);
    expect(orphans.map((r) => r.customer_id)).toEqual([9, 42]);
    const mean = await warehouse.query(`select * from ${audit('mean_between_fail_amount')}`);
    expect(mean).toEqual([{ test_name: 'mean_between_fail_amount', observed_value: '1011.875', summary: 'mean is 1011.875, expected between 10 and 500' }]);
  });

  it('names the audit table in the result and replaces it on each run', async () => {
    expect(resultOf(second.results, 'unique_fail_id').expectation!.failures_relation).toBe(audit('unique_fail_id'));
    expect(resultOf(first.results, 'unique_fail_id').expectation!.failures_relation).toBe(audit('unique_fail_id'));
    const count = await warehouse.query(`select count(*) as n from ${audit('unique_fail_id')}`);
    expect(count).toEqual([{ n: 2 }]);
  });

  it('holds tables only for failed checks', async () => {
    const tables = await warehouse.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'checks_audit' order by 1");
    const names = tables.map((t) => t.table_name);
    const failed = second.results.filter((r) => r.resourceType === 'test' && r.status !== 'pass').map((r) => r.name);
    expect(names).toEqual([...failed].sort());
    expect(names).not.toContain('unique_pass_id');
    // 47 checks on `fail`; its 16 not_null checks on complete columns pass.
    expect(names.length).toBe(47 - 16);
  });
});
