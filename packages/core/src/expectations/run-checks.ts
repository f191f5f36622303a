import type { Connection } from '../adapter/connection.js';
import type { Dialect } from '../adapter/dialect.js';
import { expectationType, type CheckDefinition, type CheckOptions } from './check-definition.js';
import { judge, percent, type ExpectationResult } from './expectation-result.js';
import { SAMPLE_SIZE } from './sample-query.js';

export { runScanChecks } from './run-scan.js';

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A check that runs as its own query: its result, the SQL that decided it, and its failing rows' SQL. */
export interface QueryCheckOutcome {
  result: ExpectationResult;
  sql: string;
  /** Every failing row, for `--store-failures`. */
  failingSql?: string;
}

/** Relationship check: every non-null value of the child column exists in the parent column. */
export async function runRelationshipCheck(
  connection: Connection,
  dialect: Dialect,
  childSql: string,
  parentSql: string,
  check: Extract<CheckDefinition, { kind: 'relationships' }>,
  options: CheckOptions,
): Promise<QueryCheckOutcome> {
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
    expectation_type: expectationType(check),
    success: judge(unexpected, nonNull, options.mostly),
    element_count: elements,
    missing_count: elements - nonNull,
    missing_percent: percent(elements - nonNull, elements),
    unexpected_count: unexpected,
    unexpected_percent: percent(unexpected, nonNull),
    unexpected_percent_total: percent(unexpected, elements),
    partial_unexpected_list: [],
  };
  if (unexpected > 0) {
    const rows = await connection.query(`${base}\nselect child.value as value from child left join parent on child.value = parent.value\nwhere child.value is not null and parent.value is null\norder by 1 limit ${SAMPLE_SIZE}`);
    result.partial_unexpected_list = rows.map((r) => r.value);
  }
  const failingSql = `select * from ${childSql} as __child\nwhere ${options.where ? `(${options.where}) and ` : ''}__child.${c} is not null\n  and not exists (select 1 from ${parentSql} as __parent where __parent.${p} = __child.${c})`;
  return { result, sql, failingSql };
}

/** Row count equal to another relation's (times `factor`). */
export async function runRowCountEqual(connection: Connection, relationSql: string, otherSql: string, check: Extract<CheckDefinition, { kind: 'row_count_equal' }>, options: CheckOptions): Promise<QueryCheckOutcome> {
  const sql = `select\n  (select count(*) from ${relationSql}${options.where ? ` where ${options.where}` : ''}) as row_count,\n  (select count(*) from ${otherSql}) as other_count`;
  const [row] = await connection.query(sql);
  const count = num(row?.row_count);
  const expected = num(row?.other_count) * check.factor;
  const difference = Math.abs(count - expected);
  const ok = difference < 1e-9;
  return {
    sql,
    result: {
      expectation_type: expectationType(check),
      success: ok,
      element_count: count,
      unexpected_count: ok ? 0 : Math.ceil(difference),
      unexpected_percent: ok ? 0 : 100,
      unexpected_percent_total: ok ? 0 : 100,
      observed_value: count,
      partial_unexpected_list: [],
      summary: ok ? undefined : `${count} rows, expected ${expected} (${check.factor === 1 ? '' : `${check.factor} × `}the rows of ${check.to.model})`,
    },
  };
}

/** Every day between `start` and `end` (default: the column's first and last day) has at least one row. */
export async function runEveryDayCheck(connection: Connection, dialect: Dialect, relationSql: string, check: Extract<CheckDefinition, { kind: 'data_for_every_day' }>, options: CheckOptions): Promise<QueryCheckOutcome> {
  const c = dialect.quoteIdentifier(check.column);
  const where = options.where ? ` where ${options.where}` : '';
  const day = (expression: string) => `cast(${expression} as ${dialect.typeName('date')})`;
  const first = check.start ? day(dialect.quoteString(check.start)) : `(select ${day(`min(${c})`)} from ${relationSql}${where})`;
  const last = check.end ? day(dialect.quoteString(check.end)) : `(select ${day(`max(${c})`)} from ${relationSql}${where})`;
  const base = [
    'with recursive __days as (',
    `  select ${first} as d`,
    '  union all',
    `  select ${day(dialect.dateAdd('day', '1', 'd'))} from __days where d < ${last}`,
    '),',
    `__present as (select distinct ${day(c)} as d from ${relationSql}${where})`,
  ].join('\n');
  const missing = `select __days.d as day from __days left join __present on __days.d = __present.d where __present.d is null and __days.d is not null`;
  const sql = `${base}\nselect count(__days.d) as element_count, sum(case when __present.d is null then 1 else 0 end) as unexpected\nfrom __days left join __present on __days.d = __present.d\nwhere __days.d is not null`;
  const [row] = await connection.query(sql);
  const elements = num(row?.element_count);
  const unexpected = num(row?.unexpected);
  const result: ExpectationResult = {
    expectation_type: expectationType(check),
    success: judge(unexpected, elements, options.mostly),
    element_count: elements,
    unexpected_count: unexpected,
    unexpected_percent: percent(unexpected, elements),
    unexpected_percent_total: percent(unexpected, elements),
    partial_unexpected_list: [],
  };
  if (unexpected > 0) {
    const rows = await connection.query(`${base}\n${missing}\norder by 1 limit ${SAMPLE_SIZE}`);
    result.partial_unexpected_list = rows.map((r) => (r.day instanceof Date ? r.day.toISOString().slice(0, 10) : r.day));
  }
  return { result, sql, failingSql: `${base}\n${missing}` };
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
