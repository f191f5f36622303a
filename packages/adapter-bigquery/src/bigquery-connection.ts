import type { Connection, ExecuteResult } from '@strata/core';
import { toAdapterError } from './bigquery-errors.js';
import type { BigQueryJobRunner, JobResource } from './bigquery-jobs.js';
import { toPlainRow } from './bigquery-values.js';

/** Statement types whose job statistics carry `numDmlAffectedRows`. */
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Drops a statement's trailing semicolons so statements can be joined into a script. */
const bare = (sql: string): string => sql.trim().replace(/;+\s*$/, '');

/**
 * Wraps statements in one BigQuery transaction script that also returns each statement's row
 * count: `@@row_count` after every statement, collected in an array the script selects last.
 * BigQuery rolls the transaction back by itself when any statement fails.
 *
 * @example transactionScript(['DELETE …', 'INSERT …'])
 */
export function transactionScript(statements: string[]): string {
  const lines = ['DECLARE strata_row_counts ARRAY<INT64> DEFAULT [];', 'BEGIN TRANSACTION;'];
  for (const statement of statements) {
    lines.push(`${bare(statement)};`, 'SET strata_row_counts = ARRAY_CONCAT(strata_row_counts, [COALESCE(@@row_count, 0)]);');
  }
  lines.push('COMMIT TRANSACTION;', 'SELECT strata_row_counts AS row_counts;');
  return lines.join('\n');
}

/** DDL on permanent tables, which BigQuery refuses inside a transaction. */
const DDL = /^\s*(CREATE|DROP|ALTER)\b(?!\s+TEMP(ORARY)?\b)/i;

/** `DROP TABLE [IF EXISTS] x` followed by `CREATE TABLE x AS …`: BigQuery's atomic form is one `CREATE OR REPLACE TABLE`. */
const DROP_TABLE = /^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\S+)\s*;?\s*$/i;
const CREATE_TABLE = /^(\s*)CREATE\s+TABLE\s+(\S+)/i;

/**
 * One BigQuery "session" of Strata: BigQuery has no connections, so this is a job runner bound to
 * the target's project, location and cost settings. Each statement is a query job polled to
 * completion; failures become AdapterErrors naming BigQuery's reason.
 */
export class BigQueryConnection implements Connection {
  private closed = false;

  constructor(readonly jobs: BigQueryJobRunner) {}

  /** Runs one statement (or script) as a job and returns the finished job. */
  async job(sql: string): Promise<JobResource> {
    try {
      return await this.jobs.query(sql);
    } catch (error) {
      throw toAdapterError(error, { sql, action: 'job failed' });
    }
  }

  /**
   * Runs a statement. Rows affected: `numDmlAffectedRows` for DML, the new table's row count
   * for `CREATE TABLE … AS SELECT` (BigQuery reports none for DDL), else 0.
   */
  async execute(sql: string): Promise<ExecuteResult> {
    const job = await this.job(sql);
    const stats = job.statistics?.query;
    if (stats?.statementType && DML.has(stats.statementType)) return { rowsAffected: Number(stats.numDmlAffectedRows ?? 0) };
    if (stats?.statementType === 'CREATE_TABLE_AS_SELECT' && stats.ddlTargetTable) {
      const target = stats.ddlTargetTable;
      try {
        const table = await this.jobs.call<{ numRows?: string }>('GET', `/datasets/${target.datasetId}/tables/${target.tableId}`, { projectId: target.projectId });
        return { rowsAffected: Number(table.numRows ?? 0) };
      } catch (error) {
        throw toAdapterError(error, { sql, action: 'tables.get failed' });
      }
    }
    return { rowsAffected: 0 };
  }

  /** Runs a query and reads every page of its result into plain objects. */
  async query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<Row[]> {
    const job = await this.job(sql);
    try {
      const { fields, rows } = await this.jobs.rows(job);
      return rows.map((row) => toPlainRow(fields, row) as Row);
    } catch (error) {
      throw toAdapterError(error, { sql, action: 'reading results failed' });
    }
  }

  /**
   * Runs DML statements in one multi-statement transaction (a single script job), all or
   * nothing. BigQuery allows no DDL on permanent tables inside a transaction: run it before.
   */
  async transaction(statements: string[]): Promise<ExecuteResult[]> {
    if (statements.length === 0) return [];
    if (statements.some((s) => DDL.test(s))) return this.ddlSequence(statements);
    const rows = await this.query<{ row_counts: number[] }>(transactionScript(statements));
    const counts = rows[0]?.row_counts ?? [];
    return statements.map((_, i) => ({ rowsAffected: Number(counts[i] ?? 0) }));
  }

  /**
   * Statements with DDL, which no BigQuery transaction may hold: each runs as its own (atomic)
   * job, in order, and a drop followed by a create of the same table becomes one
   * `CREATE OR REPLACE TABLE`, so readers never see the table missing.
   */
  private async ddlSequence(statements: string[]): Promise<ExecuteResult[]> {
    const results: ExecuteResult[] = [];
    for (let i = 0; i < statements.length; i++) {
      const dropped = DROP_TABLE.exec(statements[i]!)?.[1];
      const next = statements[i + 1];
      const created = next ? CREATE_TABLE.exec(next) : null;
      if (dropped && created && created[2] === dropped) {
        results.push({ rowsAffected: 0 }, await this.execute(next!.replace(CREATE_TABLE, '$1CREATE OR REPLACE TABLE $2')));
        i++;
      } else {
        results.push(await this.execute(statements[i]!));
      }
    }
    return results;
  }

  /** Bytes a query would process (a free dry-run job that also validates the SQL). */
  async dryRun(sql: string): Promise<number> {
    try {
      return await this.jobs.dryRun(sql);
    } catch (error) {
      throw toAdapterError(error, { sql, action: 'dry run failed' });
    }
  }

  async cancel(): Promise<void> {
    await this.jobs.cancel();
  }

  /** Nothing to release: jobs outlive connections, and the client keeps no session open. */
  async close(): Promise<void> {
    if (!this.closed) await this.jobs.cancel();
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
