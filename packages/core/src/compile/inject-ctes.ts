/** An ephemeral model's compiled SQL, to be inlined as a CTE. */
export interface InlineCte {
  name: string;
  sql: string;
}

/** Prefix of the identifiers that stand for ephemeral models inside compiled SQL. */
export const EPHEMERAL_PREFIX = '__strata_cte__';

const LEADING_WITH = /^(\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*)with\s+(recursive\s+)?/i;

/**
 * Prepends ephemeral models as CTEs, merging into the model's own `WITH` when it has one
 * (dbt does the same), so the result is a single valid statement.
 */
export function injectCtes(sql: string, ctes: InlineCte[]): string {
  if (ctes.length === 0) return sql;
  const definitions = ctes.map((cte) => `${EPHEMERAL_PREFIX}${cte.name} as (\n${cte.sql.trim()}\n)`).join(',\n');
  const m = LEADING_WITH.exec(sql);
  if (m) return `${m[1]}with ${m[2] ?? ''}${definitions},\n${sql.slice(m[0].length)}`;
  return `with ${definitions}\n${sql}`;
}
