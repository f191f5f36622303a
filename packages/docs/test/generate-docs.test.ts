import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { freshnessCommand } from '@strata/core';
import { TemporaryWarehouse } from '@strata/testkit';
import { generateDocs, type DocsData, type DocsNode } from '../src/index.js';
import { readSiteData, writeShop } from './fixture.js';

// dbt's artifact schemas, vendored beside the tests (copied from the shared reference).
const SCHEMAS = 'dbt-artifact-schemas';
const adapters = { duckdb: duckdbAdapterFactory };

describe('strata docs generate over a built project', () => {
  const warehouse = new TemporaryWarehouse();
  const { root } = writeShop();
  const out = mkdtempSync(join(tmpdir(), 'strata-site-'));
  let data: DocsData;
  let nodes: Map<string, DocsNode>;
  let buildStatuses: string[];

  beforeAll(async () => {
    const summary = await warehouse.run([root], 'build');
    buildStatuses = summary.results.map((r) => `${r.name}:${r.status}`);
    // Newest order loaded 2024-03-03 08:15 UTC; 12 hours later it is fresh (warn after 1 day).
    await freshnessCommand(summary.workspace, { adapters, now: new Date('2024-03-03T20:15:00Z') });
    const result = await generateDocs(summary.workspace, { adapters, outDir: out });
    expect(result.index).toBe(join(out, 'index.html'));
    data = readSiteData<DocsData>(readFileSync(join(out, 'data.js'), 'utf8'));
    nodes = new Map(data.nodes.map((n) => [n.id, n]));
  });
  afterAll(() => warehouse.dispose());

  it('writes a static site that needs no server', () => {
    for (const file of ['index.html', 'data.js', 'app.js', 'app.css']) expect(existsSync(join(out, file)), file).toBe(true);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    // Classic scripts with relative URLs: they load from file:// where modules and fetch would not.
    expect(html).toContain('<script src="data.js"></script>');
    expect(html).toContain('<script src="app.js"></script>');
    expect(html).not.toContain('type="module"');
  });

  it('has a page per source, seed, model and exposure, and the lineage edges between them', () => {
    expect(buildStatuses).toContain('between_stg_orders_amount:warn');
    expect([...nodes.keys()].sort()).toEqual([
      'exposure.shop.revenue_dashboard',
      'model.shop.dim_customers',
      'model.shop.fct_revenue',
      'model.shop.int_orders_enriched',
      'model.shop.stg_customers',
      'model.shop.stg_orders',
      'seed.shop.customers',
      'seed.shop.orders',
      'source.shop.raw.customers',
      'source.shop.raw.orders',
    ]);
    expect(data.edges).toEqual([
      ['model.shop.dim_customers', 'exposure.shop.revenue_dashboard'],
      ['model.shop.fct_revenue', 'exposure.shop.revenue_dashboard'],
      ['model.shop.int_orders_enriched', 'model.shop.fct_revenue'],
      ['model.shop.stg_customers', 'model.shop.dim_customers'],
      ['model.shop.stg_customers', 'model.shop.int_orders_enriched'],
      ['model.shop.stg_orders', 'model.shop.dim_customers'],
      ['model.shop.stg_orders', 'model.shop.int_orders_enriched'],
      ['seed.shop.customers', 'source.shop.raw.customers'],
      ['seed.shop.orders', 'source.shop.raw.orders'],
      ['source.shop.raw.customers', 'model.shop.stg_customers'],
      ['source.shop.raw.orders', 'model.shop.stg_orders'],
    ]);
    expect(nodes.get('model.shop.stg_orders')!.layer).toBe('staging');
    expect(nodes.get('model.shop.int_orders_enriched')!.layer).toBe('intermediate');
    expect(nodes.get('model.shop.fct_revenue')!.upstream).toEqual(['model.shop.int_orders_enriched']);
    expect(nodes.get('model.shop.fct_revenue')!.downstream).toEqual(['exposure.shop.revenue_dashboard']);
  });

  it('shows columns with schema types, warehouse types and descriptions', () => {
    const stg = nodes.get('model.shop.stg_orders')!;
    expect(stg.description).toBe('One row per order.');
    expect(stg.columns.map((c) => [c.name, c.type, c.warehouseType, c.nullable, c.description])).toEqual([
      ['order_id', 'bigint', 'BIGINT', false, 'Order number'],
      ['customer_id', 'bigint', 'BIGINT', false, 'Who ordered'],
      ['amount', 'float', 'DOUBLE', false, 'Order value in EUR'],
      ['status', 'string', 'VARCHAR', false, 'Order status'],
    ]);
    expect(nodes.get('model.shop.stg_customers')!.columns.find((c) => c.name === 'name')!.pii).toBe(true);
  });

  it('shows each expectation with its last result', () => {
    const stg = nodes.get('model.shop.stg_orders')!;
    const byName = new Map(stg.expectations.map((e) => [e.name, e]));
    // amount 150 is the one value of five above 100: 1 unexpected, 20 %, a warning (severity warn).
    const amount = byName.get('between_stg_orders_amount')!;
    expect(amount).toMatchObject({ kind: 'between', column: 'amount', severity: 'warn', status: 'warn', elementCount: 5, unexpectedCount: 1, unexpectedPercent: 20, detail: 'between 0 and 100' });
    expect(amount.sample).toEqual([150]);
    expect(byName.get('unique_stg_orders_order_id')).toMatchObject({ status: 'pass', unexpectedCount: 0, elementCount: 5 });
    expect(byName.get('accepted_values_stg_orders_status')).toMatchObject({ status: 'pass', detail: "one of 'completed', 'cancelled'" });
    expect(byName.get('relationships_stg_orders_customer_id__stg_customers_customer_id')).toMatchObject({ status: 'pass', detail: 'every value exists in stg_customers.customer_id' });
    expect(stg.columns.find((c) => c.name === 'amount')!.tests).toEqual(['test.shop.not_null_stg_orders_amount', 'test.shop.between_stg_orders_amount']);
  });

  it('shows row counts from the warehouse, SQL and compiled SQL, freshness and exposures', () => {
    expect(nodes.get('model.shop.stg_orders')!.rowCount).toBe(5);
    expect(nodes.get('model.shop.dim_customers')!.rowCount).toBe(3);
    expect(nodes.get('model.shop.fct_revenue')!.rowCount).toBe(2);
    expect(nodes.get('seed.shop.customers')!.rowCount).toBe(3);
    const fct = nodes.get('model.shop.fct_revenue')!;
    expect(fct.rawSql).toBe("select status, count(*) as orders, sum(amount) as revenue from {{ ref('int_orders_enriched') }} group by status");
    // The ephemeral model is inlined: the compiled SQL reads the staging views directly.
    expect(fct.compiledSql).toContain('"shop_staging"."stg_orders"');
    expect(fct.compiledSql).not.toContain('{{');
    expect(fct.lastRun).toMatchObject({ status: 'success', rowsAffected: 2 });
    const orders = nodes.get('source.shop.raw.orders')!;
    expect(orders.label).toBe('raw.orders');
    expect(orders.freshness).toEqual({ maxLoadedAt: '2024-03-03T08:15:00.000Z', ageSeconds: 43200, status: 'pass', loadedAtField: 'loaded_at', warnAfter: '1 day', errorAfter: null });
    const exposure = nodes.get('exposure.shop.revenue_dashboard')!;
    expect(exposure).toMatchObject({ label: 'Revenue dashboard', layer: 'exposure', description: 'Daily revenue for the board', exposure: { type: 'dashboard', owner: 'Finance · finance@example.com', url: 'https://bi.example.com/d/1', maturity: 'high' } });
    expect(exposure.upstream.sort()).toEqual(['model.shop.dim_customers', 'model.shop.fct_revenue']);
  });

  it('writes manifest, run_results, catalog and sources that validate against the dbt artifact schemas', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const schemaDir = join(import.meta.dirname, SCHEMAS);
    for (const [artifact, schema] of [
      ['manifest.json', 'manifest-v12.json'],
      ['run_results.json', 'run-results-v6.json'],
      ['catalog.json', 'catalog-v1.json'],
      ['sources.json', 'sources-v3.json'],
    ]) {
      const validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, schema!), 'utf8')));
      const json = JSON.parse(readFileSync(join(root, 'target', artifact!), 'utf8'));
      const ok = validate(json);
      expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${artifact} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
    }
    const manifest = JSON.parse(readFileSync(join(root, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.exposures['exposure.shop.revenue_dashboard']).toMatchObject({ type: 'dashboard', owner: { name: 'Finance', email: 'finance@example.com' }, depends_on: { nodes: ['model.shop.fct_revenue', 'model.shop.dim_customers'] } });
    expect(manifest.child_map['model.shop.fct_revenue'].filter((id: string) => !id.startsWith('test.'))).toEqual(['exposure.shop.revenue_dashboard']);
    expect(manifest.parent_map['exposure.shop.revenue_dashboard']).toEqual(['model.shop.fct_revenue', 'model.shop.dim_customers']);
    expect(manifest.metadata.env).toEqual({ STRATA_SCHEMA_VERSION: '1' });
    const catalog = JSON.parse(readFileSync(join(root, 'target', 'catalog.json'), 'utf8'));
    expect(catalog.nodes['model.shop.dim_customers'].stats.row_count.value).toBe(3);
    expect(Object.keys(catalog.nodes['model.shop.dim_customers'].columns)).toEqual(['customer_id', 'name', 'country', 'order_count']);
    expect(catalog.sources['source.shop.raw.orders'].metadata).toMatchObject({ type: 'BASE TABLE', schema: 'shop_raw', name: 'orders' });
    const runResults = JSON.parse(readFileSync(join(root, 'target', 'run_results.json'), 'utf8'));
    const warned = runResults.results.find((r: { unique_id: string }) => r.unique_id === 'test.shop.between_stg_orders_amount');
    expect(warned.adapter_response.strata.expectation).toMatchObject({ unexpected_count: 1, element_count: 5 });
  });
});
