import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareManifests, loadSavedManifest, loadWorkspace, runCommand, selectNodes, selectorContext, type AdapterFactory } from '../src/index.js';
import { testDialect, writeProject } from './helpers.js';

const offline: Record<string, AdapterFactory> = {
  duckdb: { name: 'duckdb', createDialect: () => testDialect, open: () => Promise.reject(new Error('compile must not open the warehouse')) },
};

const CONFIG = (other: string) => `export default {
  name: 'shop',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts', other: { ${other} } } },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders'] } },
};`;
const SCHEMA = (extra: string, description = 'the key') => `import { z } from 'zod';
export default { models: { dim_a: { description: 'a', columns: z.object({ id: z.number().int().meta({ description: '${description}' }) ${extra} }) } } };`;
const MACROS = (divisor: string) => `{% macro cents_to_dollars(col) %}({{ col }} / ${divisor}){% endmacro %}\n{% macro revenue(col) %}sum({{ cents_to_dollars(col) }}){% endmacro %}\n{% macro unused() %}1{% endmacro %}`;

const FILES = {
  'strata.config.ts': CONFIG("materialized: 'table'"),
  'seeds/orders.csv': 'id,amount_cents\n1,1000\n',
  'macros/money.sql': MACROS('100.0'),
  'models/staging/stg_orders.sql': "select id, amount_cents from {{ source('raw', 'orders') }}",
  'models/marts/fct_revenue.sql': "select {{ revenue('amount_cents') }} as revenue from {{ ref('stg_orders') }}",
  'models/marts/rpt_revenue.sql': "select revenue from {{ ref('fct_revenue') }}",
  'models/marts/dim_a.sql': 'select 1 as id',
  'models/marts/schema.ts': SCHEMA(''),
  'models/marts/other/dim_b.sql': 'select 2 as id',
};

/** Saves the project's manifest (as `strata compile` writes it) into a fresh state folder. */
async function saveState(root: string): Promise<string> {
  await runCommand(await loadWorkspace({ projects: [root] }), { command: 'compile', adapters: offline });
  const state = mkdtempSync(join(tmpdir(), 'strata-state-'));
  cpSync(join(root, 'target'), state, { recursive: true });
  return state;
}

describe('state comparison (--state)', () => {
  it('finds nothing modified when nothing changed, and each kind of change when it did', async () => {
    const root = writeProject(FILES);
    const state = await saveState(root);
    const unchanged = compareManifests((await loadWorkspace({ projects: [root] })).dag, loadSavedManifest(state));
    expect([...unchanged.added]).toEqual([]);
    expect([...unchanged.modified.keys()]).toEqual([]);

    // body, config (folder setting), schema (a new column), macro (used through another macro), a new model, and a description only.
    writeFileSync(join(root, 'models/staging/stg_orders.sql'), "select id, amount_cents from {{ source('raw', 'orders') }} where id > 0");
    writeFileSync(join(root, 'strata.config.ts'), CONFIG("materialized: 'view'"));
    writeFileSync(join(root, 'models/marts/schema.ts'), SCHEMA(', name: z.string().nullable()', 'the primary key'));
    writeFileSync(join(root, 'models/marts/dim_a.sql'), "select 1 as id, cast(null as varchar) as name");
    writeFileSync(join(root, 'macros/money.sql'), MACROS('100'));
    writeFileSync(join(root, 'models/marts/new_model.sql'), 'select 3 as id');
    writeFileSync(join(root, 'seeds/orders.csv'), 'id,amount_cents\n1,1000\n2,500\n');

    const ws = await loadWorkspace({ projects: [root] });
    const comparison = compareManifests(ws.dag, loadSavedManifest(state));
    const reasons = Object.fromEntries([...comparison.modified].map(([id, r]) => [id, [...r].sort()]));
    expect(reasons).toEqual({
      'model.shop.stg_orders': ['body'],
      'model.shop.dim_b': ['configs'],
      'model.shop.dim_a': ['body', 'schema'],
      'model.shop.fct_revenue': ['macros'],
      'seed.shop.orders': ['body'],
    });
    expect([...comparison.added].filter((id) => !id.startsWith('test.'))).toEqual(['model.shop.new_model']);

    const pick = (select: string) =>
      [...selectNodes(ws.dag, { select: [select], context: selectorContext(ws, state), includeAttachedTests: false })]
        .filter((id) => !id.startsWith('test.'))
        .map((id) => ws.dag.node(id))
        .map((n) => (n.resourceType === 'model' ? n.name : `${n.resourceType}:${n.name}`))
        .sort();
    expect(pick('state:new')).toEqual(['new_model']);
    expect(pick('state:modified')).toEqual(['dim_a', 'dim_b', 'fct_revenue', 'new_model', 'seed:orders', 'stg_orders']);
    expect(pick('state:modified.body')).toEqual(['dim_a', 'seed:orders', 'stg_orders']);
    expect(pick('state:modified.configs')).toEqual(['dim_b']);
    expect(pick('state:modified.schema')).toEqual(['dim_a']);
    expect(pick('state:modified.macros')).toEqual(['fct_revenue']);
    expect(pick('state:modified+')).toEqual(['dim_a', 'dim_b', 'fct_revenue', 'new_model', 'rpt_revenue', 'seed:orders', 'source:orders', 'stg_orders']);
    expect(pick('state:modified.macros+')).toEqual(['fct_revenue', 'rpt_revenue']);
    expect(pick('state:unmodified,resource_type:model')).toEqual(['rpt_revenue']);
  });

  it('a description change alone is not a modification', async () => {
    const root = writeProject(FILES);
    const state = await saveState(root);
    writeFileSync(join(root, 'models/marts/schema.ts'), SCHEMA('', 'a better description'));
    const comparison = compareManifests((await loadWorkspace({ projects: [root] })).dag, loadSavedManifest(state));
    expect([...comparison.modified.keys()]).toEqual([]);
  });

  it('says where the manifest should be when --state points at an empty folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'strata-nostate-'));
    expect(() => loadSavedManifest(empty)).toThrow(`no manifest.json in ${empty}`);
  });
});
