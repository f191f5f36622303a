import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedError, type RelationRef } from '@strata/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineAtOffset } from '../src/bigquery-seed.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'strata-bq-seed-'));
});
afterAll(async () => {
  await h.double.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  h.double.reset();
  h.double.datasets.set('shop_raw', {});
});

const customers: RelationRef = { schema: 'shop_raw', name: 'customers' };
const CSV = 'customer_id,email,signed_up_at\n1,a@x.io,2024-01-01 10:00:00\n2,,2024-01-02 11:30:00\n3,"c,d@x.io",2024-01-03 09:15:00\n';

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function seed(path: string, options: Parameters<import('../src/index.js').BigQueryMaterializer['seed']>[2]) {
  const adapter = h.open();
  return adapter.createMaterializer(await adapter.connect()).seed(customers, path, options);
}

describe('seeds through load jobs', () => {
  it('uploads the file in a load job with the declared schema, then copies it over the table (WRITE_TRUNCATE)', async () => {
    const path = file('customers.csv', CSV);
    const result = await seed(path, { columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'email', type: 'STRING' }, { name: 'signed_up_at', type: 'TIMESTAMP' }] });
    expect(result).toEqual({ rowsAffected: 3 });
    const [upload] = h.double.calls('POST', /^\/upload\/bigquery\/v2\/projects\/test-project\/jobs$/);
    expect(upload!.query.uploadType).toBe('multipart');
    const metadata = JSON.parse(upload!.parts![0]!.body);
    expect(metadata.jobReference).toMatchObject({ projectId: 'test-project', location: 'EU' });
    expect(metadata.configuration.load).toMatchObject({
      destinationTable: { projectId: 'test-project', datasetId: 'shop_raw', tableId: expect.stringMatching(/^__strata_tmp_customers_\w+_load$/) },
      sourceFormat: 'CSV',
      skipLeadingRows: 1,
      fieldDelimiter: ',',
      quote: '"',
      allowQuotedNewlines: true,
      allowJaggedRows: false,
      maxBadRecords: 0,
      writeDisposition: 'WRITE_TRUNCATE',
      schema: { fields: [{ name: 'customer_id', type: 'INT64', mode: 'NULLABLE' }, { name: 'email', type: 'STRING', mode: 'NULLABLE' }, { name: 'signed_up_at', type: 'TIMESTAMP', mode: 'NULLABLE' }] },
    });
    // the file's bytes, as they are on disk
    expect(upload!.parts![1]!.body).toBe(CSV);
    // no INSERT of rows: the only other job is the copy
    expect(h.double.queries).toEqual([]);
    const copy = h.double.calls('POST', /\/jobs$/).find((r) => r.body?.configuration?.copy)!;
    expect(copy.body.configuration.copy).toMatchObject({ destinationTable: { datasetId: 'shop_raw', tableId: 'customers' }, writeDisposition: 'WRITE_TRUNCATE' });
    expect([...h.double.tables.keys()]).toEqual(['shop_raw.customers']);
  });

  it('infers the types of undeclared columns in SQL after loading them as STRING', async () => {
    const path = file('plain.csv', CSV);
    // the double answers the inference query from the uploaded cells: ints, text with a blank, timestamps
    await seed(path, {});
    const load = JSON.parse(h.double.calls('POST', /^\/upload\//)[0]!.parts![0]!.body).configuration.load;
    expect(load.schema.fields.map((f: { type: string }) => f.type)).toEqual(['STRING', 'STRING', 'STRING']);
    expect(load.autodetect).toBeUndefined();
    const [inference, typed] = h.double.queries;
    expect(inference).toContain('COUNTIF(`customer_id` IS NOT NULL AND SAFE_CAST(`customer_id` AS INT64) IS NULL) AS c0_INT64');
    expect(typed).toMatch(/^CREATE OR REPLACE TABLE `test-project`\.`shop_raw`\.`__strata_tmp_customers_\w+_typed` AS\nSELECT CAST\(`customer_id` AS INT64\) AS `customer_id`, `email`, CAST\(`signed_up_at` AS TIMESTAMP\) AS `signed_up_at`\nFROM `test-project`\.`shop_raw`\.`__strata_tmp_customers_\w+_load`$/);
    const copy = h.double.calls('POST', /\/jobs$/).find((r) => r.body?.configuration?.copy)!;
    expect(copy.body.configuration.copy.sourceTable.tableId).toMatch(/_typed$/);
    expect(h.double.calls('DELETE', /__strata_tmp_customers_/)).toHaveLength(2);
  });

  it('reports a header that does not match the schema before uploading anything', async () => {
    const path = file('bad-header.csv', 'customer_id,mail\n1,a\n');
    const error = await seed(path, { columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'email', type: 'STRING' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect(error.message).toBe('seed header does not match its schema; missing: email; unexpected: mail');
    expect(error.line).toBe(1);
    expect(h.double.requests.filter((r) => r.path.startsWith('/upload'))).toHaveLength(0);
  });

  it('turns a failed load into a SeedError with the line BigQuery’s byte offset points at', async () => {
    const text = 'customer_id,email\n1,a@x.io\ntwo,b@x.io\n3,c@x.io\n';
    const path = file('bad-value.csv', text);
    const offset = text.indexOf('two');
    h.double.onLoad = () => ({ reason: 'invalid', message: `Error while reading data, error message: Could not parse 'two' as INT64 for field customer_id (position 0) starting at location ${offset}  with message 'Unable to parse'` });
    const error = await seed(path, { columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'email', type: 'STRING' }] }).catch((e) => e);
    h.double.onLoad = undefined;
    expect(error).toBeInstanceOf(SeedError);
    expect(error.code).toBe('E_SEED_LOAD');
    expect(error.message).toBe(`seed could not be loaded by BigQuery: Could not parse 'two' as INT64 for field customer_id (position 0) starting at location ${offset} with message 'Unable to parse'`);
    expect(error.line).toBe(3);
    expect(error.file).toBe(path);
    // the previous table is untouched: no copy job ran
    expect(h.double.calls('POST', /\/jobs$/).filter((r) => r.body?.configuration?.copy)).toHaveLength(0);
  });

  it('retries the upload of a load job after a 503', async () => {
    const path = file('retry.csv', CSV);
    h.double.fail('POST', /^\/upload\//, 503, 'backendError', 1);
    const result = await seed(path, { columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'email', type: 'STRING' }, { name: 'signed_up_at', type: 'TIMESTAMP' }] });
    expect(result.rowsAffected).toBe(3);
    expect(h.double.calls('POST', /^\/upload\//)).toHaveLength(2);
    expect(h.sleeps.filter((ms) => ms >= 100)).toEqual([100]);
  });

  it('counts lines up to a byte offset', () => {
    const path = file('lines.csv', 'a\nbb\nccc\n');
    expect([0, 2, 4, 5, 9].map((o) => lineAtOffset(path, o))).toEqual([1, 2, 2, 3, 4]);
  });
});

describe('datasets and leftovers', () => {
  it('creates a missing dataset in the target location, and leaves an existing one alone', async () => {
    const adapter = h.open();
    const m = adapter.createMaterializer(await adapter.connect());
    await m.ensureSchema('shop_marts');
    await m.ensureSchema('shop_raw');
    const created = h.double.calls('POST', /\/datasets$/);
    expect(created.map((r) => r.body)).toEqual([{ datasetReference: { projectId: 'test-project', datasetId: 'shop_marts' }, location: 'EU' }]);
    expect(h.double.datasets.get('shop_marts')).toEqual({ location: 'EU' });
  });

  it('drops temporary tables a killed run left, reading every page of tables.list', async () => {
    h.double.pageSize = 2;
    for (const name of ['customers', '__strata_tmp_customers_a', 'orders', '__strata_tmp_orders_b', '__strata_tmp_orders_c_load']) h.double.tables.set(`shop_raw.${name}`, { type: 'TABLE', schema: { fields: [] } });
    const adapter = h.open();
    const m = adapter.createMaterializer(await adapter.connect());
    expect(await m.dropTemporaryRelations('shop_raw')).toBe(3);
    expect([...h.double.tables.keys()]).toEqual(['shop_raw.customers', 'shop_raw.orders']);
    expect(h.double.calls('GET', /\/datasets\/shop_raw\/tables$/).map((r) => r.query.pageToken)).toEqual([undefined, '2', '4']);
    h.double.pageSize = 1000;
  });
});
