import type { LogicalType } from '../adapter/dialect.js';
import type { ColumnInfo } from '../adapter/relation.js';
import { ContractError } from '../errors/strata-error.js';
import { lineInFile } from '../load/line-in-file.js';
import type { ColumnSpec } from '../parse/manifest.js';

/** Warehouse type names (upper-case, without parameters) accepted for each logical type. */
const FAMILIES: Record<LogicalType, RegExp> = {
  string: /^(VARCHAR|TEXT|STRING|CHAR|CHARACTER|CHARACTER VARYING|BPCHAR|UUID|ENUM)/,
  integer: /^(TINYINT|SMALLINT|INTEGER|INT|INT2|INT4|INT8|BIGINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|INT64)\b/,
  bigint: /^(TINYINT|SMALLINT|INTEGER|INT|INT2|INT4|INT8|BIGINT|HUGEINT|UBIGINT|UINTEGER|INT64)\b/,
  float: /^(TINYINT|SMALLINT|INTEGER|INT|INT2|INT4|INT8|BIGINT|HUGEINT|UBIGINT|UINTEGER|INT64|DOUBLE|DOUBLE PRECISION|FLOAT|FLOAT4|FLOAT8|FLOAT64|REAL|DECIMAL|NUMERIC|BIGNUMERIC)\b/,
  numeric: /^(DECIMAL|NUMERIC|BIGNUMERIC|DOUBLE|FLOAT|REAL|FLOAT64|INTEGER|BIGINT|INT64)\b/,
  boolean: /^(BOOLEAN|BOOL)\b/,
  timestamp: /^(TIMESTAMP|DATETIME|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP WITHOUT TIME ZONE)/,
  date: /^DATE\b/,
};

/** True when a warehouse column type can hold values of the logical type. */
export function typeMatches(expected: LogicalType, actual: string): boolean {
  return FAMILIES[expected].test(actual.toUpperCase().trim());
}

/**
 * Compares a built relation's columns with its schema: the relation must have exactly the
 * declared columns, each of a compatible type. Throws a ContractError listing every mismatch,
 * pointing at the schema file's line of the first declared column that is missing or mistyped
 * (when `schemaFile` is given), else at the model's file.
 */
export function verifyContract(model: string, file: string | undefined, declared: ColumnSpec[], actual: ColumnInfo[], schemaFile?: string): void {
  const actualByName = new Map(actual.map((c) => [c.name.toLowerCase(), c]));
  const declaredNames = new Set(declared.map((c) => c.name.toLowerCase()));
  const missing = declared.filter((c) => !actualByName.has(c.name.toLowerCase())).map((c) => c.name);
  const extra = actual.filter((c) => !declaredNames.has(c.name.toLowerCase())).map((c) => c.name);
  const mistyped = declared
    .filter((c) => c.type && actualByName.has(c.name.toLowerCase()) && !typeMatches(c.type, actualByName.get(c.name.toLowerCase())!.type))
    .map((c) => `${c.name} (schema: ${c.type}, built: ${actualByName.get(c.name.toLowerCase())!.type})`);
  if (missing.length + extra.length + mistyped.length === 0) return;
  const parts = [
    missing.length ? `missing columns: ${missing.join(', ')}` : '',
    extra.length ? `extra columns: ${extra.join(', ')}` : '',
    mistyped.length ? `mistyped columns: ${mistyped.join(', ')}` : '',
  ].filter(Boolean);
  const first = missing[0] ?? declared.find((c) => mistyped.some((m) => m.startsWith(`${c.name} (`)))?.name;
  const line = first && schemaFile ? lineInFile(schemaFile, [`${first}:`, `'${first}':`, `"${first}":`]) : undefined;
  throw new ContractError('E_CONTRACT', `model '${model}' violates its contract — ${parts.join('; ')}`, {
    file: line ? schemaFile : file,
    line,
    hint: 'change the model SQL or its zod schema so that they agree; the previous table was kept',
  });
}
