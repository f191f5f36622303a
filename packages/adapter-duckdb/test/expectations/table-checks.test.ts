import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { csvRows, fixture, FixtureWarehouse, resultOf } from './run-fixture.js';

/** Relation-level checks on DuckDB; expected numbers computed here from the seed CSVs. */
const passRows = csvRows(`${fixture('checks')}/seeds/raw_pass.csv`);
const failRows = csvRows(`${fixture('checks')}/seeds/raw_fail.csv`);
const n = (v: string | null) => Number(v);

describe('table checks on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('checks');
  let summary: RunSummary;
  const of = (name: string) => resultOf(summary.results, name);
  beforeAll(async () => {
    summary = await warehouse.run(project);
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('row count between', () => {
    expect(of('row_count_between_pass').expectation).toMatchObject({ success: true, observed_value: passRows.length });
    const bad = of('row_count_between_fail');
    expect(bad.expectation).toMatchObject({ success: false, observed_value: failRows.length, element_count: failRows.length });
    expect(bad.message).toBe(`${failRows.length} rows, expected between 10 and 20`);
  });

  it("row count equal to another model's", () => {
    expect(of('row_count_equal_pass').expectation).toMatchObject({ success: true, observed_value: 12 });
    const bad = of('row_count_equal_fail');
    expect(bad.expectation).toMatchObject({ success: false, observed_value: failRows.length, unexpected_count: passRows.length - failRows.length });
    expect(bad.message).toBe('8 rows, expected 12 (the rows of twelve)');
  });

  it('compound unique over several columns', () => {
    const key = (r: (typeof failRows)[number]) => `${r.customer_id}|${r.order_date}`;
    const counts = new Map<string, number>();
    for (const r of failRows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    const duplicated = failRows.filter((r) => counts.get(key(r))! > 1);
    const bad = of('unique_combination_fail');
    expect(bad.expectation).toMatchObject({ unexpected_count: duplicated.length, unexpected_percent: (duplicated.length / failRows.length) * 100 });
    expect(bad.expectation!.partial_unexpected_list).toEqual(duplicated.map((r) => ({ customer_id: n(r.customer_id), order_date: new Date(`${r.order_date}T00:00:00Z`) })));
  });

  it('column A greater than column B', () => {
    const failing = failRows.filter((r) => !(n(r.total) > n(r.tax)));
    const bad = of('column_pair_greater_fail');
    expect(bad.expectation).toMatchObject({ expectation_type: 'expect_column_pair_values_a_to_be_greater_than_b', unexpected_count: failing.length, unexpected_percent: 25 });
    expect(bad.expectation!.partial_unexpected_list).toEqual(failing.map((r) => ({ total: n(r.total), tax: n(r.tax) })));
  });

  it('multicolumn sum equals a total', () => {
    const failing = failRows.filter((r) => n(r.part_a) + n(r.part_b) + n(r.part_c) !== 100);
    const bad = of('multicolumn_sum_equal_fail');
    expect(bad.expectation!.unexpected_count).toBe(failing.length);
    const sample = (bad.expectation!.partial_unexpected_list as Array<Record<string, number>>).map((s) => s.part_a! + s.part_b! + s.part_c!).sort();
    expect(sample).toEqual(failing.map((r) => n(r.part_a) + n(r.part_b) + n(r.part_c)).sort());
  });

  it('expression_is_true samples the failing rows whole', () => {
    const failing = failRows.filter((r) => n(r.total) < 0);
    const bad = of('expression_is_true_fail');
    expect(bad.expectation).toMatchObject({ unexpected_count: failing.length, unexpected_percent: 12.5 });
    expect(bad.expectation!.partial_unexpected_list).toEqual([expect.objectContaining({ id: 4, total: -1, tax: -5 })]);
  });

  it('data present for every day between two dates', () => {
    const present = new Set(failRows.map((r) => r.order_date));
    const days = Array.from({ length: 12 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);
    const missing = days.filter((d) => !present.has(d));
    const bad = of('data_for_every_day_fail');
    expect(bad.expectation).toMatchObject({ element_count: 12, unexpected_count: missing.length, unexpected_percent: (missing.length / 12) * 100, partial_unexpected_list: missing });
    expect(of('data_for_every_day_pass').expectation).toMatchObject({ success: true, element_count: 12, unexpected_count: 0 });
  });

  it('an error-severity failure skips nothing upstream but fails the run', () => {
    expect(summary.success).toBe(false);
    expect(summary.results.filter((r) => r.resourceType === 'model').every((r) => r.status === 'success')).toBe(true);
  });
});
