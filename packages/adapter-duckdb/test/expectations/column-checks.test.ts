import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeResult, RunSummary } from '@strata/core';
import { csvRows, fixture, FixtureWarehouse, resultOf } from './run-fixture.js';

/**
 * Column checks on DuckDB. `pass` and `fail` share one schema (fixtures/checks/models/marts/schema.ts);
 * every expected number below is worked out in TypeScript from the seed CSVs, never read back from SQL.
 */
const passRows = csvRows(`${fixture('checks')}/seeds/raw_pass.csv`);
const failRows = csvRows(`${fixture('checks')}/seeds/raw_fail.csv`);

/** Expected GE numbers of a row check: failing rows among the non-null values of `column`. */
function expected(rows: typeof failRows, column: string | undefined, fails: (r: (typeof failRows)[number]) => boolean) {
  const nonNull = column ? rows.filter((r) => r[column] !== null).length : rows.length;
  const failing = rows.filter(fails);
  return {
    element_count: rows.length,
    unexpected_count: failing.length,
    unexpected_percent: (failing.length / nonNull) * 100,
    unexpected_percent_total: (failing.length / rows.length) * 100,
  };
}

const num = (v: string | null) => (v === null ? null : Number(v));

describe('column checks on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('checks');
  let summary: RunSummary;
  const of = (name: string): NodeResult => resultOf(summary.results, name);
  beforeAll(async () => {
    summary = await warehouse.run(project);
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('passes every check on the pass fixture', () => {
    const tests = summary.results.filter((r) => r.resourceType === 'test' && r.name.includes('_pass_'));
    expect(tests.length).toBe(47);
    expect(tests.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.message}`)).toEqual([]);
    for (const t of tests) expect(t.expectation!.element_count).toBe(t.name.startsWith('data_for_every_day') ? 12 : passRows.length);
  });

  it('not_null counts nulls over all rows and samples whole rows', () => {
    const r = of('not_null_fail_id');
    expect(r.status).toBe('fail');
    expect(r.expectation).toMatchObject({ expectation_type: 'expect_column_values_to_not_be_null', ...expected(failRows, undefined, (row) => row.id === null) });
    expect(r.expectation!.unexpected_count).toBe(1);
    expect(r.expectation!.partial_unexpected_list).toEqual([expect.objectContaining({ id: null, customer_id: 5, score: 100 })]);
  });

  it('unique flags every row of a duplicated value, percent of non-null rows', () => {
    const counts = new Map<string, number>();
    for (const row of failRows) if (row.id !== null) counts.set(row.id, (counts.get(row.id) ?? 0) + 1);
    const r = of('unique_fail_id');
    expect(r.expectation).toMatchObject(expected(failRows, 'id', (row) => row.id !== null && counts.get(row.id)! > 1));
    expect(r.expectation!.unexpected_percent).toBeCloseTo((2 / 7) * 100, 10);
    expect(r.expectation!.partial_unexpected_list).toEqual([3, 3]);
    expect(r.message).toBe('2 unexpected of 8 (28.57%)');
  });

  it('accepted values (z.enum) and not-in-set', () => {
    const enumValues = ['placed', 'shipped', 'returned'];
    const status = of('accepted_values_fail_status');
    expect(status.expectation).toMatchObject(expected(failRows, 'status', (row) => !enumValues.includes(row.status!)));
    expect(status.expectation!.partial_unexpected_list).toEqual(['lost', 'shiped']);
    const channel = of('not_accepted_values_fail_channel');
    expect(channel.expectation).toMatchObject({ expectation_type: 'expect_column_values_to_not_be_in_set', ...expected(failRows, 'channel', (row) => ['internal', 'test'].includes(row.channel!)) });
    expect(channel.expectation!.partial_unexpected_list).toEqual(['test']);
  });

  it('between (min/max) and string length', () => {
    const amount = of('between_fail_amount');
    expect(amount.expectation).toMatchObject(expected(failRows, 'amount', (row) => num(row.amount)! < 0 || num(row.amount)! > 1000));
    expect(amount.expectation!.partial_unexpected_list).toEqual([-5, 2000, 3000]);
    const code = of('length_between_fail_code');
    expect(code.expectation).toMatchObject(expected(failRows, 'code', (row) => row.code!.length < 3 || row.code!.length > 5));
    expect(code.expectation!.partial_unexpected_list).toEqual(['AB', 'ABCDEFG']);
  });

  it('email and uuid patterns, translated to RE2, agree with zod', async () => {
    const { z } = await import('zod');
    const email = of('matches_pattern_fail_email');
    expect(email.expectation).toMatchObject({ expectation_type: 'expect_column_values_to_match_regex', ...expected(failRows, 'email', (row) => row.email !== null && !z.email().safeParse(row.email).success) });
    expect(email.expectation!.partial_unexpected_list).toEqual(['not-an-email', 'x@y']);
    const uuid = of('matches_pattern_fail_ref_uuid');
    expect(uuid.expectation).toMatchObject(expected(failRows, 'ref_uuid', (row) => row.ref_uuid !== null && !z.uuid().safeParse(row.ref_uuid).success));
    expect(uuid.expectation!.unexpected_percent).toBe(50);
    expect(uuid.expectation!.partial_unexpected_list).toEqual(['zzz']);
  });

  it('increasing / decreasing compare each value with the previous one in the order column', () => {
    // Order by id (nulls last), ties by the checked value in the check's favour, as the SQL does.
    const ordered = (column: string, direction: 1 | -1) =>
      [...failRows].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : Number(a.id) - Number(b.id)) || direction * (Number(a[column]) - Number(b[column])));
    const breaks = (column: string, direction: 1 | -1) =>
      ordered(column, direction)
        .map((row, i, all) => ({ id: num(row.id), [column]: Number(row[column]), [`previous_${column}`]: i ? Number(all[i - 1]![column]) : null }))
        .filter((s, i) => i > 0 && direction * ((s[column] as number) - (s[`previous_${column}`] as number)) < 0);
    const seq = of('increasing_fail_seq');
    expect(seq.expectation!.unexpected_count).toBe(breaks('seq', 1).length);
    expect(seq.expectation!.partial_unexpected_list).toEqual(breaks('seq', 1));
    expect(seq.expectation!.partial_unexpected_list).toEqual([{ id: 6, seq: 3, previous_seq: 7 }]);
    const balance = of('decreasing_fail_balance');
    expect(balance.expectation!.unexpected_count).toBe(2);
    expect(balance.expectation!.partial_unexpected_list).toEqual(breaks('balance', -1));
    expect(balance.expectation!.unexpected_percent).toBe(25);
  });

  it('z-score outliers use the sample standard deviation', () => {
    const scores = failRows.map((r) => Number(r.score));
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1));
    const outliers = scores.filter((s) => Math.abs(s - mean) / sd > 2);
    const r = of('z_score_fail_score');
    expect(r.expectation).toMatchObject({ unexpected_count: outliers.length, unexpected_percent: (outliers.length / scores.length) * 100 });
    expect(r.expectation!.partial_unexpected_list).toEqual([100]);
    const passScores = passRows.map((row) => Number(row.score));
    const passMean = passScores.reduce((a, b) => a + b, 0) / passScores.length;
    const passSd = Math.sqrt(passScores.reduce((a, b) => a + (b - passMean) ** 2, 0) / (passScores.length - 1));
    expect(passScores.filter((s) => Math.abs(s - passMean) / passSd > 2)).toEqual([]);
    expect(of('z_score_pass_score').expectation!.unexpected_count).toBe(0);
  });

  it('recent data compares the newest timestamp with the run clock', () => {
    const newest = failRows.map((r) => r.ordered_at!).sort().at(-1)!;
    const r = of('recent_data_fail_ordered_at');
    expect(r.status).toBe('fail');
    expect(r.expectation!.observed_value).toBe(`${newest.replace(' ', 'T')}.000Z`);
    expect(r.message).toMatch(/^newest value 2020-01-08T12:30:00.000Z is older than 2 day\(s\) before /);
    const pass = of('recent_data_pass_ordered_at');
    expect(Date.now() - Date.parse(pass.expectation!.observed_value as string)).toBeLessThan(2 * 3_600_000);
  });

  it('relationships run as their own query and sample orphan keys', () => {
    const customers = new Set(['1', '2', '3', '4', '5']);
    const r = of('relationships_fail_customer_id__customers_customer_id');
    expect(r.expectation).toMatchObject(expected(failRows, 'customer_id', (row) => !customers.has(row.customer_id!)));
    expect(r.expectation!.partial_unexpected_list).toEqual([9, 42]);
  });

  it('keeps results in run_results.json with the GE fields', async () => {
    const { readFileSync } = await import('node:fs');
    const runResults = JSON.parse(readFileSync(`${project}/target/run_results.json`, 'utf8'));
    const entry = runResults.results.find((r: { unique_id: string }) => r.unique_id === 'test.checks.unique_fail_id');
    expect(entry.status).toBe('fail');
    expect(entry.failures).toBe(2);
    expect(entry.adapter_response.strata.expectation).toMatchObject({ success: false, unexpected_count: 2, element_count: 8, missing_count: 1, partial_unexpected_list: [3, 3] });
  });
});
