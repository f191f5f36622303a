/**
 * Parses SQL into DuckDB's JSON syntax tree (`json_serialize_sql`), the input of column-level
 * lineage. Core never holds a driver: the DuckDB adapter package provides one
 * (`AdapterFactory.createSqlParser`), which parses in an in-memory database, offline.
 */
export interface SqlParser {
  /** DuckDB's JSON for `sql` (`{ error: false, statements: [...] }`, or `{ error: true, error_message }`). */
  parse(sql: string): Promise<unknown>;
  close(): Promise<void>;
}
