import type { Compiler } from '../compile/compiler.js';
import type { Dag } from '../graph/dag.js';
import type { ModelNode } from '../parse/manifest.js';
import { SelectLineage, type LineageColumn } from './select-lineage.js';
import type { SqlParser } from './sql-parser.js';

/** Functions whose result no longer identifies anyone: what `hash()` and `surrogate_key()` compile to, digests, counts. */
export const DEFAULT_MASKING_FUNCTIONS = ['md5', 'sha1', 'sha256', 'sha512', 'hash', 'md5_number', 'farm_fingerprint', 'count', 'count_star', 'approx_count_distinct'];

/** One column of a built node and the upstream node columns its value comes from. */
export interface NodeColumnLineage {
  name: string;
  /** Upstream nodes and columns (`*`: any column of that node); `masked` when a masking function stands on the way. */
  from: Array<{ node: string; column: string; masked: boolean }>;
  /** 1-based line in the model's file, when it can be told. */
  line?: number;
}

/** Column lineage of a model, or why there is none (it did not compile, or the SQL did not parse). */
export type ModelLineage = { columns: NodeColumnLineage[] } | { unknown: string };

const lineOfOffset = (text: string, offset: number | undefined): number | undefined => (offset === undefined || offset > text.length ? undefined : text.slice(0, offset).split('\n').length);

/** The line of the model's own file that names an output column: `… as column`, else the one line that mentions it. */
function columnLine(raw: string, column: string): number | undefined {
  const lines = raw.split('\n');
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alias = lines.findIndex((l) => new RegExp(`\\bas\\s+"?${name}"?\\s*,?\\s*$`, 'i').test(l.replace(/--.*$/, '').trimEnd()));
  if (alias >= 0) return alias + 1;
  const mentions = lines.flatMap((l, i) => (new RegExp(`\\b${name}\\b`, 'i').test(l) ? [i + 1] : []));
  return mentions.length === 1 ? mentions[0] : undefined;
}

/**
 * Column-level lineage of every model in `ids` (in DAG order): each is compiled, parsed by
 * DuckDB's parser and walked; relations it reads are mapped back to manifest nodes, and `*` over
 * an upstream model expands to that model's own lineage. Offline: no warehouse is touched.
 */
export async function modelLineage(dag: Dag, ids: string[], compiler: Compiler, parser: SqlParser, masking: string[]): Promise<Map<string, ModelLineage>> {
  const byRelation = new Map<string, string>();
  for (const node of dag.manifest.nodes.values()) {
    if (!node.relation || node.resourceType === 'test') continue;
    const key = `${node.relation.schema}.${node.relation.name}`.toLowerCase();
    // A seed that fills a source table shares its relation: the source (with the schema's pii tags) wins.
    if (byRelation.has(key) && dag.node(byRelation.get(key)!).resourceType === 'source') continue;
    byRelation.set(key, node.uniqueId);
  }
  const lineage = new Map<string, ModelLineage>();
  const columnsOf = (relation: string): string[] | undefined => {
    const id = byRelation.get(relation);
    if (!id) return undefined;
    const node = dag.node(id);
    const known = lineage.get(id);
    // An upstream model whose own columns are not all known stays open (`*`).
    if (known) return 'columns' in known && !known.columns.some((c) => c.name === '*') ? known.columns.map((c) => c.name) : undefined;
    return node.columns.length > 0 ? node.columns.map((c) => c.name) : undefined;
  };
  const walker = new SelectLineage(columnsOf, new Set(masking.map((m) => m.toLowerCase())));
  for (const id of dag.topologicalOrder(new Set(ids))) {
    const node = dag.node(id) as ModelNode;
    if (node.resourceType !== 'model' || !ids.includes(id)) continue;
    let sql: string;
    try {
      sql = compiler.compile(node).sql;
    } catch (error) {
      lineage.set(id, { unknown: `it does not compile: ${(error as Error).message}` });
      continue;
    }
    const ast = (await parser.parse(sql)) as { error?: boolean; error_message?: string; statements?: Array<{ node: Record<string, unknown> }> };
    if (ast.error || !ast.statements?.[0]) {
      lineage.set(id, { unknown: `its SQL could not be parsed: ${ast.error_message ?? 'not a SELECT'}` });
      continue;
    }
    const columns: LineageColumn[] = walker.query(ast.statements[0].node);
    const sameLines = sql.split('\n').length === (node.rawSql ?? '').split('\n').length;
    lineage.set(id, {
      columns: columns.map((c) => ({
        name: c.name,
        from: c.origins.map((o) => ({ node: byRelation.get(o.relation) ?? `relation:${o.relation}`, column: o.column, masked: o.masked })),
        line: (sameLines ? lineOfOffset(sql, c.location) : undefined) ?? columnLine(node.rawSql ?? '', c.name),
      })),
    });
  }
  return lineage;
}
