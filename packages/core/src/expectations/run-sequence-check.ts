import type { Connection } from '../adapter/connection.js';
import type { Dialect } from '../adapter/dialect.js';
import { expectationType, type CheckDefinition, type CheckOptions } from './check-definition.js';
import { judge, percent, type ExpectationResult } from './expectation-result.js';
import type { QueryCheckOutcome } from './run-checks.js';
import { SAMPLE_SIZE } from './sample-query.js';

type Monotonic = Extract<CheckDefinition, { kind: 'monotonic' }>;

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * The rows of the relation in the check's order, each with the value before it. Nulls form a
 * partition of their own, so each value is compared with the previous non-null one; ties on the
 * order column are broken in the check's favour. `columns` is what else each row keeps.
 */
function sequence(dialect: Dialect, relationSql: string, check: Monotonic, where: string | undefined, columns: string): string {
  const q = (c: string) => dialect.quoteIdentifier(c);
  const c = q(check.column);
  const partition = [...(check.groupBy ?? []).map(q), `case when ${c} is null then 1 else 0 end`].join(', ');
  const direction = check.direction === 'increasing' ? 'asc' : 'desc';
  return `with __sequence as (\n  select ${columns}, lag(${c}) over (partition by ${partition} order by ${q(check.orderBy)}, ${c} ${direction}) as __previous\n  from ${relationSql}${where ? `\n  where ${where}` : ''}\n)`;
}

/**
 * Increasing / decreasing values along an order column. It runs as its own query rather than in
 * the relation's scan: sorting the scan's full-width rows for one window costs more than reading
 * the two columns again.
 */
export async function runSequenceCheck(connection: Connection, dialect: Dialect, relationSql: string, check: Monotonic, options: CheckOptions): Promise<QueryCheckOutcome> {
  const q = (c: string) => dialect.quoteIdentifier(c);
  const c = q(check.column);
  const op = check.direction === 'increasing' ? (check.strictly ? '<=' : '<') : check.strictly ? '>=' : '>';
  const breaks = `${c} is not null and __previous is not null and ${c} ${op} __previous`;
  const narrow = [...new Set([...(check.groupBy ?? []), check.orderBy, check.column])].map(q).join(', ');
  const base = sequence(dialect, relationSql, check, options.where, narrow);
  const sql = `${base}\nselect count(*) as element_count, count(${c}) as non_null,\n  sum(case when ${breaks} then 1 else 0 end) as unexpected\nfrom __sequence`;
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
    const rows = await connection.query(`${base}\nselect ${q(check.orderBy)} as o, ${c} as v, __previous as p from __sequence\nwhere ${breaks}\norder by 1 limit ${SAMPLE_SIZE}`);
    result.partial_unexpected_list = rows.map((r) => ({ [check.orderBy]: r.o, [check.column]: r.v, [`previous_${check.column}`]: r.p }));
  }
  const failingSql = `${sequence(dialect, relationSql, check, options.where, '*')}\nselect * from __sequence\nwhere ${breaks}`;
  return { result, sql, failingSql };
}
