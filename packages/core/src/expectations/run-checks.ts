import type { Connection } from '../adapter/connection.js';
import type { Dialect } from '../adapter/dialect.js';
import type { CheckDefinition, CheckOptions } from './check-definition.js';
import { compileSuite, type ScanCheck } from './compile-suite.js';
import { judge, percent, type ExpectationResult } from './expectation-result.js';

const SAMPLE_SIZE = 20;

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Outcome of running a suite: one result per check id, and the SQL that ran. */
export interface SuiteOutcome {
  results: Map<string, ExpectationResult>;
  sql: string;
}

/**
 * Runs every row-level check of one relation in a single scan, then fetches up to 20 failing
 * values for each check that failed.
 */
export async function runScanChecks(connection: Connection, dialect: Dialect, relationSql: string, checks: ScanCheck[]): Promise<SuiteOutcome> {
  const suite = compileSuite(dialect, relationSql, checks);
  const [row] = await connection.query(suite.sql);
  const results = new Map<string, ExpectationResult>();
  for (const [i, { id, check, options }] of checks.entries()) {
    const elements = num(row?.[`e_${i}`]);
    const unexpected = num(row?.[`u_${i}`]);
    const nonNull = num(row?.[`n_${i}`]);
    const denominator = check.kind === 'not_null' ? elements : nonNull;
    const result: ExpectationResult = {
      success: judge(unexpected, denominator, options.mostly),
      element_count: elements,
      unexpected_count: unexpected,
      unexpected_percent: percent(unexpected, denominator),
      unexpected_percent_total: percent(unexpected, elements),
      partial_unexpected_list: [],
    };
    if (unexpected > 0) {
      const { predicate, sample } = suite.predicates.get(id)!;
      const rows = await connection.query(`${suite.scanCte}\nselect ${sample} as value from __scan where ${predicate} limit ${SAMPLE_SIZE}`);
      result.partial_unexpected_list = rows.map((r) => r.value);
    }
    results.set(id, result);
  }
  return { results, sql: suite.sql };
}

/** Relationship check: every non-null value of the child column exists in the parent column. */
export async function runRelationshipCheck(
  connection: Connection,
  dialect: Dialect,
  childSql: string,
  parentSql: string,
  check: Extract<CheckDefinition, { kind: 'relationships' }>,
  options: CheckOptions,
): Promise<{ result: ExpectationResult; sql: string }> {
  const c = dialect.quoteIdentifier(check.column);
  const p = dialect.quoteIdentifier(check.to.column);
  const where = options.where ? ` where ${options.where}` : '';
  const base = `with child as (select ${c} as value from ${childSql}${where}),\nparent as (select distinct ${p} as value from ${parentSql})`;
  const sql = `${base}\nselect count(*) as element_count, sum(case when child.value is not null then 1 else 0 end) as non_null,\n  sum(case when child.value is not null and parent.value is null then 1 else 0 end) as unexpected\nfrom child left join parent on child.value = parent.value`;
  const [row] = await connection.query(sql);
  const elements = num(row?.element_count);
  const nonNull = num(row?.non_null);
  const unexpected = num(row?.unexpected);
  const result: ExpectationResult = {
    success: judge(unexpected, nonNull, options.mostly),
    element_count: elements,
    unexpected_count: unexpected,
    unexpected_percent: percent(unexpected, nonNull),
    unexpected_percent_total: percent(unexpected, elements),
    partial_unexpected_list: [],
  };
  if (unexpected > 0) {
    const rows = await connection.query(`${base}\nselect child.value as value from child left join parent on child.value = parent.value where child.value is not null and parent.value is null limit ${SAMPLE_SIZE}`);
    result.partial_unexpected_list = rows.map((r) => r.value);
  }
  return { result, sql };
}

/** A query whose rows are failures (singular and generic tests): counts them and keeps a sample. */
export async function runFailingRowsQuery(connection: Connection, sql: string, options: CheckOptions): Promise<ExpectationResult> {
  const [row] = await connection.query(`select count(*) as failures from (\n${sql}\n) as __failing`);
  const failures = num(row?.failures);
  const sample = failures > 0 ? await connection.query(`select * from (\n${sql}\n) as __failing limit ${SAMPLE_SIZE}`) : [];
  return {
    success: options.mostly >= 1 ? failures === 0 : true,
    element_count: failures,
    unexpected_count: failures,
    unexpected_percent: failures > 0 ? 100 : 0,
    unexpected_percent_total: failures > 0 ? 100 : 0,
    partial_unexpected_list: sample,
  };
}
