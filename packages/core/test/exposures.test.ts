import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, manifestJson, StrataError } from '../src/index.js';
import { writeProject } from './helpers.js';

const config = (exposures: string) => `export default {
  name: 'shop',
  models: { marts: { materialized: 'table', schema: 'marts' } },
  sources: { raw: { tables: ['orders'] } },
  exposures: {${exposures}
  },
};
`;

const MODELS = {
  'models/marts/fct_orders.sql': "select * from {{ source('raw', 'orders') }}",
  'models/marts/dim_customers.sql': 'select 1 as customer_id',
};

describe('exposures in strata.config.ts', () => {
  it('resolve to the models and sources they read and appear in the manifest', async () => {
    const root = writeProject({
      ...MODELS,
      'strata.config.ts': config(`
    weekly_kpis: { type: 'notebook', owner: { email: 'kpi@example.com' }, dependsOn: ['fct_orders', 'source:raw.orders'], tags: ['kpi'] },`),
    });
    const ws = await loadWorkspace({ projects: [root] });
    const [exposure] = ws.dag.manifest.projects.get('shop')!.exposures!;
    expect(exposure).toMatchObject({ uniqueId: 'exposure.shop.weekly_kpis', type: 'notebook', dependsOn: ['model.shop.fct_orders', 'source.shop.raw.orders'], file: join(root, 'strata.config.ts'), line: 6 });
    const manifest = manifestJson(ws.dag, ws.dag.manifest.projects.get('shop')!, 'id') as Record<string, any>;
    expect(manifest.exposures['exposure.shop.weekly_kpis']).toMatchObject({
      resource_type: 'exposure',
      owner: { name: null, email: 'kpi@example.com' },
      refs: [{ name: 'fct_orders', package: null, version: null }],
      sources: [['raw', 'orders']],
      tags: ['kpi'],
    });
    expect(manifest.parent_map['exposure.shop.weekly_kpis']).toEqual(['model.shop.fct_orders', 'source.shop.raw.orders']);
    expect(manifest.child_map['model.shop.fct_orders']).toEqual(['exposure.shop.weekly_kpis']);
  });

  it('reject an unknown model with the config file, the line and a did-you-mean', async () => {
    const root = writeProject({ ...MODELS, 'strata.config.ts': config(`\n    board: { type: 'dashboard', owner: { name: 'CFO' }, dependsOn: ['fct_order'] },`) });
    const error = (await loadWorkspace({ projects: [root] }).catch((e: unknown) => e)) as StrataError;
    expect(error).toBeInstanceOf(StrataError);
    expect(error.format()).toBe(`E_EXPOSURE_UNKNOWN_REF ${join(root, 'strata.config.ts')}:6: exposure 'board' depends on 'fct_order', which names no model, seed, snapshot or source\n  hint: did you mean 'fct_orders'?`);
  });

  it('reject a malformed exposure when the config is loaded', async () => {
    const root = writeProject({ ...MODELS, 'strata.config.ts': config(`\n    board: { type: 'slides', owner: { name: 'CFO' }, dependsOn: ['fct_orders'] },`) });
    const error = (await loadWorkspace({ projects: [root] }).catch((e: unknown) => e)) as StrataError;
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(error.message).toContain("invalid config at 'exposures.board.type'");
  });
});
