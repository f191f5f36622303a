import { readFileSync, writeFileSync } from 'node:fs';
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

const ORDERS = 'order_id,amount,status\n1,10,completed\n2,20,cancelled\n3,30,completed\n';
const baseFiles = {
  'seeds/orders.csv': ORDERS,
  'models/staging/stg_orders.sql': "select order_id, amount, status from {{ source('raw', 'orders') }}",
  'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }} where status = 'completed'",
  'models/marts/by_status.sql': "select status, count(*) as n from {{ ref('stg_orders') }} group by status",
};

describe('strata build', () => {
  it('builds seeds, views and tables, prints a line per node and a summary, and writes artifacts', async () => {
    const { root, warehouse } = writeProject(baseFiles);
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/1 of 4 OK +seed shop\.orders +\[3 rows in/);
    expect(result.out).toMatch(/OK +model shop\.revenue +\[1 rows in/);
    expect(result.out).toContain('Done. 4 ok, 0 warned, 0 failed, 0 skipped, 4 total.');
    expect(await query(warehouse, 'select revenue from shop_marts.revenue')).toEqual([{ revenue: 40 }]);
    const runResults = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8'));
    expect(runResults.results.map((r: { unique_id: string; status: string }) => [r.unique_id, r.status]).sort()).toEqual([
      ['model.shop.by_status', 'success'],
      ['model.shop.revenue', 'success'],
      ['model.shop.stg_orders', 'success'],
      ['seed.shop.orders', 'success'],
    ]);
    const manifest = JSON.parse(readFileSync(join(root, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.shop.revenue'].depends_on.nodes).toEqual(['model.shop.stg_orders']);
    expect(readFileSync(join(root, 'target/compiled/shop/models/marts/revenue.sql'), 'utf8')).toBe('select sum(amount) as revenue from "shop_staging"."stg_orders" where status = \'completed\'\n');
  });

  it('keeps building the rest when a model has a SQL error, skips its downstream, exits 1 and keeps the old table', async () => {
    const { root, warehouse } = writeProject(baseFiles);
    expect((await strata(['build', '--project', root], root)).code).toBe(0);
    writeFileSync(join(root, 'models/marts/revenue.sql'), "select sum(amount) as revenue from {{ ref('stg_orders') }} where statuz = 'completed'");
    writeFileSync(join(root, 'models/marts/revenue_share.sql'), "select revenue / 2 as half from {{ ref('revenue') }}");
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/ERROR +model shop\.revenue /);
    expect(result.out).toMatch(/SKIP +model shop\.revenue_share/);
    expect(result.out).toMatch(/OK +model shop\.by_status/);
    expect(result.out).toMatch(/error shop\.revenue: E_WAREHOUSE Binder Error: Referenced column "statuz" not found/);
    // The previous revenue table is still there, untouched.
    expect(await query(warehouse, 'select revenue from shop_marts.revenue')).toEqual([{ revenue: 40 }]);
    const tables = await query(warehouse, "select table_name from information_schema.tables where table_name like '__strata_tmp_%'");
    expect(tables).toEqual([]);
  });

  it('fails before touching the warehouse on an unknown ref, naming file, line and a suggestion', async () => {
    const { root, warehouse } = writeProject(baseFiles);
    expect((await strata(['build', '--project', root], root)).code).toBe(0);
    writeFileSync(join(root, 'models/marts/by_status.sql'), "select status, count(*) as n\nfrom {{ ref('stg_order') }} group by status");
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`error E_UNKNOWN_REF ${join(root, 'models/marts/by_status.sql')}:2: ref('stg_order') names no model, seed or snapshot\n  hint: did you mean 'stg_orders'?`);
    expect(await query(warehouse, 'select count(*) as n from shop_marts.by_status')).toEqual([{ n: 2 }]);
  });

  it('rejects a cycle with its path', async () => {
    const { root } = writeProject({
      ...baseFiles,
      'models/marts/a.sql': "select * from {{ ref('b') }}",
      'models/marts/b.sql': "select * from {{ ref('a') }}",
    });
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err).toContain('E_CYCLE');
    expect(result.err).toContain('dependency cycle: a -> b -> a');
  });

  it('keeps the last good seed when a CSV is malformed, and names the file', async () => {
    const { root, warehouse } = writeProject(baseFiles);
    expect((await strata(['build', '--project', root], root)).code).toBe(0);
    writeFileSync(join(root, 'seeds/orders.csv'), 'order_id,amount,status\n1,10,completed\n2,20\n3,30,completed,extra\n');
    const result = await strata(['seed', '--project', root], root);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/ERROR +seed shop\.orders/);
    expect(result.out).toContain(`E_SEED_LOAD ${join(root, 'seeds/orders.csv')}`);
    expect(await query(warehouse, 'select count(*) as n from shop_raw.orders')).toEqual([{ n: 3 }]);
  });

  it('reports a strata.config.ts type error at its line with exit code 2', async () => {
    const { root } = writeProject(baseFiles);
    writeFileSync(join(root, 'strata.config.ts'), "export default {\n  name: 'shop',\n  vars: [1, 2],\n};\n");
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`error E_CONFIG_INVALID ${join(root, 'strata.config.ts')}:3: invalid config at 'vars': Invalid input: expected record, received array\n  hint: see defineProject() in @strata/core for the accepted settings`);
  });

  it('selects with +name and name+ and lists nodes', async () => {
    const { root } = writeProject(baseFiles);
    const up = await strata(['ls', '--project', root, '--select', '+revenue'], root);
    expect(up.out.split('\n')).toEqual(['shop.orders (seed)', 'shop.raw.orders (source)', 'shop.stg_orders', 'shop.revenue']);
    const down = await strata(['ls', '--project', root, '--select', 'stg_orders+', '--exclude', 'by_status'], root);
    expect(down.out.split('\n')).toEqual(['shop.stg_orders', 'shop.revenue']);
  });

  it('explains unknown options and shows help', async () => {
    const help = await strata(['build', '--help'], process.cwd());
    expect(help.code).toBe(0);
    expect(help.out).toContain('--select <selectors...>');
    expect(help.out).toContain('--threads <n>');
    const bad = await strata(['build', '--threads', 'zero'], process.cwd());
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("option '--threads <n>' argument 'zero' is invalid. must be a whole number of 1 or more");
  });
});
