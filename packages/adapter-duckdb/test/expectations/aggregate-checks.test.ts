import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { csvRows, fixture, FixtureWarehouse, resultOf } from './run-fixture.js';

/** Aggregate checks (`observed_value`) on DuckDB; expected values computed here from the seed CSVs. */
const passRows = csvRows(`${fixture('checks')}/seeds/raw_pass.csv`);
const failRows = csvRows(`${fixture('checks')}/seeds/raw_fail.csv`);

const numbers = (rows: typeof passRows, column: string) => rows.map((r) => r[column]).filter((v): v is string => v !== null).map(Number);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const stdev = (xs: number[]) => Math.sqrt(sum(xs.map((x) => (x - mean(xs)) ** 2)) / (xs.length - 1));
const distinct = (rows: typeof passRows, column: string) => [...new Set(rows.map((r) => r[column]).filter((v) => v !== null))].sort() as string[];

const STATS = { min: (xs: number[]) => Math.min(...xs), max: (xs: number[]) => Math.max(...xs), mean, median, sum, stdev };

describe('aggregate checks on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('checks');
  let summary: RunSummary;
  const of = (name: string) => resultOf(summary.results, name);
  beforeAll(async () => {
    summary = await warehouse.run(project);
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it.each(Object.keys(STATS) as Array<keyof typeof STATS>)('%s of a column: observed value and bounds', (stat) => {
    const good = of(`${stat}_between_pass_amount`);
    const bad = of(`${stat}_between_fail_amount`);
    const observedGood = STATS[stat](numbers(passRows, 'amount'));
    const observedBad = STATS[stat](numbers(failRows, 'amount'));
    expect(good.status).toBe('pass');
    expect(good.expectation!.observed_value).toBeCloseTo(observedGood, 9);
    expect(bad.status).toBe('fail');
    expect(bad.expectation!.observed_value).toBeCloseTo(observedBad, 9);
    expect(bad.expectation).toMatchObject({ success: false, element_count: failRows.length, unexpected_count: 1, missing_count: 0 });
    expect(bad.message).toMatch(new RegExp(`^${stat} is ${String(observedBad).slice(0, 6).replace('.', '\\.')}`));
  });

  it('pins the fail fixture values worked out by hand', () => {
    expect(of('mean_between_fail_amount').expectation!.observed_value).toBe(8095 / 8);
    expect(of('median_between_fail_amount').expectation!.observed_value).toBe(750);
    expect(of('sum_between_fail_amount').message).toBe('sum is 8095, expected between 100 and 5000');
    expect(of('min_between_fail_amount').message).toBe('min is -5, expected between 0 and 1000');
  });

  it('distinct count and proportion of unique values', () => {
    expect(of('distinct_count_between_pass_category').expectation!.observed_value).toBe(distinct(passRows, 'category').length);
    const count = of('distinct_count_between_fail_category');
    expect(count.expectation!.observed_value).toBe(distinct(failRows, 'category').length);
    expect(count.message).toBe('distinct_count is 4, expected between 3 and 3');
    expect(of('proportion_unique_between_pass_category').expectation!.observed_value).toBe(3 / 12);
    const proportion = of('proportion_unique_between_fail_category');
    expect(proportion.status).toBe('fail');
    expect(proportion.expectation!.observed_value).toBe(distinct(failRows, 'category').length / failRows.length);
  });

  it('distinct values in a set and equal to a set', () => {
    const set = ['a', 'b', 'c'];
    const inSet = of('distinct_values_in_set_fail_category');
    const outside = distinct(failRows, 'category').filter((v) => !set.includes(v));
    expect(inSet.expectation).toMatchObject({ success: false, unexpected_count: outside.length, partial_unexpected_list: outside, observed_value: distinct(failRows, 'category') });
    expect(inSet.message).toBe('2 value(s) outside the set');
    const equal = of('distinct_values_equal_set_fail_category');
    const missing = set.filter((v) => !distinct(failRows, 'category').includes(v));
    expect(equal.expectation!.unexpected_count).toBe(outside.length + missing.length);
    expect(equal.message).toBe('2 value(s) outside the set; missing "c"');
    expect(of('distinct_values_equal_set_pass_category').expectation).toMatchObject({ success: true, observed_value: set });
  });

  it('null proportion', () => {
    const nulls = (rows: typeof passRows) => rows.filter((r) => r.discount === null).length / rows.length;
    expect(of('null_proportion_between_pass_discount').expectation).toMatchObject({ success: true, observed_value: nulls(passRows) });
    const bad = of('null_proportion_between_fail_discount');
    expect(bad.expectation).toMatchObject({ success: false, observed_value: nulls(failRows), missing_count: 4, missing_percent: 50 });
  });
});
