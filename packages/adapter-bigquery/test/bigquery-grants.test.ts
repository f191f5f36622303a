import { AdapterError, ConfigError, type RelationRef } from '@strata/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bigQueryGrantsOf, isPrincipal } from '../src/bigquery-grants.js';
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
const T = '`test-project`.`shop_marts`.`fct_orders`';
const FIELDS: Field[] = [
  { name: 'order_id', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'customer_id', type: 'INTEGER', mode: 'NULLABLE' },
];
/** The policy lookup the materializer sends for fct_orders (target location EU). */
const LOOKUP_EU = "SELECT privilege_type, grantee FROM `test-project`.`region-eu`.INFORMATION_SCHEMA.OBJECT_PRIVILEGES\nWHERE object_schema = 'shop_marts' AND object_name = 'fct_orders'";
const VIEWER = 'GRANT `roles/bigquery.dataViewer` ON TABLE `test-project`.`shop_marts`.`fct_orders` TO "user:a@x.com", "group:g@x.com"';
const grants = { select: ['user:a@x.com', 'group:g@x.com'] };

async function materializer(target: Record<string, unknown> = {}): Promise<BigQueryMaterializer> {
  const adapter = h.open(target);
  return adapter.createMaterializer(await adapter.connect());
}

/** The double's IAM bindings of a table, sorted. */
const policy = (key: string) => [...(h.double.policies.get(key) ?? [])].sort();

beforeEach(() => {
  h.double.reset();
  h.double.datasets.set('shop_marts', { location: 'EU' });
  h.double.schemaOf = () => FIELDS.map((f) => ({ ...f }));
});

afterEach(() => {
  expect(h.double.queries.map((sql) => [sql, bigQuerySyntaxError(sql)]).filter(([, error]) => error)).toEqual([]);
});

describe('grants config', () => {
  it('maps Strata privileges to BigQuery roles and keeps full role names', () => {
    const resolved = bigQueryGrantsOf({
      grants: {
        SELECT: 'user:a@x.com',
        insert: ['serviceAccount:etl@acme.iam.gserviceaccount.com'],
        delete: ['serviceAccount:etl@acme.iam.gserviceaccount.com', 'group:ops@x.com'],
        'roles/bigquery.dataViewer': ['domain:acme.com', 'user:a@x.com'],
        'projects/acme/roles/maskedReader': ['specialGroup:allAuthenticatedUsers'],
      },
    });
    expect(resolved).toEqual({
      'roles/bigquery.dataViewer': ['user:a@x.com', 'domain:acme.com'],
      'roles/bigquery.dataEditor': ['serviceAccount:etl@acme.iam.gserviceaccount.com', 'group:ops@x.com'],
      'projects/acme/roles/maskedReader': ['specialGroup:allAuthenticatedUsers'],
    });
    expect(bigQueryGrantsOf({})).toBeUndefined();
  });

  it('accepts exactly the principal forms BigQuery’s DCL knows', () => {
    const ok = ['user:a.b@x.com', 'group:g@x.co.uk', 'serviceAccount:r@p.iam.gserviceaccount.com', 'domain:example.com', 'specialGroup:allUsers'];
    const bad = ['a@x.com', 'user:analysts', 'User:a@x.com', 'domain:localhost', 'specialGroup:everyone', 'user:a"@x.com', 'role:reporter', ''];
    expect(ok.filter(isPrincipal)).toEqual(ok);
    expect(bad.filter(isPrincipal)).toEqual([]);
  });

  it('rejects privileges BigQuery has no role for', () => {
    const error = (() => {
      try {
        bigQueryGrantsOf({ grants: { trigger: ['user:a@x.com'] } }, 'fct_orders');
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe("grants of fct_orders: unknown privilege or role 'trigger'");
    expect(error.hint).toContain('roles/bigquery.dataViewer');
  });

  it('fails on a malformed grantee with the model and file, before any job runs', async () => {
    const m = await materializer();
    const error = await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', file: 'models/marts/fct_orders.sql', config: { grants: { select: ['user:a@x.com', 'analyst@x.com'] } } }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe("grants of fct_orders: 'select' names 'analyst@x.com', which is not a BigQuery principal");
    expect(error.file).toBe('models/marts/fct_orders.sql');
    expect(error.hint).toBe('write user:<email>, group:<email>, serviceAccount:<email>, domain:<domain> or specialGroup:allAuthenticatedUsers');
    expect(h.double.queries).toEqual([]);
  });
});

describe('applying grants', () => {
  it('grants with DCL right after a table build', async () => {
    const m = await materializer();
    await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', config: { grants } });
    expect(h.double.queries).toEqual([`CREATE OR REPLACE TABLE ${T}\nAS\nSELECT 1 AS order_id`, LOOKUP_EU, VIEWER]);
    expect(policy('shop_marts.fct_orders')).toEqual(['roles/bigquery.dataViewer|group:g@x.com', 'roles/bigquery.dataViewer|user:a@x.com']);
  });

  it('re-applies them after every rebuild (a replace can clear the table’s policy)', async () => {
    const m = await materializer();
    await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', config: { grants } });
    h.double.requests.length = 0;
    await m.table(orders, 'SELECT 2 AS order_id', { model: 'fct_orders', config: { grants } });
    // The double clears the policy on CREATE OR REPLACE: the lookup finds nothing, the GRANT restores it.
    expect(h.double.queries).toEqual([`CREATE OR REPLACE TABLE ${T}\nAS\nSELECT 2 AS order_id`, LOOKUP_EU, VIEWER]);
    expect(policy('shop_marts.fct_orders')).toHaveLength(2);
  });

  it('grants on a view with ON VIEW', async () => {
    const m = await materializer();
    await m.view({ schema: 'shop_marts', name: 'v_orders' }, 'SELECT 1 AS a', { model: 'v_orders', config: { grants: { 'roles/bigquery.dataViewer': 'domain:acme.com' } } });
    expect(h.double.queries.at(-1)).toBe('GRANT `roles/bigquery.dataViewer` ON VIEW `test-project`.`shop_marts`.`v_orders` TO "domain:acme.com"');
    expect(policy('shop_marts.v_orders')).toEqual(['roles/bigquery.dataViewer|domain:acme.com']);
  });

  it('keeps an incremental table’s grants in line: grants first, then revokes what the config dropped', async () => {
    h.double.tables.set('shop_marts.fct_orders', { type: 'TABLE', schema: { fields: FIELDS }, numRows: '10' });
    h.double.policies.set(
      'shop_marts.fct_orders',
      new Set(['roles/bigquery.dataViewer|user:a@x.com', 'roles/bigquery.dataViewer|user:old@x.com', 'roles/bigquery.dataEditor|group:g@x.com', 'roles/bigquery.dataOwner|projectOwner:test-project']),
    );
    const m = await materializer();
    // Config in mixed case: IAM stores e-mails in lower case, so A@x.com is the binding already held.
    await m.incremental(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', strategy: 'append', uniqueKey: [], onSchemaChange: 'ignore', fullRefresh: false, config: { grants: { select: ['user:A@x.com', 'group:g@x.com'] } } });
    const dcl = h.double.queries.filter((q) => /^(GRANT|REVOKE)/.test(q));
    expect(dcl).toEqual([
      `GRANT \`roles/bigquery.dataViewer\` ON TABLE ${T} TO "user:A@x.com", "group:g@x.com"`,
      `REVOKE \`roles/bigquery.dataViewer\` ON TABLE ${T} FROM "user:old@x.com"`,
      `REVOKE \`roles/bigquery.dataEditor\` ON TABLE ${T} FROM "group:g@x.com"`,
    ]);
    expect(policy('shop_marts.fct_orders')).toEqual(['roles/bigquery.dataOwner|projectOwner:test-project', 'roles/bigquery.dataViewer|group:g@x.com', 'roles/bigquery.dataViewer|user:a@x.com']);
  });

  it('grants once on a snapshot’s first build', async () => {
    h.double.schemaOf = () => [{ name: 'customer_id', type: 'INTEGER' }, { name: 'updated_at', type: 'TIMESTAMP' }];
    const m = await materializer();
    const snapshot: RelationRef = { schema: 'shop_marts', name: 'customers_snapshot' };
    await m.snapshot(snapshot, 'SELECT * FROM customers', {
      strategy: 'timestamp',
      uniqueKey: ['customer_id'],
      updatedAt: 'updated_at',
      invalidateHardDeletes: false,
      snapshotTime: new Date(Date.UTC(2024, 4, 1)),
      columnNames: { validFrom: 'valid_from', validTo: 'valid_to', isCurrent: 'is_current', scdId: 'strata_scd_id' },
      model: 'customers_snapshot',
      config: { grants: { select: 'group:g@x.com' } },
    });
    expect(h.double.queries.filter((q) => q.startsWith('GRANT'))).toEqual(['GRANT `roles/bigquery.dataViewer` ON TABLE `test-project`.`shop_marts`.`customers_snapshot` TO "group:g@x.com"']);
  });

  it('reads the dataset’s location for INFORMATION_SCHEMA when the target names none', async () => {
    h.double.datasets.set('shop_marts', { location: 'europe-west2' });
    const m = await materializer({ location: undefined });
    await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', config: { grants } });
    await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', config: { grants } });
    expect(h.double.queries.filter((q) => q.includes('OBJECT_PRIVILEGES'))).toEqual([LOOKUP_EU.replace('region-eu', 'region-europe-west2'), LOOKUP_EU.replace('region-eu', 'region-europe-west2')]);
    // looked up once, then cached
    expect(h.double.calls('GET', /\/datasets\/shop_marts$/)).toHaveLength(1);
  });

  it('says which permission is missing when BigQuery denies the GRANT, naming the model', async () => {
    h.double.onQuery = (sql) => (sql.startsWith('GRANT') ? { error: { reason: 'accessDenied', message: 'Access Denied: Table test-project:shop_marts.fct_orders: Permission bigquery.tables.setIamPolicy denied' } } : undefined);
    const m = await materializer();
    const error = (await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders', config: { grants } }).catch((e) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.message).toBe('model fct_orders: BigQuery job failed (accessDenied): Access Denied: Table test-project:shop_marts.fct_orders: Permission bigquery.tables.setIamPolicy denied');
    expect(error.hint).toBe("the account running Strata needs bigquery.tables.setIamPolicy and getIamPolicy on shop_marts (roles/bigquery.dataOwner), or drop the model's grants");
  });

  it('sends no DCL for a model without grants', async () => {
    const m = await materializer();
    await m.table(orders, 'SELECT 1 AS order_id', { model: 'fct_orders' });
    expect(h.double.queries).toEqual([`CREATE OR REPLACE TABLE ${T}\nAS\nSELECT 1 AS order_id`]);
  });
});
