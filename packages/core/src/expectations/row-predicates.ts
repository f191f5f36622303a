import type { Dialect } from '../adapter/dialect.js';
import type { CheckDefinition, CheckValue } from './check-definition.js';
import { translateJsRegex } from './translate-regex.js';

/** What to show for a failing row: one value, several named values, or the whole row. */
export type SampleSpec = { values: Array<[label: string, expression: string]> } | 'row';

/** Keys that occur more than once (uniqueness): grouped once and joined onto the scan, or counted by a window (see `Dialect.duplicateKeys`). */
export interface DuplicateKeys {
  /** Checked columns, quoted. */
  columns: string[];
  /** Names the joined key columns take (`__w3_k0`, …). */
  aliases: string[];
  /** The column that is 1 on rows whose key is duplicated (`__w3_dup`). */
  marker: string;
  /** Nulls form a group of their own (compound keys), as `group by` treats them. */
  nullSafe: boolean;
}

/** How one row-level check sits in the scan. */
export interface RowCheckParts {
  /** Whole-relation aggregates the check compares rows with (`avg(x) as __w3_mean`), computed once. */
  stats?: string[];
  /** Duplicated keys the check flags rows by. */
  duplicates?: DuplicateKeys;
  /** True for a row that fails the check (before the check's `where`). */
  predicate: string;
  /** Rows that count for `unexpected_percent`; absent means "all rows" (GE: non-null rows of the column). */
  denominator?: string;
  /** Whether the predicate reads columns the scan adds (statistics, duplicate flags), so must run over `__scan`. */
  readsScan: boolean;
  sample: SampleSpec;
}

/** A SQL literal for a set member. */
export function literal(dialect: Dialect, value: CheckValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return dialect.quoteString(value);
}

/** The expression limited to rows of the check's `where` (null elsewhere), for statistics and aggregates. */
export function scoped(expression: string, where: string | undefined): string {
  return where ? `case when (${where}) then ${expression} end` : expression;
}

/** Translated patterns (or the error saying why not) per dialect: zod's formats repeat in every schema. */
const translatedPatterns = new WeakMap<Dialect, Map<string, string | Error>>();

/**
 * The warehouse's form of a JavaScript regular expression. Memoized: a project of 10,000 models
 * with `z.iso.datetime()` columns translates the same long pattern 10,000 times otherwise.
 */
export function warehousePattern(dialect: Dialect, source: string, flags: string): string {
  let cache = translatedPatterns.get(dialect);
  if (!cache) translatedPatterns.set(dialect, (cache = new Map()));
  const key = `${flags}/${source}`;
  let result = cache.get(key);
  if (result === undefined) {
    try {
      result = dialect.translateRegex ? dialect.translateRegex(source, flags) : translateJsRegex(source, flags, 're2');
    } catch (error) {
      result = error as Error;
    }
    cache.set(key, result);
  }
  if (result instanceof Error) throw result;
  return result;
}

/**
 * The parts of a row-level check: the predicate marking a failing row, the statistics or
 * duplicate keys it compares rows with, what to sample and which rows `unexpected_percent` is
 * taken over. `w` prefixes the columns the check adds to the scan (`__w3_dup`); `where` scopes
 * them to the check's rows.
 */
export function rowCheckParts(dialect: Dialect, check: CheckDefinition, w: string, where: string | undefined): RowCheckParts {
  const q = (c: string) => dialect.quoteIdentifier(c);
  const inScope = where ? `(${where})` : undefined;
  // A plain check's predicate has no `column is not null and` guard: on a null value every one of
  // them (comparisons, `in`, `length`, regex matches) is null, and `count(case when null …)` counts
  // nothing. Twenty checks on 3M rows: the guards were a sixth of Postgres' scan (DuckDB: nil).
  const plain = (predicate: string, column: string): RowCheckParts => ({ predicate, readsScan: false, denominator: `${q(column)} is not null`, sample: { values: [[column, q(column)]] } });
  switch (check.kind) {
    case 'not_null':
      return { predicate: `${q(check.column)} is null`, readsScan: false, sample: 'row' };
    case 'unique':
      return {
        
        duplicates: { columns: [q(check.column)], aliases: [`${w}_k0`], marker: `${w}_dup`, nullSafe: false },
        predicate: `${q(check.column)} is not null and ${w}_dup = 1`,
        denominator: `${q(check.column)} is not null`,
        readsScan: true,
        sample: { values: [[check.column, q(check.column)]] },
      };
    case 'unique_combination':
      return {
        
        duplicates: { columns: check.columns.map(q), aliases: check.columns.map((_, i) => `${w}_k${i}`), marker: `${w}_dup`, nullSafe: true },
        predicate: `${w}_dup = 1`,
        readsScan: true,
        sample: { values: check.columns.map((c) => [c, q(c)] as [string, string]) },
      };
    case 'accepted_values':
    case 'not_accepted_values': {
      const list = check.values.map((v) => literal(dialect, v)).join(', ');
      return plain(`${q(check.column)} ${check.kind === 'accepted_values' ? 'not in' : 'in'} (${list})`, check.column);
    }
    case 'between': {
      const c = q(check.column);
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${c} ${check.minInclusive === false ? '>' : '>='} ${check.min}`);
      if (check.max !== undefined) parts.push(`${c} ${check.maxInclusive === false ? '<' : '<='} ${check.max}`);
      return plain(`not (${parts.join(' and ') || 'true'})`, check.column);
    }
    case 'length_between': {
      const c = q(check.column);
      const len = `length(${dialect.castToString(c)})`;
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${len} >= ${check.min}`);
      if (check.max !== undefined) parts.push(`${len} <= ${check.max}`);
      return plain(`not (${parts.join(' and ') || 'true'})`, check.column);
    }
    case 'matches_pattern': {
      const c = q(check.column);
      const pattern = dialect.quoteString(warehousePattern(dialect, check.pattern, check.flags ?? ''));
      return plain(`not (${dialect.regexpMatches(dialect.castToString(c), pattern)})`, check.column);
    }
    case 'z_score': {
      const c = q(check.column);
      // Mean and deviation come from one aggregate row cross-joined in: a window `over ()` would
      // gather the whole relation into one partition.
      return {
        
        stats: [`avg(${scoped(c, where)}) as ${w}_mean`, `stddev_samp(${scoped(c, where)}) as ${w}_sd`],
        predicate: `${c} is not null and ${w}_sd > 0 and abs(${c} - ${w}_mean) > ${check.threshold} * ${w}_sd`,
        denominator: `${c} is not null`,
        readsScan: true,
        sample: { values: [[check.column, c]] },
      };
    }
    case 'expression_is_true':
      return { predicate: `not coalesce((${check.expression}), false)`, readsScan: false, sample: 'row' };
    case 'column_pair_greater': {
      const [a, b] = [q(check.columnA), q(check.columnB)];
      return {
        
        predicate: `${a} is not null and ${b} is not null and not (${a} ${check.orEqual ? '>=' : '>'} ${b})`,
        denominator: `${a} is not null and ${b} is not null`,
        readsScan: false,
        sample: { values: [[check.columnA, a], [check.columnB, b]] },
      };
    }
    case 'multicolumn_sum_equal': {
      const sum = check.columns.map((c) => `coalesce(${q(c)}, 0)`).join(' + ');
      const anyValue = check.columns.map((c) => `${q(c)} is not null`).join(' or ');
      return {
        
        predicate: `(${anyValue}) and abs((${sum}) - (${check.total})) > 1e-9`,
        denominator: `(${anyValue})`,
        readsScan: false,
        sample: { values: check.columns.map((c) => [c, q(c)] as [string, string]) },
      };
    }
    default:
      throw new Error(`check ${check.kind} is not a row check`);
  }
}
