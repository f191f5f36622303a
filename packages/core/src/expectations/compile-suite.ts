import type { Dialect } from '../adapter/dialect.js';
import type { CheckDefinition, CheckOptions } from './check-definition.js';

/** A row-level check placed in a relation's single scan. */
export interface ScanCheck {
  id: string;
  check: CheckDefinition;
  options: CheckOptions;
}

/** The single query that evaluates every row-level check of a relation, plus how to read it. */
export interface CompiledSuite {
  sql: string;
  /** The `with … __scan` prefix, reused to fetch failing samples of a failed check. */
  scanCte: string;
  /** Per check: the predicate that marks a row unexpected and the column (if any) to sample. */
  predicates: Map<string, { predicate: string; sample: string }>;
}

function literal(dialect: Dialect, value: string | number | boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return dialect.quoteString(value);
}

/** SQL that is true for a row that fails the check (`null` for checks that cannot fail per row). */
function unexpectedPredicate(dialect: Dialect, check: CheckDefinition, dupColumn: string): { predicate: string; sample: string } {
  const q = (c: string) => dialect.quoteIdentifier(c);
  switch (check.kind) {
    case 'not_null':
      return { predicate: `${q(check.column)} is null`, sample: 'null' };
    case 'unique':
      return { predicate: `${q(check.column)} is not null and ${dupColumn} > 1`, sample: q(check.column) };
    case 'unique_combination':
      return { predicate: `${dupColumn} > 1`, sample: dialect.concat(check.columns.flatMap((c, i) => (i ? ["'|'", dialect.castToString(q(c))] : [dialect.castToString(q(c))]))) };
    case 'accepted_values':
    case 'not_accepted_values': {
      const list = check.values.map((v) => literal(dialect, v)).join(', ');
      const op = check.kind === 'accepted_values' ? 'not in' : 'in';
      return { predicate: `${q(check.column)} is not null and ${q(check.column)} ${op} (${list})`, sample: q(check.column) };
    }
    case 'between': {
      const c = q(check.column);
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${c} ${check.minInclusive === false ? '>' : '>='} ${check.min}`);
      if (check.max !== undefined) parts.push(`${c} ${check.maxInclusive === false ? '<' : '<='} ${check.max}`);
      return { predicate: `${c} is not null and not (${parts.join(' and ')})`, sample: c };
    }
    case 'length_between': {
      const c = q(check.column);
      const len = `length(${c})`;
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${len} >= ${check.min}`);
      if (check.max !== undefined) parts.push(`${len} <= ${check.max}`);
      return { predicate: `${c} is not null and not (${parts.join(' and ')})`, sample: c };
    }
    case 'matches_pattern': {
      const c = q(check.column);
      return { predicate: `${c} is not null and not (${dialect.regexpMatches(dialect.castToString(c), dialect.quoteString(check.pattern))})`, sample: c };
    }
    case 'expression_is_true':
      return { predicate: `not coalesce((${check.expression}), false)`, sample: 'null' };
    default:
      throw new Error(`check ${check.kind} is not a row check`);
  }
}

/** The column a check's `unexpected_percent` is computed over (non-null rows of it). */
function checkedColumn(check: CheckDefinition): string | undefined {
  return check.kind !== 'not_null' && 'column' in check ? check.column : undefined;
}

/**
 * Compiles every row-level check of one relation into one query — one scan of the table,
 * whatever the number of checks. Uniqueness uses window counts computed in the same scan.
 *
 * @example compileSuite(dialect, '"marts"."dim_customers"', checks).sql
 */
export function compileSuite(dialect: Dialect, relationSql: string, checks: ScanCheck[]): CompiledSuite {
  const windows: string[] = [];
  const predicates = new Map<string, { predicate: string; sample: string }>();
  const selects: string[] = ['count(*) as element_count'];
  checks.forEach(({ id, check, options }, i) => {
    const dup = `__dup_${i}`;
    if (check.kind === 'unique') windows.push(`count(*) over (partition by ${dialect.quoteIdentifier(check.column)}) as ${dup}`);
    if (check.kind === 'unique_combination') windows.push(`count(*) over (partition by ${check.columns.map((c) => dialect.quoteIdentifier(c)).join(', ')}) as ${dup}`);
    const { predicate, sample } = unexpectedPredicate(dialect, check, dup);
    const scoped = options.where ? `(${options.where}) and (${predicate})` : predicate;
    predicates.set(id, { predicate: scoped, sample });
    const inScope = options.where ? `(${options.where})` : 'true';
    const column = checkedColumn(check);
    selects.push(`sum(case when ${inScope} then 1 else 0 end) as e_${i}`);
    selects.push(`sum(case when ${scoped} then 1 else 0 end) as u_${i}`);
    selects.push(column ? `sum(case when ${inScope} and ${dialect.quoteIdentifier(column)} is not null then 1 else 0 end) as n_${i}` : `sum(case when ${inScope} then 1 else 0 end) as n_${i}`);
  });
  const scanCte = `with __scan as (\n  select *${windows.map((w) => `,\n    ${w}`).join('')}\n  from ${relationSql}\n)`;
  const sql = `${scanCte}\nselect\n  ${selects.join(',\n  ')}\nfrom __scan`;
  return { sql, scanCte, predicates };
}
