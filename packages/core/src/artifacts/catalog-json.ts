import type { Adapter } from '../adapter/adapter.js';
import type { Connection, Introspector } from '../adapter/connection.js';
import type { Dialect } from '../adapter/dialect.js';
import type { Dag } from '../graph/dag.js';
import type { ManifestNode, ProjectInfo, SourceNode } from '../parse/manifest.js';
import { artifactMetadata } from './write-artifacts.js';

/** One relation as `catalog.json` describes it (dbt's `CatalogTable`). */
export interface CatalogTable {
  metadata: { type: string; schema: string; name: string; database: string | null; comment: string | null; owner: string | null };
  columns: Record<string, { type: string; index: number; name: string; comment: string | null }>;
  stats: Record<string, { id: string; label: string; value: string | number | boolean | null; include: boolean; description: string | null }>;
  unique_id: string;
}

/** `target/catalog.json` of one project: what the warehouse holds for each of its relations. */
export interface CatalogJson {
  metadata: ReturnType<typeof artifactMetadata>;
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: string[] | null;
}

/** Nodes that own a relation the catalog can describe (ephemeral models and tests have none). */
function catalogued(node: ManifestNode): boolean {
  if (!node.relation) return false;
  if (node.resourceType === 'source' || node.resourceType === 'seed' || node.resourceType === 'snapshot') return true;
  return node.resourceType === 'model' && node.config.materialized !== 'ephemeral';
}

async function describe(node: ManifestNode, connection: Connection, introspector: Introspector, dialect: Dialect): Promise<CatalogTable | undefined> {
  const relation = node.relation!;
  const kind = await introspector.relationKind(relation);
  if (!kind) return undefined;
  const columns = await introspector.columns(relation);
  const rendered = dialect.renderRelation(relation);
  const [count] = await connection.query<{ n: number | bigint }>(`select count(*) as n from ${rendered}`);
  const stats: CatalogTable['stats'] = {
    row_count: { id: 'row_count', label: 'Row Count', value: Number(count?.n ?? 0), include: true, description: 'Rows in the relation when the catalog was generated' },
  };
  const source = node as SourceNode;
  if (node.resourceType === 'source' && source.loadedAtField) {
    const [row] = await connection.query<{ latest: unknown }>(`select max(${dialect.quoteIdentifier(source.loadedAtField)}) as latest from ${rendered}`);
    const latest = row?.latest instanceof Date ? row.latest.toISOString() : row?.latest == null ? null : String(row.latest);
    stats.max_loaded_at = { id: 'max_loaded_at', label: 'Latest Load', value: latest, include: true, description: `Newest ${source.loadedAtField}` };
  }
  stats.has_stats = { id: 'has_stats', label: 'Has Stats?', value: true, include: false, description: 'Indicates whether there are statistics for this table' };
  return {
    metadata: { type: kind === 'view' ? 'VIEW' : 'BASE TABLE', schema: relation.schema, name: relation.name, database: relation.database ?? null, comment: node.description ?? null, owner: null },
    columns: Object.fromEntries(columns.map((c, i) => [c.name, { type: c.type, index: i + 1, name: c.name, comment: node.columns.find((s) => s.name === c.name)?.description ?? null }])),
    stats,
    unique_id: node.uniqueId,
  };
}

/**
 * Introspects the warehouse for every relation of a project — columns with the warehouse's own
 * types, row counts, and the newest load time of sources with a `loadedAtField` — in the shape
 * of dbt's `catalog.json`. Relations not built yet are left out; failures land in `errors`.
 *
 * @example const catalog = await catalogJson(workspace.dag, project, adapter, invocationId);
 */
export async function catalogJson(dag: Dag, project: ProjectInfo, adapter: Adapter, invocationId: string): Promise<CatalogJson> {
  const connection = await adapter.connect();
  const introspector = adapter.createIntrospector(connection);
  const catalog: CatalogJson = { metadata: artifactMetadata('catalog', invocationId), nodes: {}, sources: {}, errors: null };
  const errors: string[] = [];
  try {
    for (const node of dag.manifest.nodes.values()) {
      if (node.project !== project.name || !catalogued(node)) continue;
      try {
        const table = await describe(node, connection, introspector, adapter.dialect);
        if (table) (node.resourceType === 'source' ? catalog.sources : catalog.nodes)[node.uniqueId] = table;
      } catch (error) {
        errors.push(`${node.uniqueId}: ${(error as Error).message}`);
      }
    }
  } finally {
    await connection.close();
  }
  catalog.errors = errors.length > 0 ? errors : null;
  return catalog;
}
