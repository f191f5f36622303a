import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, manifestJson, writeArtifacts } from '../src/index.js';
import { writeProject } from './helpers.js';

describe('manifest.json written entry by entry', () => {
  it('is the same document as manifestJson, with exposures in parent_map and child_map', async () => {
    const root = writeProject({
      'strata.config.ts': `export default {
  name: 'shop',
  models: { marts: { materialized: 'table', schema: 'marts' } },
  sources: { raw: { tables: ['orders'] } },
  exposures: { kpis: { type: 'dashboard', owner: { email: 'kpi@example.com' }, dependsOn: ['fct_orders', 'source:raw.orders'] } },
};
`,
      'models/marts/fct_orders.sql': "select * from {{ source('raw', 'orders') }}",
      'models/marts/dim_customers.sql': "select 1 as customer_id from {{ ref('fct_orders') }}",
    });
    const ws = await loadWorkspace({ projects: [root] });
    writeArtifacts(ws.dag, undefined, { invocationId: 'inv-1', compiled: new Map() });
    const written = JSON.parse(readFileSync(join(root, 'target', 'manifest.json'), 'utf8'));
    const expected = JSON.parse(JSON.stringify(manifestJson(ws.dag, ws.dag.manifest.projects.get('shop')!, 'inv-1')));
    expect({ ...written, metadata: { ...written.metadata, generated_at: 'x' } }).toEqual({ ...expected, metadata: { ...expected.metadata, generated_at: 'x' } });
    expect(Object.keys(written.nodes).sort()).toEqual(['model.shop.dim_customers', 'model.shop.fct_orders']);
    expect(written.parent_map['exposure.shop.kpis']).toEqual(['model.shop.fct_orders', 'source.shop.raw.orders']);
    expect(written.child_map['model.shop.fct_orders']).toEqual(['model.shop.dim_customers', 'exposure.shop.kpis']);
    expect(written.child_map['source.shop.raw.orders']).toEqual(['model.shop.fct_orders', 'exposure.shop.kpis']);
  });
});
