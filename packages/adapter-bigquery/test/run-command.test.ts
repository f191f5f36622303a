import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWorkspace, runCommand } from '@strata/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bigqueryAdapterFactory } from '../src/index.js';
import { BigQueryDouble } from './bigquery-double.js';
import { bigQuerySyntaxError } from './sql-syntax.js';

/** A two-model project whose `bq` target points at the double (its address comes from the env). */
const project = fileURLToPath(new URL('./fixtures/shop', import.meta.url));
const adapters = { bigquery: bigqueryAdapterFactory };
const double = new BigQueryDouble();

beforeAll(async () => {
  process.env.STRATA_TEST_BIGQUERY_ENDPOINT = await double.start();
});
afterAll(async () => {
  await double.stop();
  delete process.env.STRATA_TEST_BIGQUERY_ENDPOINT;
  rmSync(`${project}/target`, { recursive: true, force: true });
});
beforeEach(() => double.reset());
afterEach(() => {
  expect(double.queries.filter((sql) => bigQuerySyntaxError(sql) !== undefined)).toEqual([]);
});

const FIELDS = ['order_id:INTEGER', 'customer_id:INTEGER', 'status:STRING', 'amount:NUMERIC', 'ordered_at:TIMESTAMP', 'order_month:TIMESTAMP'].map((f) => ({ name: f.split(':')[0]!, type: f.split(':')[1]!, mode: 'NULLABLE' }));

async function build() {
  const workspace = await loadWorkspace({ projects: [project], target: 'bq' });
  return runCommand(workspace, { command: 'build', adapters, threads: 1, retry: { count: 0 } });
}

describe('strata build on BigQuery (through core, against the double)', () => {
  it('creates datasets under the target’s base dataset, loads the seed, builds the view and the partitioned table', async () => {
    double.schemaOf = () => FIELDS;
    const summary = await build();
    expect(summary.results.map((r) => [r.name, r.status])).toEqual([
      ['orders', 'success'],
      ['stg_orders', 'success'],
      ['fct_orders', 'success'],
    ]);
    // `dataset: 'analytics'` replaces the project schema: analytics_raw, analytics_staging, analytics_marts
    expect(double.calls('POST', /\/datasets$/).map((r) => [r.body.datasetReference.datasetId, r.body.location]).sort()).toEqual([
      ['analytics_marts', 'EU'],
      ['analytics_raw', 'EU'],
      ['analytics_staging', 'EU'],
    ]);
    const upload = double.calls('POST', /^\/upload\//)[0]!;
    expect(JSON.parse(upload.parts![0]!.body).configuration.load.destinationTable.datasetId).toBe('analytics_raw');
    // the seed declares no types: loaded as STRING, then typed from what every value casts to
    expect(double.queries[1]).toMatch(/^CREATE OR REPLACE TABLE `test-project`\.`analytics_raw`\.`__strata_tmp_orders_\w+_typed` AS\nSELECT CAST\(`order_id` AS INT64\) AS `order_id`, CAST\(`customer_id` AS INT64\) AS `customer_id`, `status`, CAST\(`amount` AS FLOAT64\) AS `amount`, CAST\(`ordered_at` AS TIMESTAMP\) AS `ordered_at`\n/);
    expect(double.queries.slice(2)).toEqual([
      [
        'CREATE OR REPLACE VIEW `test-project`.`analytics_staging`.`stg_orders` AS',
        'select',
        '  order_id,',
        '  customer_id,',
        '  lower(status) as status,',
        '  SAFE_CAST(amount AS NUMERIC) as amount,',
        '  cast(ordered_at as TIMESTAMP) as ordered_at',
        'from `test-project`.`analytics_raw`.`orders`',
      ].join('\n'),
      [
        'CREATE OR REPLACE TABLE `test-project`.`analytics_marts`.`fct_orders`',
        'PARTITION BY TIMESTAMP_TRUNC(`ordered_at`, DAY)',
        'CLUSTER BY `customer_id`',
        'AS',
        'select',
        '  order_id,',
        '  customer_id,',
        '  status,',
        '  amount,',
        '  ordered_at,',
        '  TIMESTAMP_TRUNC(CAST(ordered_at AS TIMESTAMP), MONTH) as order_month',
        'from `test-project`.`analytics_staging`.`stg_orders`',
      ].join('\n'),
    ]);
    expect(summary.results[0]!.rowsAffected).toBe(3);
  });

  it('merges new rows into the partitioned table on the next run', async () => {
    double.schemaOf = () => FIELDS;
    await build();
    double.requests.length = 0;
    double.rowsOf = (table) => (table.startsWith('__strata_tmp_fct_orders') ? 2 : 0);
    const summary = await build();
    const fct = summary.results.find((r) => r.name === 'fct_orders')!;
    expect([fct.status, fct.rowsAffected, fct.message]).toEqual(['success', 2, 'incremental merge']);
    const [delta, merge] = double.queries.slice(-2);
    expect(delta).toContain('where ordered_at > (select max(ordered_at) from `test-project`.`analytics_marts`.`fct_orders`)');
    expect(merge).toContain('MERGE INTO `test-project`.`analytics_marts`.`fct_orders` AS t\nUSING `test-project`.`analytics_marts`.`__strata_tmp_fct_orders_');
    expect(merge).toContain('ON t.`order_id` = s.`order_id`');
  });

  it('reports a failed job on the model’s result with BigQuery’s reason, and skips nothing else', async () => {
    double.schemaOf = () => FIELDS;
    double.onQuery = (sql) => (sql.includes('`fct_orders`') ? { error: { reason: 'invalidQuery', message: 'Unrecognized name: amount at [6:3]', location: 'query' } } : undefined);
    const summary = await build();
    const fct = summary.results.find((r) => r.name === 'fct_orders')!;
    expect(fct.status).toBe('error');
    expect(fct.message).toContain('model fct_orders: BigQuery job failed (invalidQuery): Unrecognized name: amount at [6:3]');
    expect(summary.results.find((r) => r.name === 'stg_orders')!.status).toBe('success');
  });
});
