import { z } from 'zod';
import type { AggregateStat, CheckDefinition } from './check-definition.js';

/** Aggregate checks by name: `mean_between` bounds the column's mean, and so on. */
export const AGGREGATE_NAMES: Record<string, AggregateStat> = {
  min_between: 'min',
  max_between: 'max',
  mean_between: 'mean',
  median_between: 'median',
  sum_between: 'sum',
  stdev_between: 'stdev',
  distinct_count_between: 'distinct_count',
  proportion_unique_between: 'proportion_unique',
  null_proportion_between: 'null_proportion',
};

/** Built-in checks that are about the whole relation rather than one column. */
export const TABLE_CHECK_NAMES = new Set(['row_count_between', 'row_count_equal', 'unique_combination', 'column_pair_greater', 'multicolumn_sum_equal', 'expression_is_true', 'data_for_every_day']);

const value = z.union([z.string(), z.number(), z.boolean()]);
const values = z.array(value).min(1);
const bounds = z.object({ min: z.number().optional(), max: z.number().optional(), strict_min: z.boolean().optional(), strict_max: z.boolean().optional() }).strict();
const freshnessPart = z.enum(['minute', 'hour', 'day', 'week', 'month', 'year']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const monotonic = z.object({ by: z.string().min(1), strictly: z.boolean().optional(), group_by: z.array(z.string()).optional() }).strict();
const none = z.object({}).strict();

/** Argument shapes of the built-in checks (after common options are taken out). */
const ARGS: Record<string, z.ZodType> = {
  not_null: none,
  unique: none,
  accepted_values: z.object({ values }).strict(),
  not_accepted_values: z.object({ values }).strict(),
  between: bounds,
  length_between: z.object({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).strict(),
  matches_pattern: z.object({ pattern: z.string().min(1), flags: z.string().optional() }).strict(),
  increasing: monotonic,
  decreasing: monotonic,
  recent_data: z.object({ interval: z.number().positive(), datepart: freshnessPart.optional() }).strict(),
  z_score: z.object({ max: z.number().positive().optional() }).strict(),
  distinct_values_in_set: z.object({ values }).strict(),
  distinct_values_equal_set: z.object({ values }).strict(),
  relationships: z.object({ to: z.string().min(1), field: z.string().min(1), project: z.string().optional() }).strict(),
  row_count_between: z.object({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).strict(),
  row_count_equal: z.object({ to: z.string().min(1), project: z.string().optional(), factor: z.number().positive().optional() }).strict(),
  unique_combination: z.object({ columns: z.array(z.string()).min(1) }).strict(),
  column_pair_greater: z.object({ column_a: z.string(), column_b: z.string(), or_equal: z.boolean().optional() }).strict(),
  multicolumn_sum_equal: z.object({ columns: z.array(z.string()).min(2), total: z.number() }).strict(),
  expression_is_true: z.object({ expression: z.string().min(1) }).strict(),
  data_for_every_day: z.object({ column: z.string().min(1).optional(), start: isoDate.optional(), end: isoDate.optional() }).strict(),
  ...Object.fromEntries(Object.keys(AGGREGATE_NAMES).map((name) => [name, bounds])),
};

/** True for the names of built-in checks (anything else is a generic test macro). */
export function isBuiltInCheck(name: string): boolean {
  return name in ARGS;
}

/** Thrown for a built-in check with wrong arguments; the caller adds file and relation. */
export class CheckArgsError extends Error {}

/**
 * Turns a check's name and arguments into a definition, validating the arguments of built-in
 * checks. Unknown names become generic tests (macros), checked when they are rendered.
 *
 * @example buildCheck('mean_between', { min: 1, max: 5 }, 'amount') // { kind: 'aggregate_between', stat: 'mean', … }
 */
export function buildCheck(name: string, rawArgs: Record<string, unknown>, column: string | undefined): CheckDefinition {
  const schema = ARGS[name];
  if (!schema) return { kind: 'generic', macro: name, column, args: rawArgs };
  const parsed = schema.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `'${issue.path.join('.')}' ` : '';
    const message = issue.code === 'unrecognized_keys' ? `unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}` : `${where}${issue.message}`;
    throw new CheckArgsError(message);
  }
  const a = parsed.data as Record<string, any>;
  const needColumn = (): string => {
    if (!column) throw new CheckArgsError('is a column check: declare it on a column (`.meta({ tests: [...] })`), not on the relation');
    return column;
  };
  const stat = AGGREGATE_NAMES[name];
  if (stat) return { kind: 'aggregate_between', column: needColumn(), stat, min: a.min, max: a.max, strictMin: a.strict_min, strictMax: a.strict_max };
  switch (name) {
    case 'not_null':
    case 'unique':
      return { kind: name, column: needColumn() };
    case 'accepted_values':
    case 'not_accepted_values':
      return { kind: name, column: needColumn(), values: a.values };
    case 'between':
      return { kind: 'between', column: needColumn(), min: a.min, max: a.max, minInclusive: !a.strict_min, maxInclusive: !a.strict_max };
    case 'length_between':
      return { kind: 'length_between', column: needColumn(), min: a.min, max: a.max };
    case 'matches_pattern':
      return { kind: 'matches_pattern', column: needColumn(), pattern: a.pattern, flags: a.flags ?? '', format: 'regex' };
    case 'increasing':
    case 'decreasing':
      return { kind: 'monotonic', column: needColumn(), orderBy: a.by, direction: name, strictly: a.strictly ?? false, groupBy: a.group_by };
    case 'recent_data':
      return { kind: 'recent_data', column: needColumn(), interval: a.interval, datepart: a.datepart ?? 'day' };
    case 'z_score':
      return { kind: 'z_score', column: needColumn(), threshold: a.max ?? 3 };
    case 'distinct_values_in_set':
    case 'distinct_values_equal_set':
      return { kind: 'distinct_values', column: needColumn(), values: a.values, mode: name === 'distinct_values_in_set' ? 'in' : 'equal' };
    case 'relationships':
      return { kind: 'relationships', column: needColumn(), to: { model: a.to, column: a.field, project: a.project } };
    case 'row_count_between':
      return { kind: 'row_count_between', min: a.min, max: a.max };
    case 'row_count_equal':
      return { kind: 'row_count_equal', to: { model: a.to, project: a.project }, factor: a.factor ?? 1 };
    case 'unique_combination':
      return { kind: 'unique_combination', columns: a.columns };
    case 'column_pair_greater':
      return { kind: 'column_pair_greater', columnA: a.column_a, columnB: a.column_b, orEqual: a.or_equal ?? false };
    case 'multicolumn_sum_equal':
      return { kind: 'multicolumn_sum_equal', columns: a.columns, total: a.total };
    case 'expression_is_true':
      return { kind: 'expression_is_true', expression: a.expression };
    case 'data_for_every_day':
      return { kind: 'data_for_every_day', column: a.column ?? needColumn(), start: a.start, end: a.end };
  }
  throw new CheckArgsError(`no builder for '${name}'`);
}
