import type { DuckDBConnection } from '@duckdb/node-api';
import { AdapterError, type Connection, type ExecuteResult } from '@strata/core';

/** DuckDB errors worth retrying: another writer holds the file or a transaction conflicted. */
const TRANSIENT = /could not set lock|conflict|database is locked/i;

/** Turns driver values into plain JS: BIGINT → number when safe, DuckDB dates → Date. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/** Maps a driver error to an AdapterError that keeps the SQL (never credentials: DuckDB has none). */
export function toAdapterError(error: unknown, sql: string): AdapterError {
  const message = error instanceof Error ? error.message : String(error);
  if (/no space left on device|disk is full|out of disk/i.test(message)) {
    return new AdapterError(`the disk holding the DuckDB file is full: ${message.split('\n')[0]}`, { sql, code: 'E_WAREHOUSE_DISK_FULL', cause: error, hint: 'free space next to the database file (or move it); what this node was building was rolled back and the previous version kept' });
  }
  if (/attached in read-only mode/i.test(message)) {
    return new AdapterError(message.split('\n')[0] ?? message, { sql, code: 'E_WAREHOUSE_READ_ONLY', cause: error, hint: "the target opens the database read-only (readOnly: true): use another target to build, or remove readOnly" });
  }
  return new AdapterError(message.split('\n')[0] ?? message, { sql, transient: TRANSIENT.test(message), cause: error, hint: message.includes('\n') ? message.split('\n').slice(1).join(' ').trim() || undefined : undefined });
}

/** One DuckDB connection of the shared instance. */
export class DuckDbConnection implements Connection {
  constructor(private readonly connection: DuckDBConnection) {}

  async execute(sql: string): Promise<ExecuteResult> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      // CREATE TABLE AS and COPY report their row count as a one-cell `Count` result.
      if (reader.columnCount === 1 && reader.columnName(0) === 'Count' && reader.currentRowCount === 1) {
        return { rowsAffected: Number(reader.getRows()[0]![0]) };
      }
      return { rowsAffected: Number(reader.rowsChanged) };
    } catch (error) {
      throw toAdapterError(error, sql);
    }
  }

  async query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      const rows = reader.getRowObjectsJS();
      for (const row of rows) for (const key of Object.keys(row)) row[key] = plain(row[key]) as never;
      return rows as Row[];
    } catch (error) {
      throw toAdapterError(error, sql);
    }
  }

  async transaction(statements: string[]): Promise<ExecuteResult[]> {
    await this.execute('BEGIN TRANSACTION');
    try {
      const results: ExecuteResult[] = [];
      for (const statement of statements) results.push(await this.execute(statement));
      await this.execute('COMMIT');
      return results;
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async cancel(): Promise<void> {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    this.connection.closeSync();
  }
}
