import { AdapterError, ConfigError, ContractError, type OnSchemaChange, type RelationRef } from '@strata/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BigQueryMaterializer } from '../src/index.js';
import type { Field } from './bigquery-double.js';
import { startHarness, type Harness } from './helpers.js';
import { bigQuerySyntaxError } from './sql-syntax.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.double.stop();
});

const orders: RelationRef = { schema: 'shop_marts', name: 'fct_orders' };
const ORDER_FIELDS: Field[] = [
  { name: 'order_id', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'status', type: 'STRING', mode: 'NULLABLE' },
  { name: 'ordered_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
];
const T = '`test-project`.`shop_marts`.`fct_orders`';
/** castToString's output: CAST to STRING, less the '+00' BigQuery prints after a TIMESTAMP. */
const str = (x: string) => `REGEXP_REPLACE(CAST(${x} AS STRING), r'^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)\\+00$', r'\\1')`;

async function materializer(target: Record<string, unknown> = {}): Promise<BigQueryMaterializer> {
  const adapter = h.open(target);
  return adapter.createMaterializer(await adapter.connect());
}

/** Statements the double ran, with temporary names made stable. */
function statements(): string[] {
  return h.double.queries.map((q) => q.replace(/__strata_tmp_(\w+?)_[a-z0-9]+(_load|_typed)?`/g, '__strata_tmp_$1_X$2`'));
}

// Every statement the materializer sent is valid GoogleSQL (DDL, MERGE, scripts included).
afterEach(() => {
  const invalid = h.double.queries.map((sql) => [sql, bigQuerySyntaxError(sql)]).filter(([, error]) => error);
  expect(invalid).toEqual([]);
});

beforeEach(() => {
  h.double.reset();
  h.double.datasets.set('shop_marts', {});
  h.double.schemaOf = () => ORDER_FIELDS.map((f) => ({ ...f }));
  h.sleeps.length = 0;
});

describe('views and tables', () => {
  it('builds a view with CREATE OR REPLACE VIEW', async () => {
    const m = await materializer();
    await m.view({ schema: 'shop_marts', name: 'v_orders' }, 'SELECT 1 AS a');
    expect(statements()).toEqual(['CREATE OR REPLACE VIEW `test-project`.`shop_marts`.`v_orders` AS\nSELECT 1 AS a']);
  });

  it('replaces a table by a view: drops the table first (no DDL transactions on BigQuery)', async () => {
    h.double.tables.set('shop_marts.v_orders', { type: 'TABLE', schema: { fields: [] } });
    const m = await materializer();
    await m.view({ schema: 'shop_marts', name: 'v_orders' }, 'SELECT 1 AS a');
    expect(statements()).toEqual(['DROP TABLE `test-project`.`shop_marts`.`v_orders`', 'CREATE OR REPLACE VIEW `test-project`.`shop_marts`.`v_orders` AS\nSELECT 1 AS a']);
    expect(h.double.tables.get('shop_marts.v_orders')!.type).toBe('VIEW');
  });

  it('builds a table atomically with CREATE OR REPLACE TABLE, partitioned and clustered from its config', async () => {
    const m = await materializer();
    const config = { partition_by: { field: 'ordered_at', data_type: 'timestamp', granularity: 'day' }, cluster_by: ['status', 'order_id'] };
    await m.table(orders, 'SELECT * FROM src', { model: 'fct_orders', config });
    expect(statements()).toEqual([`CREATE OR REPLACE TABLE ${T}\nPARTITION BY TIMESTAMP_TRUNC(\`ordered_at\`, DAY)\nCLUSTER BY \`status\`, \`order_id\`\nAS\nSELECT * FROM src`]);
    // the same layout again replaces in place
    await m.table(orders, 'SELECT * FROM src', { model: 'fct_orders', config });
    expect(statements()).toHaveLength(2);
  });

  it('drops a table whose partitioning changes (BigQuery cannot replace it in place)', async () => {
    h.double.tables.set('shop_marts.fct_orders', { type: 'TABLE', schema: { fields: ORDER_FIELDS }, timePartitioning: { type: 'DAY', field: 'ordered_at' } });
    const m = await materializer();
    await m.table(orders, 'SELECT * FROM src', { config: { partition_by: { field: 'ordered_at', data_type: 'timestamp', granularity: 'month' } } });
    expect(statements()).toEqual([`DROP TABLE ${T}`, `CREATE OR REPLACE TABLE ${T}\nPARTITION BY TIMESTAMP_TRUNC(\`ordered_at\`, MONTH)\nAS\nSELECT * FROM src`]);
  });

  it('renders date, month and integer-range partitions', async () => {
    const m = await materializer();
    await m.table(orders, 'SELECT 1', { config: { partition_by: 'order_date' } });
    await m.table({ schema: 'shop_marts', name: 'b' }, 'SELECT 1', { config: { partition_by: { field: 'order_date', data_type: 'date', granularity: 'month' } } });
    await m.table({ schema: 'shop_marts', name: 'c' }, 'SELECT 1', { config: { partition_by: { field: 'customer_id', data_type: 'int64', range: { start: 0, end: 1000, interval: 10 } }, cluster_by: 'status' } });
    expect(statements().map((s) => s.split('\n')[1])).toEqual(['PARTITION BY `order_date`', 'PARTITION BY DATE_TRUNC(`order_date`, MONTH)', 'PARTITION BY RANGE_BUCKET(`customer_id`, GENERATE_ARRAY(0, 1000, 10))']);
    expect(statements()[2]!.split('\n')[2]).toBe('CLUSTER BY `status`');
  });

  it('rejects a bad partition config with the model and file', async () => {
    const m = await materializer();
    const error = await m.table(orders, 'SELECT 1', { model: 'fct_orders', file: 'models/marts/fct_orders.sql', config: { cluster_by: ['a', 'b', 'c', 'd', 'e'] } }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('fct_orders: cluster_by names 5 columns; BigQuery allows at most 4');
    expect(error.file).toBe('models/marts/fct_orders.sql');
    expect(h.double.queries).toEqual([]);
  });

  it('checks a contract on a temporary view (no bytes scanned) before building; a violation keeps the table', async () => {
    h.double.tables.set('shop_marts.fct_orders', { type: 'TABLE', schema: { fields: ORDER_FIELDS }, numRows: '5' });
    const m = await materializer();
    const seen: string[][] = [];
    const introspector = h.open().createIntrospector(await h.open().connect());
    const verify = async (temporary: RelationRef) => {
      const columns = await introspector.columns(temporary);
      seen.push(columns.map((c) => `${c.name} ${c.type}`));
      throw new ContractError('E_CONTRACT', "model 'fct_orders' violates its contract — extra columns: status");
    };
    const error = await m.table(orders, 'SELECT * FROM src', { verify, model: 'fct_orders' }).catch((e) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(seen).toEqual([['order_id INT64', 'status STRING', 'ordered_at TIMESTAMP']]);
    expect(statements()).toEqual(['CREATE VIEW `test-project`.`shop_marts`.`__strata_tmp_fct_orders_X` AS\nSELECT * FROM src']);
    expect(h.double.calls('DELETE', /__strata_tmp_fct_orders_/)).toHaveLength(1);
    expect(h.double.tables.get('shop_marts.fct_orders')!.numRows).toBe('5');
  });

  it('names the model and BigQuery’s reason when the build job fails', async () => {
    h.double.onQuery = () => ({ error: { reason: 'notFound', message: 'Not found: Table test-project:shop_staging.stg_orders was not found in location EU' } });
    const m = await materializer();
    const error = (await m.table(orders, 'SELECT * FROM `test-project`.`shop_staging`.`stg_orders`', { model: 'fct_orders', file: 'models/marts/fct_orders.sql' }).catch((e) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.message).toBe('model fct_orders: BigQuery job failed (notFound): Not found: Table test-project:shop_staging.stg_orders was not found in location EU');
    expect(error.file).toBe('models/marts/fct_orders.sql');
    expect(error.hint).toContain('build the models and seeds it reads first');
  });
});

describe('incremental models', () => {
  const incremental = { uniqueKey: ['order_id'], onSchemaChange: 'ignore' as OnSchemaChange, fullRefresh: false, model: 'fct_orders' };
  const existing = () => h.double.tables.set('shop_marts.fct_orders', { type: 'TABLE', schema: { fields: ORDER_FIELDS.map((f) => ({ ...f })) }, numRows: '100' });
  /** New rows: the staged delta table reports this many rows. */
  const stagedRows = (n: number) => {
    h.double.onQuery = (sql) => {
      const created = /^CREATE TABLE `test-project`\.`shop_marts`\.`(__strata_tmp_\w+)`/.exec(sql);
      if (!created) return undefined;
      h.double.tables.set(`shop_marts.${created[1]}`, { type: 'TABLE', schema: { fields: h.double.schemaOf(created[1]!, sql) }, numRows: String(n) });
      return { statementType: 'CREATE_TABLE_AS_SELECT', ddlTargetTable: { datasetId: 'shop_marts', tableId: created[1]! } };
    };
  };

  it('builds the table on the first run', async () => {
    const m = await materializer();
    const result = await m.incremental(orders, 'SELECT * FROM src', { ...incremental, strategy: 'merge' });
    expect(result.message).toBe('created');
    expect(statements()).toEqual([`CREATE OR REPLACE TABLE ${T}\nAS\nSELECT * FROM src`]);
  });

  it('merges staged rows on the unique key (one atomic MERGE), then drops the staging table', async () => {
    existing();
    stagedRows(3);
    const m = await materializer();
    const result = await m.incremental(orders, 'SELECT * FROM src WHERE ordered_at > (SELECT max(ordered_at) FROM t)', { ...incremental, strategy: 'merge' });
    expect(result).toEqual({ rowsAffected: 3, message: 'incremental merge' });
    expect(statements()).toEqual([
      'CREATE TABLE `test-project`.`shop_marts`.`__strata_tmp_fct_orders_X`\nOPTIONS(expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 1 DAY))\nAS\nSELECT * FROM src WHERE ordered_at > (SELECT max(ordered_at) FROM t)',
      [
        `MERGE INTO ${T} AS t`,
        'USING `test-project`.`shop_marts`.`__strata_tmp_fct_orders_X` AS s',
        'ON t.`order_id` = s.`order_id`',
        'WHEN MATCHED THEN UPDATE SET `status` = s.`status`, `ordered_at` = s.`ordered_at`',
        'WHEN NOT MATCHED THEN INSERT (`order_id`, `status`, `ordered_at`) VALUES (s.`order_id`, s.`status`, s.`ordered_at`)',
      ].join('\n'),
    ]);
    expect(h.double.calls('DELETE', /__strata_tmp_fct_orders_/)).toHaveLength(1);
    expect([...h.double.tables.keys()]).toEqual(['shop_marts.fct_orders']);
  });

  it('writes nothing when there are no new rows', async () => {
    existing();
    stagedRows(0);
    const m = await materializer();
    const result = await m.incremental(orders, 'SELECT * FROM src', { ...incremental, strategy: 'merge' });
    expect(result.rowsAffected).toBe(0);
    expect(statements()).toHaveLength(1);
  });

  it('runs delete+insert as one transaction', async () => {
    existing();
    stagedRows(2);
    const m = await materializer();
    const onQuery = h.double.onQuery;
    h.double.onQuery = (sql, c) => (sql.startsWith('DECLARE') ? { schema: [{ name: 'row_counts', type: 'INTEGER', mode: 'REPEATED' }], rows: [[['1', '2']]] } : onQuery(sql, c));
    await m.incremental(orders, 'SELECT * FROM src', { ...incremental, strategy: 'delete+insert' });
    const script = statements()[1]!;
    expect(script).toContain(`BEGIN TRANSACTION;\nDELETE FROM ${T} AS t\nWHERE EXISTS (SELECT 1 FROM \`test-project\`.\`shop_marts\`.\`__strata_tmp_fct_orders_X\` AS s WHERE t.\`order_id\` = s.\`order_id\`);`);
    expect(script).toContain(`INSERT INTO ${T} (\`order_id\`, \`status\`, \`ordered_at\`)\nSELECT \`order_id\`, \`status\`, \`ordered_at\` FROM \`test-project\`.\`shop_marts\`.\`__strata_tmp_fct_orders_X\`;`);
    expect(script.endsWith('COMMIT TRANSACTION;\nSELECT strata_row_counts AS row_counts;')).toBe(true);
  });

  it('overwrites the partitions the new rows fall in (insert_overwrite)', async () => {
    existing();
    stagedRows(4);
    const m = await materializer();
    const config = { partition_by: { field: 'ordered_at', data_type: 'timestamp', granularity: 'day' } };
    await m.incremental(orders, 'SELECT * FROM src', { ...incremental, uniqueKey: [], strategy: 'insert_overwrite', config });
    expect(statements()[1]).toBe(
      [
        'DECLARE strata_partitions ARRAY<TIMESTAMP>;',
        'SET strata_partitions = (SELECT ARRAY_AGG(DISTINCT TIMESTAMP_TRUNC(s.`ordered_at`, DAY) IGNORE NULLS) FROM `test-project`.`shop_marts`.`__strata_tmp_fct_orders_X` AS s);',
        `MERGE INTO ${T} AS t`,
        'USING `test-project`.`shop_marts`.`__strata_tmp_fct_orders_X` AS s',
        'ON FALSE',
        'WHEN NOT MATCHED BY SOURCE AND TIMESTAMP_TRUNC(t.`ordered_at`, DAY) IN UNNEST(strata_partitions) THEN DELETE',
        'WHEN NOT MATCHED THEN INSERT (`order_id`, `status`, `ordered_at`) VALUES (s.`order_id`, s.`status`, s.`ordered_at`);',
      ].join('\n'),
    );
  });

  it('insert_overwrite without partition_by is a config error naming the model', async () => {
    existing();
    stagedRows(4);
    const m = await materializer();
    const error = await m.incremental(orders, 'SELECT * FROM src', { ...incremental, uniqueKey: [], strategy: 'insert_overwrite', file: 'models/marts/fct_orders.sql' }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe("fct_orders: incremental_strategy 'insert_overwrite' needs partition_by");
    expect(h.double.calls('DELETE', /__strata_tmp_fct_orders_/)).toHaveLength(1);
  });

  it('adds new columns before appending (append_new_columns), one ALTER per column', async () => {
    existing();
    stagedRows(1);
    h.double.schemaOf = () => [...ORDER_FIELDS, { name: 'channel', type: 'STRING', mode: 'NULLABLE' }];
    const m = await materializer();
    const result = await m.incremental(orders, 'SELECT * FROM src', { ...incremental, onSchemaChange: 'append_new_columns' as const, strategy: 'append' });
    expect(result.message).toBe('incremental append (+1 columns)');
    expect(statements().slice(1)).toEqual([`ALTER TABLE ${T} ADD COLUMN \`channel\` STRING`, `INSERT INTO ${T} (\`order_id\`, \`status\`, \`ordered_at\`, \`channel\`)\nSELECT \`order_id\`, \`status\`, \`ordered_at\`, \`channel\` FROM \`test-project\`.\`shop_marts\`.\`__strata_tmp_fct_orders_X\``]);
  });

  it("stops on a schema change when on_schema_change is 'fail', leaving the table as it was", async () => {
    existing();
    stagedRows(1);
    h.double.schemaOf = () => [{ name: 'order_id', type: 'STRING', mode: 'NULLABLE' }, ORDER_FIELDS[1]!, ORDER_FIELDS[2]!];
    const m = await materializer();
    const error = await m.incremental(orders, 'SELECT * FROM src', { ...incremental, onSchemaChange: 'fail' as const, strategy: 'merge' }).catch((e) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toBe("the columns of incremental model fct_orders changed (changed types order_id INT64 -> STRING) and on_schema_change is 'fail'; the table was left as it was");
    expect(statements()).toHaveLength(1);
  });
});

describe('snapshots', () => {
  const options = {
    strategy: 'timestamp' as const,
    uniqueKey: ['customer_id'],
    updatedAt: 'updated_at',
    invalidateHardDeletes: true,
    snapshotTime: new Date(Date.UTC(2024, 4, 1, 12)),
    columnNames: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', scdId: 'strata_scd_id' },
    model: 'customers_snapshot',
  };
  const SNAP = '`test-project`.`shop_marts`.`customers_snapshot`';
  const STAGED = '`test-project`.`shop_marts`.`__strata_tmp_customers_snapshot_X`';
  const fields: Field[] = [
    { name: 'customer_id', type: 'INTEGER' },
    { name: 'email', type: 'STRING' },
    { name: 'updated_at', type: 'TIMESTAMP' },
  ];
  const snapshot: RelationRef = { schema: 'shop_marts', name: 'customers_snapshot' };

  it('builds every row as its current version on the first run', async () => {
    h.double.schemaOf = () => fields;
    const m = await materializer();
    const result = await m.snapshot(snapshot, 'SELECT * FROM customers', options);
    expect(result.message).toBe('snapshot created');
    expect(statements()[1]).toBe(
      [
        `CREATE OR REPLACE TABLE ${SNAP}`,
        'AS',
        'SELECT s.*, CAST(s.`updated_at` AS TIMESTAMP) AS `valid_from`, CAST(NULL AS TIMESTAMP) AS `valid_to`,',
        `  TRUE AS \`is_current\`, TO_HEX(MD5(CONCAT(COALESCE(${str('s.`customer_id`')}, ''), '|', COALESCE(${str('CAST(s.`updated_at` AS TIMESTAMP)')}, '')))) AS \`strata_scd_id\``,
        `FROM ${STAGED} AS s`,
      ].join('\n'),
    );
  });

  it('inserts new versions and closes old and deleted ones in one transaction', async () => {
    h.double.tables.set('shop_marts.customers_snapshot', { type: 'TABLE', schema: { fields: [...fields, { name: 'valid_from', type: 'TIMESTAMP' }, { name: 'valid_to', type: 'TIMESTAMP' }, { name: 'is_current', type: 'BOOLEAN' }, { name: 'strata_scd_id', type: 'STRING' }] } });
    h.double.schemaOf = () => fields;
    h.double.onQuery = (sql) => (sql.startsWith('DECLARE') ? { schema: [{ name: 'row_counts', type: 'INTEGER', mode: 'REPEATED' }], rows: [[['2', '1', '1']]] } : undefined);
    const m = await materializer();
    const result = await m.snapshot(snapshot, 'SELECT * FROM customers', options);
    expect(result).toEqual({ rowsAffected: 2, message: 'snapshot: 2 new versions, 2 closed' });
    const script = statements()[1]!;
    expect(script).toContain(`UPDATE ${SNAP} AS t SET \`valid_to\` = CAST(s.\`updated_at\` AS TIMESTAMP), \`is_current\` = FALSE\nFROM ${STAGED} AS s\nWHERE t.\`is_current\` AND t.\`customer_id\` = s.\`customer_id\` AND COALESCE(CAST(s.\`updated_at\` AS TIMESTAMP) > t.\`valid_from\`, FALSE);`);
    expect(script).toContain(`UPDATE ${SNAP} AS t SET \`valid_to\` = TIMESTAMP '2024-05-01 12:00:00.000', \`is_current\` = FALSE\nWHERE t.\`is_current\` AND NOT EXISTS (SELECT 1 FROM ${STAGED} AS s WHERE s.\`customer_id\` = t.\`customer_id\`);`);
    expect(script.indexOf(`INSERT INTO ${SNAP}`)).toBeLessThan(script.indexOf(`UPDATE ${SNAP}`));
  });
});
