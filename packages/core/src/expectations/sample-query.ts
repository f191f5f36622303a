import type { CompiledSuite, PlannedCheck } from './compile-suite.js';

/** Largest number of failing values kept per check (Great Expectations' `partial_unexpected_list`). */
export const SAMPLE_SIZE = 20;

type ValuePlan = PlannedCheck & { sample: { values: Array<[string, string]> }; predicate: string };

function hasValueSample(plan: PlannedCheck): plan is ValuePlan {
  return Boolean(plan.predicate && plan.sample && plan.sample !== 'row');
}

/**
 * One query fetching up to 20 failing values of every failed check that samples values: a
 * `union all` of one branch per check over the same `__scan`. Every branch has a column per
 * sampled expression; those of other checks are typed nulls (`case when false then … end`), so
 * the union's types line up on every warehouse. Returns undefined when nothing is to sample.
 */
export function valueSampleQuery(suite: CompiledSuite, failed: PlannedCheck[]): string | undefined {
  const plans = failed.filter(hasValueSample);
  if (plans.length === 0) return undefined;
  // One output column per distinct sampled expression, shared by the checks that sample it.
  const columns = new Map<string, string>();
  for (const plan of plans) for (const [, expression] of plan.sample.values) if (!columns.has(expression)) columns.set(expression, `v${columns.size}`);
  const branches = plans.map((plan) => {
    const own = new Set(plan.sample.values.map(([, expression]) => expression));
    const select = [...columns].map(([expression, alias]) => (own.has(expression) ? `${expression} as ${alias}` : `case when false then ${expression} end as ${alias}`));
    const order = [...own].map((expression) => columns.get(expression)!);
    const distinct = plan.check.kind === 'distinct_values' ? 'distinct ' : '';
    return `(select ${distinct}${plan.index} as __check, ${select.join(', ')}\n  from __scan where ${plan.predicate}\n  order by ${order.join(', ')} limit ${SAMPLE_SIZE})`;
  });
  return `${suite.scanCte}\n${branches.join('\nunion all\n')}`;
}

/**
 * Spreads the rows of `valueSampleQuery` back to their checks: a single value per failing row,
 * or an object of named values for checks over several columns.
 */
export function readValueSamples(failed: PlannedCheck[], rows: Array<Record<string, unknown>>): Map<number, unknown[]> {
  const plans = failed.filter(hasValueSample);
  const columns = new Map<string, string>();
  for (const plan of plans) for (const [, expression] of plan.sample.values) if (!columns.has(expression)) columns.set(expression, `v${columns.size}`);
  const byIndex = new Map(plans.map((p) => [p.index, p]));
  const out = new Map<number, unknown[]>();
  for (const row of rows) {
    const index = Number(row.__check);
    const plan = byIndex.get(index);
    if (!plan) continue;
    const values = plan.sample.values.map(([label, expression]) => [label, row[columns.get(expression)!]] as const);
    const list = out.get(index) ?? [];
    list.push(values.length === 1 ? values[0]![1] : Object.fromEntries(values));
    out.set(index, list);
  }
  return out;
}

/** The query of whole failing rows of a check that samples rows (`not_null`, `expression_is_true`). */
export function rowSampleQuery(suite: CompiledSuite, plan: PlannedCheck): string {
  return `select * from ${suite.relationSql}\nwhere ${plan.predicate}\nlimit ${SAMPLE_SIZE}`;
}

/**
 * The query returning every failing row of a check, for `--store-failures`. `columns` lists the
 * relation's own columns, so the columns the scan adds stay out of the audit table.
 */
export function failingRowsQuery(suite: CompiledSuite, plan: PlannedCheck, columns: string[]): string | undefined {
  if (!plan.predicate) return undefined;
  if (!plan.readsScan) return `select * from ${suite.relationSql}\nwhere ${plan.predicate}`;
  return `${suite.scanCte}\nselect ${columns.join(', ')}\nfrom __scan\nwhere ${plan.predicate}`;
}
