import { sql, type Kysely } from 'kysely';
import { AdapterError, type ColumnInfo, type Connection, type Introspector, type RelationKind, type RelationRef } from '@strata/core';
import { isConnectionLost, PostgresConnection, toAdapterError } from './postgres-connection.js';
import type { PostgresDialect } from './postgres-dialect.js';

/** The catalog columns the introspector reads, typed for Kysely. */
export interface PostgresCatalog {
  'pg_catalog.pg_namespace': { oid: number; nspname: string };
  'pg_catalog.pg_class': { oid: number; relname: string; relnamespace: number; relkind: string };
  'pg_catalog.pg_attribute': { attrelid: number; attname: string; atttypid: number; atttypmod: number; attnum: number; attisdropped: boolean };
}

/** Relation kinds Strata reads: tables (plain, partitioned, foreign) and views (plain, materialized). */
const TABLE_KINDS = ['r', 'p', 'f'];
const VIEW_KINDS = ['v', 'm'];

const kindOf = (relkind: string): RelationKind => (VIEW_KINDS.includes(relkind) ? 'view' : 'table');

/**
 * Reads Postgres's catalog (`pg_class`, `pg_attribute`) with typed Kysely queries on the
 * connection's own session, names folded as the dialect folds them. Column types are `format_type()` upper-cased (`NUMERIC(38,9)`,
 * `TIMESTAMP WITHOUT TIME ZONE`), which core's contract check understands.
 */
export class PostgresIntrospector implements Introspector {
  private readonly db: Kysely<PostgresCatalog>;

  constructor(
    connection: Connection,
    private readonly dialect: PostgresDialect,
  ) {
    if (!(connection instanceof PostgresConnection)) throw new AdapterError('the Postgres introspector needs a connection opened by the Postgres adapter');
    this.db = connection.kysely<PostgresCatalog>();
  }

  private relations() {
    return this.db
      .selectFrom('pg_catalog.pg_class as c')
      .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 'c.relnamespace')
      .where('c.relkind', 'in', [...TABLE_KINDS, ...VIEW_KINDS]);
  }

  async relationKind(relation: RelationRef): Promise<RelationKind | undefined> {
    const row = await this.run(
      this.relations().select('c.relkind').where('n.nspname', '=', this.dialect.fold(relation.schema)).where('c.relname', '=', this.dialect.fold(relation.name)).executeTakeFirst(),
    );
    return row ? kindOf(row.relkind) : undefined;
  }

  async columns(relation: RelationRef): Promise<ColumnInfo[]> {
    const rows = await this.run(
      this.relations()
        .innerJoin('pg_catalog.pg_attribute as a', 'a.attrelid', 'c.oid')
        .select(['a.attname as name', sql<string>`upper(format_type(a.atttypid, a.atttypmod))`.as('type')])
        .where('n.nspname', '=', this.dialect.fold(relation.schema))
        .where('c.relname', '=', this.dialect.fold(relation.name))
        .where('a.attnum', '>', 0)
        .where('a.attisdropped', '=', false)
        .orderBy('a.attnum')
        .execute(),
    );
    return rows.map((r) => ({ name: r.name, type: r.type }));
  }

  async listRelations(schema: string, prefix = ''): Promise<Array<{ name: string; kind: RelationKind }>> {
    const rows = await this.run(
      this.relations()
        .select(['c.relname', 'c.relkind'])
        .where('n.nspname', '=', this.dialect.fold(schema))
        // starts_with, not LIKE: the temporary prefix is full of `_`, LIKE's one-character wildcard.
        .where(sql<boolean>`starts_with(c.relname, ${this.dialect.fold(prefix)})`)
        .orderBy('c.relname')
        .execute(),
    );
    return rows.map((r) => ({ name: r.relname, kind: kindOf(r.relkind) }));
  }

  private async run<T>(query: Promise<T>): Promise<T> {
    try {
      return await query;
    } catch (error) {
      if (isConnectionLost(error)) throw toAdapterError(error, 'catalog query');
      throw new AdapterError(`catalog query failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
