import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SqlParser } from '@strata/core';

/**
 * DuckDB's own SQL parser, offline: `json_serialize_sql()` in a private in-memory database,
 * opened on first use. What core's column-level lineage (the `pii` policy) reads; it parses SQL
 * of any target written in the common dialect (DuckDB's grammar is PostgreSQL's).
 * @example const parser = new DuckDbSqlParser(); const ast = await parser.parse('select 1 as x'); await parser.close();
 */
export class DuckDbSqlParser implements SqlParser {
  private instance?: DuckDBInstance;
  private connection?: DuckDBConnection;

  async parse(sql: string): Promise<unknown> {
    if (!this.connection) {
      this.instance = await DuckDBInstance.create(':memory:');
      this.connection = await this.instance.connect();
    }
    // A parameter, not a spliced literal: the SQL is data here.
    const prepared = await this.connection.prepare('select json_serialize_sql(cast($1 as varchar)) as ast');
    prepared.bindVarchar(1, sql);
    const reader = await prepared.runAndReadAll();
    return JSON.parse(String(reader.getRows()[0]![0]));
  }

  async close(): Promise<void> {
    this.connection?.closeSync();
    this.instance?.closeSync();
    this.connection = undefined;
    this.instance = undefined;
  }
}
