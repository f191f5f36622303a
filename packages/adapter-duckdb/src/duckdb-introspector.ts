import type { ColumnInfo, Connection, Introspector, RelationKind, RelationRef } from '@strata/core';
import type { DuckDbDialect } from './duckdb-dialect.js';

/** Reads DuckDB's catalog through `information_schema`. */
export class DuckDbIntrospector implements Introspector {
  constructor(
    private readonly connection: Connection,
    private readonly dialect: DuckDbDialect,
  ) {}

  async relationKind(relation: RelationRef): Promise<RelationKind | undefined> {
    const rows = await this.connection.query<{ table_type: string }>(
      `select table_type from information_schema.tables where table_schema = ${this.dialect.quoteString(relation.schema)} and table_name = ${this.dialect.quoteString(relation.name)}`,
    );
    if (rows.length === 0) return undefined;
    return rows[0]!.table_type === 'VIEW' ? 'view' : 'table';
  }

  async columns(relation: RelationRef): Promise<ColumnInfo[]> {
    const rows = await this.connection.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = ${this.dialect.quoteString(relation.schema)} and table_name = ${this.dialect.quoteString(relation.name)} order by ordinal_position`,
    );
    return rows.map((r) => ({ name: r.column_name, type: r.data_type.toUpperCase() }));
  }

  async listRelations(schema: string, prefix = ''): Promise<Array<{ name: string; kind: RelationKind }>> {
    const rows = await this.connection.query<{ table_name: string; table_type: string }>(
      `select table_name, table_type from information_schema.tables where table_schema = ${this.dialect.quoteString(schema)} and starts_with(table_name, ${this.dialect.quoteString(prefix)})`,
    );
    return rows.map((r) => ({ name: r.table_name, kind: r.table_type === 'VIEW' ? 'view' : 'table' }));
  }
}
