import type { Dialect } from '../adapter/dialect.js';
import type { CheckDefinition, CheckValue } from './check-definition.js';
import { translateJsRegex } from './translate-regex.js';

/** What to show for a failing row: one value, several named values, or the whole row. */
export type SampleSpec = { values: Array<[label: string, expression: string]> } | 'row';

/** How one row-level check sits in the scan. */
export interface RowCheckParts {
  /** Window columns the check needs, added to the `__scan` CTE (`count(*) over (…) as __w3`). */
  windows: string[];
  /** True for a row that fails the check (before the check's `where`). */
  predicate: string;
  /** Rows that count for `unexpected_percent`; absent means "all rows" (GE: non-null rows of the column). */
  denominator?: string;
  /** Whether the predicate reads window columns (and so must run over `__scan`). */
  usesWindows: boolean;
  sample: SampleSpec;
}

/** A SQL literal for a set member. */
export function literal(dialect: Dialect, value: CheckValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return dialect.quoteString(value);
}

/** The expression limited to rows of the check's `where` (null elsewhere), for windows and aggregates. */
export function scoped(expression: string, where: string | undefined): string {
  return where ? `case when (${where}) then ${expression} end` : expression;
}

/** The warehouse's form of a JavaScript regular expression. */
export function warehousePattern(dialect: Dialect, source: string, flags: string): string {
  return dialect.translateRegex ? dialect.translateRegex(source, flags) : translateJsRegex(source, flags, 're2');
}

/**
 * The parts of a row-level check: the predicate marking a failing row, the window columns it
 * needs, what to sample and which rows `unexpected_percent` is taken over. `w` names the
 * check's window columns (`__w3`). `where` scopes windows to the check's rows.
 */
export function rowCheckParts(dialect: Dialect, check: CheckDefinition, w: string, where: string | undefined): RowCheckParts {
  const q = (c: string) => dialect.quoteIdentifier(c);
  const inScope = where ? `(${where})` : undefined;
  const countInScope = inScope ? `sum(case when ${inScope} then 1 else 0 end)` : 'count(*)';
  const plain = (predicate: string, column: string): RowCheckParts => ({ windows: [], predicate, usesWindows: false, denominator: `${q(column)} is not null`, sample: { values: [[column, q(column)]] } });
  switch (check.kind) {
    case 'not_null':
      return { windows: [], predicate: `${q(check.column)} is null`, usesWindows: false, sample: 'row' };
    case 'unique':
      return {
        windows: [`${countInScope} over (partition by ${q(check.column)}) as ${w}`],
        predicate: `${q(check.column)} is not null and ${w} > 1`,
        denominator: `${q(check.column)} is not null`,
        usesWindows: true,
        sample: { values: [[check.column, q(check.column)]] },
      };
    case 'unique_combination':
      return {
        windows: [`${countInScope} over (partition by ${check.columns.map(q).join(', ')}) as ${w}`],
        predicate: `${w} > 1`,
        usesWindows: true,
        sample: { values: check.columns.map((c) => [c, q(c)] as [string, string]) },
      };
    case 'accepted_values':
    case 'not_accepted_values': {
      const list = check.values.map((v) => literal(dialect, v)).join(', ');
      return plain(`${q(check.column)} is not null and ${q(check.column)} ${check.kind === 'accepted_values' ? 'not in' : 'in'} (${list})`, check.column);
    }
    case 'between': {
      const c = q(check.column);
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${c} ${check.minInclusive === false ? '>' : '>='} ${check.min}`);
      if (check.max !== undefined) parts.push(`${c} ${check.maxInclusive === false ? '<' : '<='} ${check.max}`);
      return plain(`${c} is not null and not (${parts.join(' and ') || 'true'})`, check.column);
    }
    case 'length_between': {
      const c = q(check.column);
      const len = `length(${dialect.castToString(c)})`;
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${len} >= ${check.min}`);
      if (check.max !== undefined) parts.push(`${len} <= ${check.max}`);
      return plain(`${c} is not null and not (${parts.join(' and ') || 'true'})`, check.column);
    }
    case 'matches_pattern': {
      const c = q(check.column);
      const pattern = dialect.quoteString(warehousePattern(dialect, check.pattern, check.flags ?? ''));
      return plain(`${c} is not null and not (${dialect.regexpMatches(dialect.castToString(c), pattern)})`, check.column);
    }
    case 'monotonic': {
      const c = q(check.column);
      // Nulls and out-of-scope rows form their own partitions, so each value is compared with the
      // previous in-scope non-null value; ties on the order column are broken in the check's favour.
      const partition = [...(check.groupBy ?? []).map(q), `case when ${c} is null then 1 else 0 end`, ...(inScope ? [`case when ${inScope} then 1 else 0 end`] : [])];
      const direction = check.direction === 'increasing' ? 'asc' : 'desc';
      const op = check.direction === 'increasing' ? (check.strictly ? '<=' : '<') : check.strictly ? '>=' : '>';
      return {
        windows: [`lag(${c}) over (partition by ${partition.join(', ')} order by ${q(check.orderBy)}, ${c} ${direction}) as ${w}`],
        predicate: `${c} is not null and ${w} is not null and ${c} ${op} ${w}`,
        denominator: `${c} is not null`,
        usesWindows: true,
        sample: { values: [[check.orderBy, q(check.orderBy)], [check.column, c], [`previous_${check.column}`, w]] },
      };
    }
    case 'z_score': {
      const c = q(check.column);
      return {
        windows: [`avg(${scoped(c, where)}) over () as ${w}_mean`, `stddev_samp(${scoped(c, where)}) over () as ${w}_sd`],
        predicate: `${c} is not null and ${w}_sd > 0 and abs(${c} - ${w}_mean) > ${check.threshold} * ${w}_sd`,
        denominator: `${c} is not null`,
        usesWindows: true,
        sample: { values: [[check.column, c]] },
      };
    }
    case 'expression_is_true':
      return { windows: [], predicate: `not coalesce((${check.expression}), false)`, usesWindows: false, sample: 'row' };
    case 'column_pair_greater': {
      const [a, b] = [q(check.columnA), q(check.columnB)];
      return {
        windows: [],
        predicate: `${a} is not null and ${b} is not null and not (${a} ${check.orEqual ? '>=' : '>'} ${b})`,
        denominator: `${a} is not null and ${b} is not null`,
        usesWindows: false,
        sample: { values: [[check.columnA, a], [check.columnB, b]] },
      };
    }
    case 'multicolumn_sum_equal': {
      const sum = check.columns.map((c) => `coalesce(${q(c)}, 0)`).join(' + ');
      const anyValue = check.columns.map((c) => `${q(c)} is not null`).join(' or ');
      return {
        windows: [],
        predicate: `(${anyValue}) and abs((${sum}) - (${check.total})) > 1e-9`,
        denominator: `(${anyValue})`,
        usesWindows: false,
        sample: { values: check.columns.map((c) => [c, q(c)] as [string, string]) },
      };
    }
    default:
      throw new Error(`check ${check.kind} is not a row check`);
  }
}
