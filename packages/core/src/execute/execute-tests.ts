import type { Compiler } from '../compile/compiler.js';
import type { Dag } from '../graph/dag.js';
import { ROW_CHECKS, type CheckOptions } from '../expectations/check-definition.js';
import type { ExpectationResult } from '../expectations/expectation-result.js';
import { runFailingRowsQuery, runRelationshipCheck, runScanChecks } from '../expectations/run-checks.js';
import type { ManifestNode, TestNode } from '../parse/manifest.js';
import type { Worker } from './execute-node.js';

/** Result of one test inside a group, with the SQL that decided it. */
export interface TestOutcome {
  test: TestNode;
  result: ExpectationResult;
  sql: string;
}

function optionsOf(test: TestNode): CheckOptions {
  return { severity: test.severity, mostly: Number(test.config.mostly ?? 1), where: test.config.where as string | undefined };
}

/** True when a test can join its relation's single scan. */
export function isScanTest(test: TestNode): boolean {
  return Boolean(test.check && ROW_CHECKS.has(test.check.kind));
}

/**
 * Runs tests of one relation: all row-level checks in one scan, then every other check
 * (relationships, row counts, generic and singular tests) as its own query.
 */
export async function executeTests(worker: Worker, dag: Dag, compiler: Compiler, tests: TestNode[]): Promise<TestOutcome[]> {
  const { connection, adapter } = worker;
  const dialect = adapter.dialect;
  const outcomes: TestOutcome[] = [];
  const relationOf = (node: ManifestNode): string => compiler.relationSql(node);
  const scan = tests.filter(isScanTest);
  if (scan.length > 0) {
    const parent = dag.node(scan[0]!.attachedTo!);
    const suite = await runScanChecks(
      connection,
      dialect,
      relationOf(parent),
      scan.map((t) => ({ id: t.uniqueId, check: t.check!, options: optionsOf(t) })),
    );
    for (const test of scan) outcomes.push({ test, result: suite.results.get(test.uniqueId)!, sql: suite.sql });
  }
  for (const test of tests.filter((t) => !isScanTest(t))) {
    const options = optionsOf(test);
    if (test.rawSql) {
      const sql = compiler.compile(test).sql;
      outcomes.push({ test, result: await runFailingRowsQuery(connection, sql, options), sql });
      continue;
    }
    const check = test.check!;
    const parent = dag.node(test.attachedTo!);
    if (check.kind === 'relationships') {
      const target = [...test.dependsOn].map((id) => dag.node(id)).find((n) => n.name === check.to.model && n.uniqueId !== parent.uniqueId) ?? parent;
      const { result, sql } = await runRelationshipCheck(connection, dialect, relationOf(parent), relationOf(target), check, options);
      outcomes.push({ test, result, sql });
    } else if (check.kind === 'row_count_between') {
      const sql = `select count(*) as n from ${relationOf(parent)}${options.where ? ` where ${options.where}` : ''}`;
      const [row] = await connection.query(sql);
      const n = Number(row?.n ?? 0);
      const ok = (check.min === undefined || n >= check.min) && (check.max === undefined || n <= check.max);
      outcomes.push({ test, sql, result: { success: ok, element_count: n, unexpected_count: ok ? 0 : 1, unexpected_percent: ok ? 0 : 100, unexpected_percent_total: ok ? 0 : 100, observed_value: n, partial_unexpected_list: [] } });
    } else if (check.kind === 'generic') {
      let sql = compiler.renderGenericTest(test, check.macro, relationOf(parent), check.column, check.args);
      if (options.where) sql = `select * from (${sql}) as __t where ${options.where}`;
      outcomes.push({ test, result: await runFailingRowsQuery(connection, sql, options), sql });
    }
  }
  return outcomes;
}
