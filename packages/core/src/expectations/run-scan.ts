import type { Connection } from '../adapter/connection.js';
import type { Dialect } from '../adapter/dialect.js';
import { judgeAggregate } from './aggregate-checks.js';
import { expectationType, type CheckDefinition } from './check-definition.js';
import { compileSuite, type CompiledSuite, type PlannedCheck, type ScanCheck } from './compile-suite.js';
import { judge, percent, type ExpectationResult } from './expectation-result.js';
import { readValueSamples, rowSampleQuery, valueSampleQuery } from './sample-query.js';

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Outcome of a relation's scan: one result per check id, the SQL that ran, and checks that could not compile. */
export interface ScanOutcome {
  suite: CompiledSuite;
  results: Map<string, ExpectationResult>;
  /** Plans of the checks that failed, for storing their failing rows. */
  failed: PlannedCheck[];
  errors: Map<string, Error>;
  sql: string;
}

export interface ScanOptions {
  /** The clock freshness checks compare with (default: now). */
  now?: Date;
}

function rowResult(plan: PlannedCheck, row: Record<string, unknown>): ExpectationResult {
  const elements = num(row[plan.elements]);
  const nonNull = num(row[plan.nonNull]);
  const unexpected = num(row[plan.unexpected!]);
  const missing = plan.check.kind === 'not_null' ? unexpected : elements - nonNull;
  const denominator = plan.check.kind === 'not_null' ? elements : nonNull;
  return {
    expectation_type: expectationType(plan.check),
    success: judge(unexpected, denominator, plan.options.mostly),
    element_count: elements,
    missing_count: 'column' in plan.check ? missing : undefined,
    missing_percent: 'column' in plan.check ? percent(missing, elements) : undefined,
    unexpected_count: unexpected,
    unexpected_percent: percent(unexpected, denominator),
    unexpected_percent_total: percent(unexpected, elements),
    partial_unexpected_list: [],
  };
}

function aggregateResult(plan: PlannedCheck, row: Record<string, unknown>, now: Date): ExpectationResult {
  const elements = num(row[plan.elements]);
  const nonNull = num(row[plan.nonNull]);
  const verdict = judgeAggregate(plan.check as Parameters<typeof judgeAggregate>[0], row, plan.prefix, elements, nonNull, now);
  const hasColumn = 'column' in plan.check;
  return {
    expectation_type: expectationType(plan.check),
    success: verdict.success,
    element_count: elements,
    missing_count: hasColumn ? elements - nonNull : undefined,
    missing_percent: hasColumn ? percent(elements - nonNull, elements) : undefined,
    unexpected_count: verdict.unexpected,
    unexpected_percent: verdict.success ? 0 : 100,
    unexpected_percent_total: verdict.success ? 0 : 100,
    observed_value: verdict.observed,
    partial_unexpected_list: [],
    summary: verdict.summary,
  };
}

/**
 * Runs every row and aggregate check of one relation in a single scan, then fetches up to 20
 * failing values of all failed checks in one more query (plus one per failed check that samples
 * whole rows). Checks that passed cost nothing beyond the scan.
 */
export async function runScanChecks(connection: Connection, dialect: Dialect, relationSql: string, checks: ScanCheck[], options: ScanOptions = {}): Promise<ScanOutcome> {
  const now = options.now ?? new Date();
  const suite = compileSuite(dialect, relationSql, checks);
  const results = new Map<string, ExpectationResult>();
  if (suite.planned.length === 0) return { suite, results, failed: [], errors: suite.errors, sql: suite.sql };
  const [row = {}] = await connection.query(suite.sql);
  const withFailures: PlannedCheck[] = [];
  for (const plan of suite.planned) {
    const result = plan.type === 'row' ? rowResult(plan, row) : aggregateResult(plan, row, now);
    results.set(plan.id, result);
    if (result.unexpected_count > 0) withFailures.push(plan);
  }
  // Samples are fetched for every check with failing rows, also those `mostly` let pass.
  const valueQuery = valueSampleQuery(suite, withFailures);
  if (valueQuery) {
    const samples = readValueSamples(withFailures, await connection.query(valueQuery));
    for (const plan of withFailures) {
      const list = samples.get(plan.index);
      if (list) results.get(plan.id)!.partial_unexpected_list = list;
    }
  }
  for (const plan of withFailures.filter((p) => p.sample === 'row')) {
    results.get(plan.id)!.partial_unexpected_list = await connection.query(rowSampleQuery(suite, plan));
  }
  for (const plan of withFailures) {
    const check: CheckDefinition = plan.check;
    const result = results.get(plan.id)!;
    if (check.kind === 'distinct_values' && Array.isArray(result.observed_value)) {
      // Observed distinct values: the set members present plus the values found outside it.
      result.observed_value = [...result.observed_value, ...(result.partial_unexpected_list as Array<string | number | boolean>)];
    }
  }
  const failed = suite.planned.filter((p) => !results.get(p.id)!.success);
  return { suite, results, failed, errors: suite.errors, sql: suite.sql };
}
