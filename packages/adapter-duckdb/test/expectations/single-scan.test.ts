import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { FixtureWarehouse } from './run-fixture.js';

/**
 * Twenty column checks on one model run as ONE query: every statement the run sends is recorded
 * through a wrapping Connection, and those reading the model during its tests are counted.
 */
describe('one scan per relation', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('twenty');
  let summary: RunSummary;
  const reading = (relation: string) => warehouse.statements.filter((s) => s.includes(`from ${relation}`) || s.includes(`FROM ${relation}`));
  beforeAll(async () => {
    summary = await warehouse.run(project);
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('declares twenty checks on each model', () => {
    const tests = summary.results.filter((r) => r.resourceType === 'test');
    expect(tests.filter((r) => r.name.endsWith('_wide') || /_wide_c\d+$/.test(r.name))).toHaveLength(20);
    expect(tests).toHaveLength(40);
  });

  it('runs the twenty checks of a passing model in exactly one query', () => {
    const statements = reading('"twenty_marts"."wide"');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^with __dup0 as \([\s\S]*\n__scan as \([\s\S]*\nfrom __scan$/);
    expect(summary.results.filter((r) => r.name.endsWith('_wide') || /_wide_c\d+$/.test(r.name)).every((r) => r.status === 'pass')).toBe(true);
  });

  it('adds one query for the samples of all failed checks together', () => {
    const statements = reading('"twenty_marts"."wide_bad"');
    expect(statements).toHaveLength(2);
    expect(statements[1]!.match(/union all/g)).toHaveLength(2);
    const failed = summary.results.filter((r) => r.status === 'fail').map((r) => [r.name, r.expectation!.partial_unexpected_list]);
    expect(Object.fromEntries(failed)).toEqual({ unique_wide_bad_c1: [1, 1], between_wide_bad_c3: [-30], accepted_values_wide_bad_c5: ['lost'] });
  });
});
