import { AdapterError } from '@strata/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BigQueryConnection, transactionScript } from '../src/index.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.double.stop();
});
beforeEach(() => {
  h.double.reset();
  h.double.pageSize = 1000;
  h.sleeps.length = 0;
  h.logs.length = 0;
});

const jobInserts = () => h.double.calls('POST', /\/projects\/test-project\/jobs$/);

describe('query jobs', () => {
  it('inserts a GoogleSQL job with the target’s priority, byte limit, timeout, labels and location', async () => {
    const adapter = h.open({ priority: 'batch', maximumBytesBilled: 5e9, jobTimeoutMs: 60_000, labels: { team: 'analytics' } });
    const connection = await adapter.connect();
    await connection.execute('SELECT 1');
    const [insert] = jobInserts();
    expect(insert!.body.configuration).toEqual({
      query: { query: 'SELECT 1', useLegacySql: false, priority: 'BATCH', maximumBytesBilled: '5000000000' },
      jobTimeoutMs: '60000',
      labels: { team: 'analytics' },
    });
    expect(insert!.body.jobReference).toMatchObject({ projectId: 'test-project', location: 'EU' });
    expect(insert!.body.jobReference.jobId).toMatch(/^strata_[0-9a-f]{32}$/);
    // anonymous: no credentials were sent to the double
    expect(h.double.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('polls jobs.get until the job is DONE, waiting longer each time', async () => {
    h.double.onQuery = () => ({ runningPolls: 4, statementType: 'UPDATE', numDmlAffectedRows: 7 });
    const adapter = h.open({ pollIntervalMs: 10 });
    const connection = await adapter.connect();
    const result = await connection.execute('UPDATE t SET a = 1 WHERE TRUE');
    expect(result).toEqual({ rowsAffected: 7 });
    const jobId = jobInserts()[0]!.body.jobReference.jobId;
    expect(h.double.calls('GET', new RegExp(`/jobs/${jobId}$`))).toHaveLength(4);
    expect(h.double.calls('GET', new RegExp(`/jobs/${jobId}$`))[0]!.query.location).toBe('EU');
    // 10, 20, 40, 80 capped at 10 × 10 = 100
    expect(h.sleeps).toEqual([10, 20, 40, 80]);
  });

  it('reads every page of getQueryResults with pageToken and converts values to plain JS', async () => {
    const schema = [
      { name: 'id', type: 'INTEGER' },
      { name: 'amount', type: 'FLOAT' },
      { name: 'price', type: 'NUMERIC' },
      { name: 'active', type: 'BOOLEAN' },
      { name: 'ordered_at', type: 'TIMESTAMP' },
      { name: 'day', type: 'DATE' },
      { name: 'note', type: 'STRING' },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      { name: 'big', type: 'INT64' },
    ];
    // 2024-03-01T10:30:00Z in microseconds, as formatOptions.useInt64Timestamp returns it
    const micros = String(Date.UTC(2024, 2, 1, 10, 30) * 1000);
    const rows = Array.from({ length: 5 }, (_, i) => [String(i + 1), '2.5', '10.25', i % 2 === 0 ? 'true' : 'false', micros, '2024-03-01', i === 4 ? null : `n${i}`, ['a', 'b'], '9007199254740993']);
    h.double.onQuery = () => ({ schema, rows });
    h.double.pageSize = 2;
    const connection = await h.open().connect();
    const result = await connection.query('SELECT * FROM t');
    expect(result).toHaveLength(5);
    expect(result.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(result[0]).toEqual({ id: 1, amount: 2.5, price: 10.25, active: true, ordered_at: new Date(Date.UTC(2024, 2, 1, 10, 30)), day: new Date(Date.UTC(2024, 2, 1)), note: 'n0', tags: ['a', 'b'], big: '9007199254740993' });
    expect(result[4]!.note).toBeNull();
    const pages = h.double.calls('GET', /\/queries\//);
    expect(pages.map((p) => p.query.pageToken)).toEqual([undefined, '2', '4']);
    expect(pages[0]!.query['formatOptions.useInt64Timestamp']).toBe('true');
  });

  it('counts the rows of CREATE TABLE AS SELECT from the new table (BigQuery reports none for DDL)', async () => {
    h.double.datasets.set('shop', {});
    const connection = await h.open().connect();
    h.double.onQuery = (sql) => {
      h.double.tables.set('shop.orders', { type: 'TABLE', schema: { fields: [] }, numRows: '42' });
      return { statementType: 'CREATE_TABLE_AS_SELECT', ddlTargetTable: { datasetId: 'shop', tableId: 'orders' } };
    };
    expect(await connection.execute('CREATE OR REPLACE TABLE `test-project`.`shop`.`orders` AS SELECT 1 AS a')).toEqual({ rowsAffected: 42 });
    expect(h.double.calls('GET', /\/datasets\/shop\/tables\/orders$/)).toHaveLength(1);
  });
});

describe('transactions', () => {
  it('wraps statements in one script job that returns each statement’s row count', async () => {
    h.double.onQuery = (sql) => (sql.startsWith('DECLARE') ? { schema: [{ name: 'row_counts', type: 'INTEGER', mode: 'REPEATED' }], rows: [[['3', '2']]] } : undefined);
    const connection = await h.open().connect();
    const results = await connection.transaction(['DELETE FROM t WHERE x;', 'INSERT INTO t SELECT * FROM s']);
    expect(results).toEqual([{ rowsAffected: 3 }, { rowsAffected: 2 }]);
    expect(h.double.queries).toEqual([transactionScript(['DELETE FROM t WHERE x', 'INSERT INTO t SELECT * FROM s'])]);
    expect(h.double.queries[0]).toBe(
      [
        'DECLARE strata_row_counts ARRAY<INT64> DEFAULT [];',
        'BEGIN TRANSACTION;',
        'DELETE FROM t WHERE x;',
        'SET strata_row_counts = ARRAY_CONCAT(strata_row_counts, [COALESCE(@@row_count, 0)]);',
        'INSERT INTO t SELECT * FROM s;',
        'SET strata_row_counts = ARRAY_CONCAT(strata_row_counts, [COALESCE(@@row_count, 0)]);',
        'COMMIT TRANSACTION;',
        'SELECT strata_row_counts AS row_counts;',
      ].join('\n'),
    );
  });
});

describe('errors', () => {
  it('maps a failed job to an AdapterError naming BigQuery’s reason, with the SQL and a hint', async () => {
    h.double.onQuery = () => ({ error: { reason: 'invalidQuery', message: 'Syntax error: Unexpected keyword FROM at [2:1]', location: 'query' } });
    const connection = await h.open().connect();
    const error = (await connection.execute('SELECT\nFROM t').catch((e) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.message).toBe('BigQuery job failed (invalidQuery): Syntax error: Unexpected keyword FROM at [2:1]');
    expect(error.sql).toBe('SELECT\nFROM t');
    expect(error.transient).toBe(false);
    expect(error.hint).toContain('target/compiled/');
    // an invalid query is not retried
    expect(jobInserts()).toHaveLength(1);
  });

  it('maps an API error (HTTP 403 accessDenied) with what to grant', async () => {
    h.double.fail('POST', /\/jobs$/, 403, 'accessDenied', 1, 'Access Denied: Project test-project: User does not have bigquery.jobs.create permission');
    const connection = await h.open().connect();
    const error = (await connection.execute('SELECT 1').catch((e) => e)) as AdapterError;
    expect(error.message).toBe('BigQuery job failed (accessDenied): Access Denied: Project test-project: User does not have bigquery.jobs.create permission');
    expect(error.hint).toContain('roles/bigquery.jobUser');
    expect(error.transient).toBe(false);
  });
});

describe('retries with backoff', () => {
  it('retries jobs.insert after rateLimitExceeded (HTTP 429), reusing the job id', async () => {
    h.double.fail('POST', /\/jobs$/, 429, 'rateLimitExceeded', 2);
    const connection = await h.open().connect();
    expect(await connection.execute('INSERT INTO t SELECT 1')).toEqual({ rowsAffected: 0 });
    const inserts = jobInserts();
    expect(inserts).toHaveLength(3);
    expect(new Set(inserts.map((r) => r.body.jobReference.jobId)).size).toBe(1);
    expect(h.sleeps).toEqual([100, 200]);
    expect(h.logs).toEqual(['BigQuery jobs.insert: rateLimitExceeded; retry 1 of 3 in 100 ms', 'BigQuery jobs.insert: rateLimitExceeded; retry 2 of 3 in 200 ms']);
  });

  it('finds the job it already created when a retried insert answers 409 (the first answer was lost)', async () => {
    h.double.loseResponse('POST', /\/jobs$/, 503, 'backendError');
    h.double.onQuery = () => ({ statementType: 'DELETE', numDmlAffectedRows: 4 });
    const connection = await h.open().connect();
    expect(await connection.execute('DELETE FROM t WHERE TRUE')).toEqual({ rowsAffected: 4 });
    const inserts = jobInserts();
    expect(inserts).toHaveLength(2);
    expect(inserts[1]!.body.jobReference.jobId).toBe(inserts[0]!.body.jobReference.jobId);
    // the statement ran once: one job exists, read back with jobs.get after the 409
    expect(h.double.jobs.size).toBe(1);
    expect(h.double.calls('GET', new RegExp(`/jobs/${inserts[0]!.body.jobReference.jobId}$`))).toHaveLength(1);
  });

  it('re-runs a job that ended with backendError under a new job id', async () => {
    let attempts = 0;
    h.double.onQuery = () => (++attempts === 1 ? { error: { reason: 'backendError', message: 'Backend error. Job aborted.' } } : { statementType: 'MERGE', numDmlAffectedRows: 9 });
    const connection = await h.open().connect();
    expect(await connection.execute('MERGE t USING s ON FALSE WHEN NOT MATCHED THEN INSERT ROW')).toEqual({ rowsAffected: 9 });
    const ids = jobInserts().map((r) => r.body.jobReference.jobId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(h.double.queries).toEqual(['MERGE t USING s ON FALSE WHEN NOT MATCHED THEN INSERT ROW', 'MERGE t USING s ON FALSE WHEN NOT MATCHED THEN INSERT ROW']);
    expect(h.sleeps.filter((ms) => ms >= 100)).toEqual([100]);
  });

  it('gives up after jobRetries and reports the error as transient (so the runner may retry the node)', async () => {
    h.double.fail('GET', /\/jobs\//, 500, 'backendError', 10);
    h.double.onQuery = () => ({ runningPolls: 1 });
    const connection = await h.open({ jobRetries: 2 }).connect();
    const error = (await connection.execute('SELECT 1').catch((e) => e)) as AdapterError;
    expect(error.message).toBe('BigQuery job failed (backendError): backendError (injected)');
    expect(error.transient).toBe(true);
    expect(h.sleeps.filter((ms) => ms >= 100)).toEqual([100, 200]);
  });

  it('caps the backoff at 32 s', async () => {
    h.double.fail('POST', /\/jobs$/, 429, 'rateLimitExceeded', 3);
    const connection = await h.open({ retryBackoffMs: 20_000, jobRetries: 3 }).connect();
    await connection.execute('SELECT 1');
    expect(h.sleeps).toEqual([20_000, 32_000, 32_000]);
  });
});

describe('dry runs and cancel', () => {
  it('dry-runs a query and returns the bytes it would process', async () => {
    h.double.onQuery = (_sql, configuration) => ({ totalBytesProcessed: configuration.dryRun ? 123_456 : 0 });
    const adapter = h.open();
    expect(await adapter.dryRun('SELECT * FROM `test-project`.`shop`.`orders`')).toEqual({ bytesProcessed: 123_456 });
    expect(jobInserts()[0]!.body.configuration.dryRun).toBe(true);
    expect(h.double.jobs.size).toBe(0);
  });

  it('cancels the job being waited for', async () => {
    h.double.onQuery = () => ({ runningPolls: 1000 });
    const adapter = h.open({ pollIntervalMs: 1 });
    const connection = (await adapter.connect()) as BigQueryConnection;
    const running = connection.execute('SELECT 1');
    await new Promise((r) => setTimeout(r, 30));
    await connection.cancel();
    const jobId = jobInserts()[0]!.body.jobReference.jobId;
    expect(h.double.calls('POST', new RegExp(`/jobs/${jobId}/cancel$`))).toHaveLength(1);
    // the double finishes the job on the next poll so the test ends
    h.double.jobs.get(jobId)!.outcome.runningPolls = 0;
    await running;
  });
});

describe('transactions with DDL', () => {
  it('runs DDL as separate atomic jobs, a drop + create of one table as CREATE OR REPLACE', async () => {
    const connection = await h.open().connect();
    const results = await connection.transaction(['DROP TABLE IF EXISTS `p`.`audit`.`failures`', 'CREATE TABLE `p`.`audit`.`failures` AS\nSELECT 1 AS a', 'ALTER TABLE `p`.`d`.`t` ADD COLUMN `c` STRING']);
    expect(h.double.queries).toEqual(['CREATE OR REPLACE TABLE `p`.`audit`.`failures` AS\nSELECT 1 AS a', 'ALTER TABLE `p`.`d`.`t` ADD COLUMN `c` STRING']);
    expect(results).toHaveLength(3);
  });
});
