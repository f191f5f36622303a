import type { Dialect } from '../adapter/dialect.js';
import { aggregateSelects } from './aggregate-checks.js';
import { checkColumn, ROW_CHECKS, type CheckDefinition, type CheckOptions } from './check-definition.js';
import { literal, rowCheckParts, scoped, type DuplicateKeys, type RowCheckParts, type SampleSpec } from './row-predicates.js';

/** A row-level or aggregate check placed in a relation's single scan. */
export interface ScanCheck {
  id: string;
  /** Test name, written as a comment beside the check's columns. */
  name?: string;
  check: CheckDefinition;
  options: CheckOptions;
}

/** Where one check's numbers are in the scan's result row, and how to sample its failures. */
export interface PlannedCheck extends ScanCheck {
  index: number;
  type: 'row' | 'aggregate';
  /** Column holding the in-scope row count. */
  elements: string;
  /** Column holding the rows `unexpected_percent` is taken over (non-null values of the column). */
  nonNull: string;
  /** Column holding the failing-row count (row checks). */
  unexpected?: string;
  /** Prefix of the aggregate's own columns. */
  prefix: string;
  /** Scoped predicate of a failing row (row checks), or of a value outside the set (distinct values). */
  predicate?: string;
  /** The predicate reads columns the scan adds (statistics, duplicate flags), so samples come from `__scan`. */
  readsScan: boolean;
  sample?: SampleSpec;
}

/** The single query that evaluates every row and aggregate check of a relation, plus how to read it. */
export interface CompiledSuite {
  sql: string;
  /** The `with __scan as (…)` prefix, reused to sample failing rows. */
  scanCte: string;
  relationSql: string;
  planned: PlannedCheck[];
  /** Checks that could not be compiled for this warehouse (an untranslatable regex), by id. */
  errors: Map<string, Error>;
}

function comment(text: string): string {
  return `-- ${text.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * The rows where `predicate` holds. Written `count(case … then 1 end)`, not `sum(case … then 1
 * else 0 end)`: Postgres then skips the aggregate for every row that passes (twenty checks on 3M
 * rows: about a tenth less CPU), DuckDB costs the same, and an empty relation counts 0 rather than null.
 */
function countWhere(predicate: string): string {
  return `count(case when ${predicate} then 1 end)`;
}

/**
 * Compiles every row-level and aggregate check of one relation into one query — one scan of the
 * table whatever the number of checks. Uniqueness joins the duplicated keys back, z-scores a row
 * of statistics; counts shared by several checks are computed once.
 *
 * @example compileSuite(dialect, '"marts"."dim_customers"', checks).sql
 */
export function compileSuite(dialect: Dialect, relationSql: string, checks: ScanCheck[]): CompiledSuite {
  const stats: string[] = [];
  const duplicates: Array<{ where?: string; keys: DuplicateKeys }> = [];
  const selects: string[] = ['count(*) as element_count'];
  const shared = new Map<string, string>();
  const planned: PlannedCheck[] = [];
  const errors = new Map<string, Error>();
  checks.forEach((entry, index) => {
    const { check, options } = entry;
    const where = options.where;
    // Counts several checks need (same column, same `where`) are computed once; a check's new
    // ones are kept only if the whole check compiles.
    const fresh = new Map<string, string>();
    const own: string[] = [];
    const sharedCount = (key: string, expression: string, alias: string): string => {
      const existing = shared.get(key) ?? fresh.get(key);
      if (existing) return existing;
      fresh.set(key, alias);
      own.push(`${expression} as ${alias}`);
      return alias;
    };
    try {
      let parts: RowCheckParts | undefined;
      const elements = where ? sharedCount(`e|${where}`, countWhere(`(${where})`), `e${index}`) : 'element_count';
      const column = checkColumn(check);
      let nonNull = column && check.kind !== 'not_null' ? sharedCount(`n|${column}|${where ?? ''}`, `count(${scoped(dialect.quoteIdentifier(column), where)})`, `n${index}`) : elements;
      const prefix = `a${index}`;
      let plan: PlannedCheck;
      if (ROW_CHECKS.has(check.kind)) {
        parts = rowCheckParts(dialect, check, `__w${index}`, where);
        const predicate = where ? `(${where}) and (${parts.predicate})` : parts.predicate;
        if (parts.denominator && !column) {
          nonNull = `n${index}`;
          own.push(`${countWhere(`${where ? `(${where}) and ` : ''}${parts.denominator}`)} as ${nonNull}`);
        }
        // Nulls of a column are the rows less its values: `count(*)` and `count(column)` are
        // aggregates the scan already has (row count, other checks' non-null counts), and the
        // warehouse computes identical aggregates once, so a not-null check adds no work per row.
        const unexpected = check.kind === 'not_null' && !where ? `count(*) - count(${dialect.quoteIdentifier(check.column)})` : countWhere(predicate);
        own.push(`${unexpected} as u${index}`);
        plan = { ...entry, index, type: 'row', elements, nonNull, unexpected: `u${index}`, prefix, predicate, readsScan: parts.readsScan, sample: parts.sample };
      } else {
        const aggregate = check as Extract<CheckDefinition, { kind: 'aggregate_between' | 'distinct_values' | 'recent_data' | 'row_count_between' }>;
        for (const [alias, expression] of aggregateSelects(dialect, aggregate, prefix, where)) own.push(`${expression} as ${alias}`);
        plan = { ...entry, index, type: 'aggregate', elements, nonNull, prefix, readsScan: false };
        if (check.kind === 'distinct_values') {
          const c = dialect.quoteIdentifier(check.column);
          const list = check.values.map((v) => literal(dialect, v)).join(', ');
          plan.predicate = `${where ? `(${where}) and ` : ''}${c} is not null and ${c} not in (${list})`;
          plan.sample = { values: [[check.column, c]] };
        }
      }
      for (const [key, alias] of fresh) shared.set(key, alias);
      if (parts) {
        stats.push(...(parts.stats ?? []));
        if (parts.duplicates) duplicates.push({ where, keys: parts.duplicates });
      }
      // Checks read only shared counts (row counts, null shares) say which, so the SQL reads on its own.
      const reads = own.length === 0 ? ` (from ${[...new Set([elements, nonNull])].join(', ')})` : '';
      selects.push(comment(`${entry.name ?? entry.id}${reads}`), ...own);
      planned.push(plan);
    } catch (error) {
      errors.set(entry.id, error as Error);
    }
  });
  const scanCte = scanPrefix(dialect, relationSql, stats, duplicates);
  const body = selects.map((s, i) => (s.startsWith('--') ? `  ${s}` : `  ${s}${selects.slice(i + 1).some((n) => !n.startsWith('--')) ? ',' : ''}`)).join('\n');
  const sql = `${scanCte}\nselect\n${body}\nfrom __scan`;
  return { sql, scanCte, relationSql, planned, errors };
}

/**
 * The `with … __scan as (…)` prefix: the relation with what row checks compare rows to — one row
 * of whole-relation statistics, and flags of duplicated keys. A relation that needs neither is
 * scanned as is.
 */
function scanPrefix(dialect: Dialect, relationSql: string, stats: string[], duplicates: Array<{ where?: string; keys: DuplicateKeys }>): string {
  if (stats.length === 0 && duplicates.length === 0) return `with __scan as (\n  select *\n  from ${relationSql}\n)`;
  const ctes: string[] = [];
  const columns = ['__rel.*'];
  const joins: string[] = [];
  if (stats.length > 0) {
    ctes.push(`__stats as (\n  select ${stats.join(', ')}\n  from ${relationSql}\n)`);
    columns.push('__stats.*');
    joins.push('  cross join __stats');
  }
  duplicates.forEach(({ where, keys }, i) => {
    if (dialect.duplicateKeys === 'window') {
      columns.push(duplicateWindow(keys, where));
      return;
    }
    // A hash aggregate of the duplicated keys joined back: cheaper than a window on DuckDB.
    const name = `__dup${i}`;
    const select = keys.columns.map((c, j) => `${c} as ${keys.aliases[j]}`).join(', ');
    ctes.push(`${name} as (\n  select ${select}, 1 as ${keys.marker}\n  from ${relationSql}${where ? `\n  where (${where})` : ''}\n  group by ${keys.columns.join(', ')}\n  having count(*) > 1\n)`);
    columns.push(`${name}.${keys.marker}`);
    const on = keys.columns.map((c, j) => `__rel.${c} ${keys.nullSafe ? 'is not distinct from' : '='} ${name}.${keys.aliases[j]}`).join(' and ');
    joins.push(`  left join ${name} on ${on}`);
  });
  const select = columns.join(',\n    ');
  ctes.push(`__scan as (\n  select ${select}\n  from ${relationSql} as __rel${joins.map((j) => `\n${j}`).join('')}\n)`);
  return `with ${ctes.join(',\n')}`;
}

/**
 * The flag of rows whose key occurs more than once among the check's rows, as a window over the
 * scanned relation. Partitions group nulls together, as `group by` does (compound keys); a
 * single key's predicate leaves null keys out itself.
 */
function duplicateWindow(keys: DuplicateKeys, where: string | undefined): string {
  const count = where ? `count(case when (${where}) then 1 end)` : 'count(*)';
  return `case when ${count} over (partition by ${keys.columns.map((c) => `__rel.${c}`).join(', ')}) > 1 then 1 end as ${keys.marker}`;
}
