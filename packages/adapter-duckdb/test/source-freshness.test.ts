import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshnessCommand, loadWorkspace } from '@strata/core';
import { duckdbAdapterFactory } from '../src/index.js';
import { csv, Warehouse, writeProject } from './support/warehouse.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString().replace('T', ' ').replace('.000Z', '');

const CONFIG = `export default {
  name: 'shop',
  seeds: { schema: 'raw', overrides: { contacts: { schema: 'crm' } } },
  sources: {
    raw: { tables: ['orders', 'events', 'customers', 'missing'], loadedAtField: 'loaded_at', freshness: { warnAfter: { count: 6, period: 'hour' }, errorAfter: { count: 1, period: 'day' } } },
    crm: { tables: ['contacts', 'notes'] },
  },
};`;

const FILES = {
  'strata.config.ts': CONFIG,
  'seeds/orders.csv': csv('id,loaded_at', [[1, ago(5 * 3600)], [2, ago(2 * 3600)]]),
  'seeds/events.csv': csv('id,loaded_at', [[1, ago(10 * 3600)]]),
  'seeds/customers.csv': csv('id,loaded_at', [[1, ago(3 * 86400)]]),
  'seeds/contacts.csv': csv('id,kind,synced_at', [[1, 'real', ago(45 * 60)], [2, 'test', ago(60)]]),
  'models/schema.ts': `export default { sources: { crm: { contacts: { loadedAtField: 'synced_at', freshness: { errorAfter: { count: 30, period: 'minute' }, filter: "kind = 'real'" } } } } };`,
};

describe('strata source freshness', () => {
  const w = new Warehouse();
  afterAll(() => w.dispose());

  it('grades each source table by its newest loaded-at time and writes target/sources.json', async () => {
    const root = writeProject(FILES);
    await w.ok(root, 'seed');
    const workspace = await loadWorkspace({ projects: [root] });
    workspace.target = { adapter: 'duckdb', path: w.path };
    const summary = await freshnessCommand(workspace, { adapters: { duckdb: duckdbAdapterFactory }, now: NOW });
    const byId = Object.fromEntries(summary.results.map((r) => [r.uniqueId, r]));
    expect(Object.keys(byId).sort()).toEqual(['source.shop.crm.contacts', 'source.shop.raw.customers', 'source.shop.raw.events', 'source.shop.raw.missing', 'source.shop.raw.orders']);
    expect(byId['source.shop.raw.orders']).toMatchObject({ status: 'pass', ageSeconds: 7200 });
    expect(byId['source.shop.raw.events']).toMatchObject({ status: 'warn', ageSeconds: 36000 });
    expect(byId['source.shop.raw.customers']).toMatchObject({ status: 'error', ageSeconds: 259200 });
    // The filter keeps test rows out: the newest real contact is 45 minutes old.
    expect(byId['source.shop.crm.contacts']).toMatchObject({ status: 'error', ageSeconds: 2700 });
    expect(byId['source.shop.raw.missing']!.status).toBe('runtime error');
    expect(summary.success).toBe(false);

    const json = JSON.parse(readFileSync(join(root, 'target', 'sources.json'), 'utf8'));
    expect(json.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/sources/v3.json');
    const orders = json.results.find((r: { unique_id: string }) => r.unique_id === 'source.shop.raw.orders');
    expect(orders).toMatchObject({
      status: 'pass',
      max_loaded_at: '2024-06-01T10:00:00.000Z',
      snapshotted_at: '2024-06-01T12:00:00.000Z',
      max_loaded_at_time_ago_in_s: 7200,
      criteria: { warn_after: { count: 6, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: null },
    });
    const missing = json.results.find((r: { unique_id: string }) => r.unique_id === 'source.shop.raw.missing');
    expect(missing.status).toBe('runtime error');
    expect(missing.error).toMatch(/missing/);
  });

  it('checks only the selected sources', async () => {
    const root = writeProject(FILES);
    await w.ok(root, 'seed');
    const workspace = await loadWorkspace({ projects: [root] });
    workspace.target = { adapter: 'duckdb', path: w.path };
    const summary = await freshnessCommand(workspace, { select: ['source:raw.orders', 'source:raw.events'], adapters: { duckdb: duckdbAdapterFactory }, now: NOW });
    expect(summary.results.map((r) => [r.name, r.status])).toEqual([
      ['events', 'warn'],
      ['orders', 'pass'],
    ]);
    expect(summary.success).toBe(true);
  });
});
