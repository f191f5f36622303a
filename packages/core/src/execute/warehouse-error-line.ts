import type { AdapterError } from '../errors/strata-error.js';

/** The 1-based line of a failed statement the warehouse points at: DuckDB's `LINE n:`, Postgres' character `position`. */
function statementLine(error: AdapterError): number | undefined {
  const text = `${error.message}\n${error.hint ?? ''}`;
  const line = /\bLINE (\d+):/.exec(text)?.[1];
  if (line) return Number(line);
  const position = Number((error.cause as { position?: string } | undefined)?.position);
  if (error.sql && Number.isInteger(position) && position > 0) return error.sql.slice(0, position - 1).split('\n').length;
  return undefined;
}

/**
 * Maps the line a warehouse error names in the statement it ran (`CREATE TABLE … AS` + the
 * compiled SQL) back to the model's source file: through the statement's prefix, then to the
 * same line of the source when rendering kept lines in place (Jinja keeps newlines), else to
 * the one source line with the same text. Undefined when it cannot say for sure.
 *
 * @example warehouseErrorLine(error, compiledSql, node.rawSql) // 4
 */
export function warehouseErrorLine(error: AdapterError, compiledSql: string | undefined, rawSql: string | undefined): number | undefined {
  const line = statementLine(error);
  if (!line || !error.sql || !compiledSql || !rawSql) return undefined;
  const start = error.sql.indexOf(compiledSql);
  if (start < 0) return undefined;
  const compiledLine = line - error.sql.slice(0, start).split('\n').length + 1;
  const compiled = compiledSql.split('\n');
  if (compiledLine < 1 || compiledLine > compiled.length) return undefined;
  const raw = rawSql.split('\n');
  if (raw.length === compiled.length) return compiledLine;
  const text = compiled[compiledLine - 1]!.trim();
  const matches = raw.flatMap((l, i) => (l.trim() === text && text !== '' ? [i + 1] : []));
  return matches.length === 1 ? matches[0] : undefined;
}
