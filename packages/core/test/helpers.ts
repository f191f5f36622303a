import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatePart, Dialect, LogicalType, RelationRef } from '../src/index.js';

/** A plain ANSI-ish dialect so core's compiler can be tested without an adapter package. */
export const testDialect: Dialect = {
  quoteIdentifier: (n) => `"${n.replace(/"/g, '""')}"`,
  quoteString: (v) => `'${v.replace(/'/g, "''")}'`,
  renderRelation: (r: RelationRef) => `"${r.schema}"."${r.name}"`,
  typeName: (t: LogicalType) => t.toUpperCase(),
  dateTrunc: (p: DatePart, e) => `date_trunc('${p}', ${e})`,
  dateDiff: (s, e, p: DatePart) => `date_diff('${p}', ${s}, ${e})`,
  dateAdd: (p: DatePart, a, e) => `(${e} + ${a} * interval '1 ${p}')`,
  safeCast: (e, t) => `try_cast(${e} as ${t})`,
  hash: (e) => `md5(${e})`,
  concat: (es) => `(${es.join(' || ')})`,
  regexpMatches: (v, p) => `regexp_matches(${v}, ${p})`,
  castToString: (e) => `cast(${e} as varchar)`,
};

/**
 * Writes a project from a map of file path → content into a fresh temporary folder.
 * A `strata.config.ts` is added when the map has none.
 */
export function writeProject(files: Record<string, string>, name = 'shop'): string {
  const root = mkdtempSync(join(tmpdir(), 'strata-core-'));
  const all = { 'strata.config.ts': `export default { name: '${name}', models: { marts: { materialized: 'table', schema: 'marts' } } };\n`, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Copies a fixture folder under test/fixtures into a temporary folder. */
export function copyFixture(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `strata-${name}-`));
  cpSync(join(import.meta.dirname, 'fixtures', name), root, { recursive: true });
  return root;
}
