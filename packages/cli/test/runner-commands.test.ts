import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { strata, writeProject } from './helpers.js';

async function query(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const adapter = await DuckDbAdapter.open({ path });
  try {
    return await (await adapter.connect()).query(sql);
  } finally {
    await adapter.close();
  }
}

const FILES = {
  'seeds/orders.csv': 'order_id,amount,status\n1,10,completed\n2,20,cancelled\n3,30,completed\n',
  'models/staging/stg_orders.sql': "select order_id, amount, status from {{ source('raw', 'orders') }}",
  'models/marts/revenue.sql': "{{ config(tags=['finance']) }}\nselect sum(amount) as revenue from {{ ref('stg_orders') }} where status = 'completed'",
  'models/marts/by_status.sql': "select status, count(*) as n from {{ ref('stg_orders') }} group by status",
  'models/marts/orders_log.sql': "{{ config(materialized='incremental', unique_key='order_id') }}\nselect order_id, amount from {{ ref('stg_orders') }}\n{% if is_incremental() %} where order_id > (select max(order_id) from {{ this }}) {% endif %}",
};
const SELECTORS = "\n  selectors: { money: { select: 'tag:finance+', exclude: 'by_status' } },";

describe('strata ls', () => {
  it('prints names, paths or JSON lines of the selected nodes, in DAG order', async () => {
    const { root } = writeProject(FILES, SELECTORS);
    const names = await strata(['ls', '--project', root, '--select', '+revenue'], root);
    expect(names.code).toBe(0);
    expect(names.out.split('\n')).toEqual(['shop.orders (seed)', 'shop.raw.orders (source)', 'shop.stg_orders', 'shop.revenue']);
    const paths = await strata(['ls', '--project', root, '--select', 'stg_orders+', '--exclude', 'orders_log', '--output', 'path'], root);
    expect(paths.out.split('\n')).toEqual(['models/staging/stg_orders.sql', 'models/marts/by_status.sql', 'models/marts/revenue.sql']);
    const json = await strata(['ls', '--project', root, '--select', 'config.materialized:incremental', '--output', 'json'], root);
    expect(JSON.parse(json.out)).toMatchObject({ unique_id: 'model.shop.orders_log', resource_type: 'model', path: 'models/marts/orders_log.sql', config: { materialized: 'incremental', unique_key: 'order_id' } });
    const keys = await strata(['ls', '--project', root, '--resource-type', 'seed', 'source', '--output', 'json', '--output-keys', 'unique_id,resource_type'], root);
    expect(keys.out.split('\n').map((l) => JSON.parse(l))).toEqual([
      { unique_id: 'seed.shop.orders', resource_type: 'seed' },
      { unique_id: 'source.shop.raw.orders', resource_type: 'source' },
    ]);
    const named = await strata(['ls', '--project', root, '--selector', 'money'], root);
    expect(named.out.split('\n')).toEqual(['shop.revenue']);
  });

  it('selects state:modified+ against a saved target/', async () => {
    const { root } = writeProject(FILES);
    expect((await strata(['compile', '--project', root], root)).code).toBe(0);
    const state = mkdtempSync(join(tmpdir(), 'strata-state-'));
    cpSync(join(root, 'target'), state, { recursive: true });
    writeFileSync(join(root, 'models/staging/stg_orders.sql'), "select order_id, amount, status from {{ source('raw', 'orders') }} where amount > 0");
    const modified = await strata(['ls', '--project', root, '--select', 'state:modified+', '--state', state], root);
    expect(modified.out.split('\n')).toEqual(['shop.stg_orders', 'shop.by_status', 'shop.orders_log', 'shop.revenue']);
    const missing = await strata(['ls', '--project', root, '--select', 'state:modified'], root);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("E_SELECTOR_STATE 'state:modified' needs --state DIR pointing at a saved manifest");
  });
});

describe('strata retry', () => {
  it('re-runs only what errored or was skipped in the last run, with the same command', async () => {
    const { root, warehouse } = writeProject({ ...FILES, 'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }} where statuz = 'completed'", 'models/marts/revenue_share.sql': "select revenue / 2 as half from {{ ref('revenue') }}" });
    const failed = await strata(['build', '--project', root], root);
    expect(failed.code).toBe(1);
    const previous = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8'));
    expect(previous.results.filter((r: { status: string }) => r.status !== 'success').map((r: { unique_id: string; status: string }) => [r.unique_id, r.status]).sort()).toEqual([
      ['model.shop.revenue', 'error'],
      ['model.shop.revenue_share', 'skipped'],
    ]);
    writeFileSync(join(root, 'models/marts/revenue.sql'), "select sum(amount) as revenue from {{ ref('stg_orders') }} where status = 'completed'");
    const retried = await strata(['retry', '--project', root], root);
    expect(retried.code).toBe(0);
    expect(retried.out).toContain('Retried 2 nodes of the last build.');
    expect(retried.out).toContain('Done. 2 ok, 0 warned, 0 failed, 0 skipped, 2 total.');
    expect(await query(warehouse, 'select half from shop_marts.revenue_share')).toEqual([{ half: 20 }]);
    const again = await strata(['retry', '--project', root], root);
    expect(again.out).toBe('Nothing to retry: the last build had no errors, failures or skipped nodes.');
  });
});

describe('--full-refresh', () => {
  it('rebuilds an incremental model from its full query', async () => {
    const { root, warehouse } = writeProject(FILES);
    expect((await strata(['build', '--project', root], root)).code).toBe(0);
    // A row that the incremental filter will never pick up again: only a full refresh removes it.
    await query(warehouse, 'insert into shop_marts.orders_log values (99, 0)');
    const incremental = await strata(['run', '--project', root, '--select', 'orders_log'], root);
    expect(incremental.out).toMatch(/OK +model shop\.orders_log +\[incremental merge, 0 rows in/);
    expect(await query(warehouse, 'select count(*) as n from shop_marts.orders_log')).toEqual([{ n: 4 }]);
    const refreshed = await strata(['run', '--project', root, '--select', 'orders_log', '--full-refresh'], root);
    expect(refreshed.out).toMatch(/OK +model shop\.orders_log +\[full refresh, 3 rows in/);
    expect(await query(warehouse, 'select order_id from shop_marts.orders_log order by 1')).toEqual([{ order_id: 1 }, { order_id: 2 }, { order_id: 3 }]);
  });
});

describe('strata source freshness', () => {
  it('prints a line per source, writes target/sources.json and exits 1 when a source is stale', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const config = `
  sources: { raw: { tables: ['orders', 'events'], loadedAtField: 'loaded_at', freshness: { warnAfter: { count: 12, period: 'hour' }, errorAfter: { count: 2, period: 'day' } } } },`;
    const { root } = writeProject({ 'seeds/orders.csv': `id,loaded_at\n1,${hoursAgo(1)}\n`, 'seeds/events.csv': `id,loaded_at\n1,${hoursAgo(24 * 3)}\n` }, config);
    // writeProject declares raw.orders; the extra config above replaces `sources`.
    expect((await strata(['seed', '--project', root], root)).code).toBe(0);
    const result = await strata(['source', 'freshness', '--project', root], root);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/1 of 2 ERROR +freshness of shop\.raw\.events +\[newest row 3d 0h old\]/);
    expect(result.out).toMatch(/2 of 2 PASS +freshness of shop\.raw\.orders +\[newest row (59m \d+s|1h 0m) old\]/);
    expect(result.out).toContain('Done. 1 pass, 0 warn, 1 error, 2 total. Results in target/sources.json.');
    const json = JSON.parse(readFileSync(join(root, 'target/sources.json'), 'utf8'));
    expect(json.results.map((r: { unique_id: string; status: string }) => [r.unique_id, r.status])).toEqual([
      ['source.shop.raw.events', 'error'],
      ['source.shop.raw.orders', 'pass'],
    ]);
    const selected = await strata(['source', 'freshness', '--project', root, '--select', 'source:raw.orders'], root);
    expect(selected.code).toBe(0);
  });
});
