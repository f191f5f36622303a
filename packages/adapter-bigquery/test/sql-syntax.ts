import { parse } from 'sql-parser-cst';

/**
 * Parses SQL with sql-parser-cst's BigQuery grammar (GoogleSQL: scripts, MERGE, DDL with
 * PARTITION BY/CLUSTER BY/OPTIONS, backtick names, `WITH RECURSIVE`); returns the parser's
 * message when it is not valid GoogleSQL, else undefined.
 *
 * @example expect(bigQuerySyntaxError('SELECT 1')).toBeUndefined();
 */
export function bigQuerySyntaxError(sql: string): string | undefined {
  try {
    parse(sql, { dialect: 'bigquery' });
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ');
  }
}

/**
 * Functions of DuckDB or Postgres that parse as GoogleSQL but do not exist in BigQuery, with
 * the portable way to write them. (Syntax alone cannot tell `split_part(a, '-', 1)` is wrong.)
 */
const NOT_IN_BIGQUERY: Record<string, string> = {
  split_part: "{{ split_part('col', \"'-'\", 1) }}",
  printf: 'FORMAT() through a project macro with a bigquery__ version',
  strptime: '{{ try_strptime(...) }}',
  try_strptime: "{{ try_strptime('col', ['%Y-%m-%d']) }}",
  strftime: 'FORMAT_TIMESTAMP() through a bigquery__ macro',
  regexp_matches: "{{ regexp_matches('col', \"'pattern'\") }}",
  timezone: 'a bigquery__ macro (BigQuery TIMESTAMPs are UTC already)',
  epoch_ms: '{{ dateadd(...) }} from 1970-01-01',
  to_timestamp: '{{ dateadd(...) }} or a bigquery__ macro',
  date_part: 'extract(part from col)',
  datediff: "{{ datediff('a', 'b', 'day') }}",
  median: 'a bigquery__ macro (APPROX_QUANTILES or PERCENTILE_CONT over ARRAY_AGG)',
  len: 'length(col)',
  to_char: 'a bigquery__ macro with FORMAT_TIMESTAMP/FORMAT',
  list_value: 'a bigquery__ macro',
  age: "{{ datediff('a', 'b', 'day') }}",
  make_date: 'DATE(y, m, d) through a bigquery__ macro',
};

/** Largest argument count BigQuery accepts, where DuckDB/Postgres take more (regex flags). */
const MAX_ARGS: Record<string, number> = { regexp_replace: 3 };

type Node = { type?: string; [key: string]: unknown };

/**
 * Calls in valid GoogleSQL that BigQuery would still reject: functions it does not have, and
 * DuckDB/Postgres argument lists (`regexp_replace(x, p, r, 'g')`). Each entry says what to use.
 *
 * @example bigQueryPortabilityProblems("select split_part(a, '-', 1) from t") // ["split_part(): use {{ split_part(...) }}"]
 */
export function bigQueryPortabilityProblems(sql: string): string[] {
  const problems: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Node;
    if (n.type === 'func_call') {
      const nameNode = n.name as Node;
      const name = nameNode.type === 'identifier' ? String(nameNode.name).toLowerCase() : undefined;
      const args = ((n.args as Node | undefined)?.expr as Node | undefined)?.args as { items?: unknown[] } | undefined;
      if (name && NOT_IN_BIGQUERY[name]) problems.push(`${name}() is not a BigQuery function: use ${NOT_IN_BIGQUERY[name]}`);
      if (name && MAX_ARGS[name] !== undefined && (args?.items?.length ?? 0) > MAX_ARGS[name]!) problems.push(`${name}() takes at most ${MAX_ARGS[name]} arguments on BigQuery (it is always global): drop the flags argument, or use a bigquery__ macro`);
    }
    for (const value of Object.values(n)) walk(value);
  };
  walk(parse(sql, { dialect: 'bigquery' }));
  // NUMERIC(P, S) holds at most 29 digits before the point and 9 after; wider needs BIGNUMERIC.
  for (const m of sql.matchAll(/\b(?:numeric|decimal)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)/gi)) {
    const [precision, scale] = [Number(m[1]), Number(m[2])];
    if (scale > 9 || precision > scale + 29) problems.push(`${m[0]} is wider than BigQuery's NUMERIC (scale ≤ 9, precision ≤ scale + 29): use a narrower type, or BIGNUMERIC through a bigquery__ macro`);
  }
  return problems;
}
