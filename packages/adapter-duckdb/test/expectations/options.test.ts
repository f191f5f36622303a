import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeResult, RunSummary } from '@strata/core';
import { csvRows, fixture, FixtureWarehouse, resultOf } from './run-fixture.js';

/** mostly, severity, where, names and dbt thresholds on DuckDB (fixtures/options). */
const rows = csvRows(`${fixture('options')}/seeds/raw_scores.csv`);

describe('check options on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('options');
  let summary: RunSummary;
  const of = (name: string): NodeResult => resultOf(summary.results, name);
  const model = (name: string) => summary.results.find((r) => r.resourceType === 'model' && r.name === name)!;
  beforeAll(async () => {
    summary = await warehouse.run(project);
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('mostly: a share of failing rows within tolerance passes, beyond it fails', () => {
    const nulls = rows.filter((r) => r.note === null).length;
    const loose = of('not_null_scores_note');
    expect(loose.status).toBe('pass');
    expect(loose.expectation).toMatchObject({ success: true, unexpected_count: nulls, unexpected_percent: (nulls / rows.length) * 100 });
    expect(loose.expectation!.partial_unexpected_list).toHaveLength(nulls);
    const strict = of('not_null_scores_note_strict');
    expect(strict.status).toBe('fail');
    expect(strict.expectation).toMatchObject({ success: false, unexpected_count: nulls });
  });

  it('where: only rows matching the filter are checked and counted', () => {
    const small = rows.filter((r) => r.kind === 'small');
    const r = of('between_scores_value');
    expect(r.status).toBe('pass');
    expect(r.expectation).toMatchObject({ element_count: small.length, unexpected_count: 0 });
    expect(rows.some((row) => row.kind === 'big' && Number(row.value) > 5)).toBe(true);
  });

  it('severity warn reports without failing; names replace the generated ones', () => {
    const named = of('no_bad_codes');
    expect(named.status).toBe('warn');
    expect(named.expectation!.partial_unexpected_list).toEqual(['BAD']);
    const alias = of('enough_rows');
    expect(alias.status).toBe('warn');
    expect(alias.message).toBe(`${rows.length} rows, expected at least 100`);
    expect(of('accepted_values_warned_grade').status).toBe('warn');
  });

  it('warn_if / error_if decide on the failure count like dbt', () => {
    const failures = rows.filter((r) => !(Number(r.value) > 2)).length;
    expect(failures).toBe(2);
    expect(of('thresholds_warn')).toMatchObject({ status: 'warn', failures });
    expect(of('thresholds_fail')).toMatchObject({ status: 'fail', failures });
    expect(of('thresholds_pass')).toMatchObject({ status: 'pass', failures });
  });

  it('error failures skip downstream models; warnings do not', () => {
    expect(model('after_scores').status).toBe('skipped');
    expect(model('after_scores').message).toMatch(/^skipped because /);
    expect(model('after_warned')).toMatchObject({ status: 'success', rowsAffected: 1 });
    expect(summary.success).toBe(false);
  });
});
