import { DuckDbAdapter } from '@strata/adapter-duckdb';

/** One relation of a warehouse as a snapshot sees it: kind, columns, row count and a content checksum. */
export interface RelationState {
  relation: string;
  kind: string;
  columns: string;
  rows: number;
  checksum: string;
  /** A view's SQL (a changed view keeps its rows but not its definition). */
  definition?: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every relation of a DuckDB file with its row count and an order-independent checksum of its
 * rows (the sum of each row's hash), so "the warehouse is unchanged" is one `toEqual`. A file
 * that does not exist yet is the empty list.
 * @example expect(await snapshotWarehouse(file)).toEqual(before)
 */
export async function snapshotWarehouse(path: string): Promise<RelationState[]> {
  const adapter = await DuckDbAdapter.open({ path, lockTimeoutSeconds: 5 });
  try {
    const connection = await adapter.connect();
    const relations = await connection.query<{ s: string; n: string; kind: string }>(
      "select table_schema as s, table_name as n, table_type as kind from information_schema.tables where table_catalog = current_database() order by 1, 2",
    );
    const out: RelationState[] = [];
    for (const { s, n, kind } of relations) {
      const rel = `${quote(s)}.${quote(n)}`;
      const columns = await connection.query<{ c: string; t: string }>(`select column_name as c, data_type as t from information_schema.columns where table_schema = '${s}' and table_name = '${n}' order by ordinal_position`);
      const [stats] = await connection.query<{ rows: number; checksum: string }>(`select count(*) as rows, coalesce(sum(hash(t))::varchar, '0') as checksum from ${rel} as t`);
      const state: RelationState = { relation: `${s}.${n}`, kind, columns: columns.map((c) => `${c.c} ${c.t}`).join(', '), rows: Number(stats!.rows), checksum: stats!.checksum };
      if (kind === 'VIEW') {
        const [view] = await connection.query<{ sql: string }>(`select sql from duckdb_views() where schema_name = '${s}' and view_name = '${n}'`);
        state.definition = view?.sql;
      }
      out.push(state);
    }
    return out;
  } finally {
    await adapter.close();
  }
}
