import type { Compiler } from '../compile/compiler.js';
import type { Dag } from '../graph/dag.js';
import { sharesScan, type CheckOptions } from '../expectations/check-definition.js';
import type { ExpectationResult } from '../expectations/expectation-result.js';
import { runEveryDayCheck, runFailingRowsQuery, runRelationshipCheck, runRowCountEqual, runScanChecks, type QueryCheckOutcome } from '../expectations/run-checks.js';
import { missingColumnsError } from '../expectations/missing-columns.js';
import { runSequenceCheck } from '../expectations/run-sequence-check.js';
import { failingRowsQuery } from '../expectations/sample-query.js';
import { dropStoredFailures, storeFailures, summaryRowQuery } from '../expectations/store-failures.js';
import { checkStatus, type CheckStatus } from '../expectations/thresholds.js';
import type { ManifestNode, TestNode } from '../parse/manifest.js';
import type { Worker } from './execute-node.js';

/** Result of one test inside a group, with the SQL that decided it and its status. */
export interface TestOutcome {
  test: TestNode;
  status: CheckStatus | 'error';
  result?: ExpectationResult;
  sql: string;
  /** A sentence for the summary: `3 unexpected of 120 (2.50%)`, `mean is 9.5, expected at least 10`. */
  message?: string;
  /** Why the check could not run (a pattern the warehouse cannot express, …). */
  error?: Error;
}

/** Call options of `executeTests`. */
export interface TestRunOptions {
  /** Keep each failed check's failing rows in its audit table (`--store-failures`). */
  storeFailures?: boolean;
  /** The clock freshness checks compare with (tests pass a fixed one). */
  now?: Date;
}

function optionsOf(test: TestNode): CheckOptions {
  const c = test.config;
  return { severity: test.severity, mostly: Number(c.mostly ?? 1), where: c.where as string | undefined, warnIf: c.warn_if as string | undefined, errorIf: c.error_if as string | undefined };
}

/** True when a test can join its relation's single scan. */
export function isScanTest(test: TestNode): boolean {
  return Boolean(test.check && sharesScan(test.check));
}

/** The summary line of a result. */
export function describeResult(result: ExpectationResult): string | undefined {
  if (result.unexpected_count === 0 && result.success) return undefined;
  if (result.summary) return result.summary;
  return `${result.unexpected_count} unexpected of ${result.element_count} (${result.unexpected_percent.toFixed(2)}%)`;
}

function finish(test: TestNode, result: ExpectationResult, sql: string): TestOutcome {
  const status = checkStatus(result, optionsOf(test));
  return { test, status, result, sql, message: describeResult(result) };
}

/**
 * Runs tests of one relation: all row and aggregate checks in one scan, then every other check
 * (relationships, increasing/decreasing sequences, row counts against another model, daily
 * coverage, generic and singular tests) as its own query. With `storeFailures`, failed checks' rows land in their audit tables.
 */
export async function executeTests(worker: Worker, dag: Dag, compiler: Compiler, tests: TestNode[], options: TestRunOptions = {}): Promise<TestOutcome[]> {
  const { connection, adapter } = worker;
  const dialect = adapter.dialect;
  const outcomes: TestOutcome[] = [];
  const failing = new Map<string, string | undefined>();
  const relationOf = (node: ManifestNode): string => compiler.relationSql(node);
  const scan = tests.filter(isScanTest);
  if (scan.length > 0) {
    const parent = dag.node(scan[0]!.attachedTo!);
    const checks = scan.map((t) => ({ id: t.uniqueId, name: t.name, check: t.check!, options: optionsOf(t) }));
    let run: Awaited<ReturnType<typeof runScanChecks>>;
    try {
      run = await runScanChecks(connection, dialect, relationOf(parent), checks, { now: options.now });
    } catch (error) {
      // A scan that failed because the schema names a column the relation lacks is a contract problem: say so.
      throw (await missingColumnsError(adapter, connection, parent)) ?? error;
    }
    let columns: string[] | undefined;
    for (const test of scan) {
      const error = run.errors.get(test.uniqueId);
      if (error) {
        outcomes.push({ test, status: 'error', sql: run.sql, error, message: error.message });
        continue;
      }
      const outcome = finish(test, run.results.get(test.uniqueId)!, run.sql);
      outcomes.push(outcome);
      if (!options.storeFailures || outcome.status === 'pass') continue;
      const plan = run.suite.planned.find((p) => p.id === test.uniqueId)!;
      if (plan.readsScan && !columns && parent.relation) {
        columns = (await adapter.createIntrospector(connection).columns(parent.relation)).map((c) => dialect.quoteIdentifier(c.name));
      }
      failing.set(test.uniqueId, failingRowsQuery(run.suite, plan, columns ?? ['*']) ?? summaryRowQuery(dialect, test.name, outcome.result!));
    }
  }
  for (const test of tests.filter((t) => !isScanTest(t))) {
    const options_ = optionsOf(test);
    if (test.rawSql) {
      // A singular test may ask the warehouse while it renders (run_query), like a model.
      const introspector = adapter.createIntrospector(connection);
      const sql = (await compiler.compileLive(test, {}, { query: (q) => connection.query(q), relationKind: (r) => introspector.relationKind(r), columns: (r) => introspector.columns(r) })).sql;
      outcomes.push(finish(test, await runFailingRowsQuery(connection, sql, options_), sql));
      failing.set(test.uniqueId, sql);
      continue;
    }
    const check = test.check!;
    const parent = dag.node(test.attachedTo!);
    const other = (model: string) => [...test.dependsOn].map((id) => dag.node(id)).find((n) => n.name === model && n.uniqueId !== parent.uniqueId) ?? parent;
    let ran: QueryCheckOutcome;
    if (check.kind === 'relationships') ran = await runRelationshipCheck(connection, dialect, relationOf(parent), relationOf(other(check.to.model)), check, options_);
    else if (check.kind === 'row_count_equal') ran = await runRowCountEqual(connection, relationOf(parent), relationOf(other(check.to.model)), check, options_);
    else if (check.kind === 'data_for_every_day') ran = await runEveryDayCheck(connection, dialect, relationOf(parent), check, options_);
    else if (check.kind === 'monotonic') ran = await runSequenceCheck(connection, dialect, relationOf(parent), check, options_);
    else if (check.kind === 'generic') {
      let sql = compiler.renderGenericTest(test, check.macro, relationOf(parent), check.column, check.args);
      if (options_.where) sql = `select * from (${sql}) as __t where ${options_.where}`;
      ran = { result: await runFailingRowsQuery(connection, sql, options_), sql, failingSql: sql };
    } else throw new Error(`no runner for check ${check.kind}`);
    const outcome = finish(test, ran.result, ran.sql);
    outcomes.push(outcome);
    failing.set(test.uniqueId, ran.failingSql ?? summaryRowQuery(dialect, test.name, ran.result));
  }
  if (options.storeFailures) await keepFailures(worker, outcomes, failing);
  return outcomes;
}

/** Replaces the audit table of every failed test with its failing rows; drops those of passing tests. */
async function keepFailures(worker: Worker, outcomes: TestOutcome[], failing: Map<string, string | undefined>): Promise<void> {
  const dialect = worker.adapter.dialect;
  for (const outcome of outcomes) {
    const relation = outcome.test.relation;
    if (!relation || outcome.status === 'error') continue;
    const sql = failing.get(outcome.test.uniqueId);
    if (outcome.status === 'pass' || !sql) await dropStoredFailures(worker.connection, dialect, relation);
    else outcome.result!.failures_relation = await storeFailures(worker.connection, dialect, relation, sql);
  }
}
