import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace, selectNodes, selectorContext, type StrataError, type Workspace } from '../src/index.js';
import { writeProject } from './helpers.js';

const CONFIG = `export default {
  name: 'shop',
  models: {
    staging: { materialized: 'view', schema: 'staging', tags: ['stg'] },
    intermediate: { materialized: 'ephemeral' },
    marts: { materialized: 'table', schema: 'marts', tags: ['marts'], finance: { tags: ['finance'] } },
  },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders', 'customers'] }, crm: { tables: ['contacts'] } },
  selectors: {
    nightly: 'tag:nightly',
    finance_core: { select: ['+fct_revenue'], exclude: 'resource_type:seed' },
    marts_and_staging: ['path:models/marts', 'tag:stg'],
    nested: 'selector:nightly,tag:marts',
    loop_a: 'selector:loop_b',
    loop_b: 'selector:loop_a',
  },
};`;

// seed.orders → raw.orders → stg_orders ─┐
// seed.customers → raw.customers → stg_customers ─┴→ int_orders → fct_orders → fct_revenue → rpt_monthly
//                                   stg_customers + crm.contacts → stg_contacts → dim_customers
// raw.orders → orders_snap (snapshot)
const FILES = {
  'strata.config.ts': CONFIG,
  'seeds/orders.csv': 'id\n1\n',
  'seeds/customers.csv': 'id\n1\n',
  'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}",
  'models/staging/stg_customers.sql': "select * from {{ source('raw', 'customers') }}",
  'models/staging/stg_contacts.sql': "select * from {{ source('crm', 'contacts') }}",
  'models/intermediate/int_orders.sql': "select * from {{ ref('stg_orders') }} join {{ ref('stg_customers') }} using (id)",
  'models/marts/fct_orders.sql': "{{ config(materialized='incremental', unique_key='id', tags=['nightly']) }}\nselect * from {{ ref('int_orders') }}",
  'models/marts/dim_customers.sql': "select * from {{ ref('stg_customers') }} join {{ ref('stg_contacts') }} using (id)",
  'models/marts/schema.ts': "import { z } from 'zod';\nexport default { models: { dim_customers: { columns: z.object({ id: z.number() }) } } };",
  'models/marts/finance/fct_revenue.sql': "{{ config(tags=['nightly']) }}\nselect * from {{ ref('fct_orders') }}",
  'models/marts/finance/rpt_monthly.sql': "select * from {{ ref('fct_revenue') }}",
  'snapshots/orders_snap.sql': "{{ config(strategy='check', unique_key='id', check_cols='all') }}\nselect * from {{ source('raw', 'orders') }}",
};

describe('selection grammar', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await loadWorkspace({ projects: [writeProject(FILES)] });
  });

  /** Labels of the selected nodes: models by name, others as `type:name`, sorted; tests (graph children too) left out unless asked. */
  const pick = (select: string[], options: { exclude?: string[]; selector?: string; tests?: boolean } = {}): string[] => {
    const ids = selectNodes(ws.dag, { select, exclude: options.exclude, selector: options.selector, context: selectorContext(ws), includeAttachedTests: options.tests ?? false });
    return [...ids]
      .map((id) => ws.dag.node(id))
      .filter((n) => options.tests || n.resourceType !== 'test')
      .map((n) => (n.resourceType === 'model' ? n.name : n.resourceType === 'source' ? `source:${(n as { sourceName: string }).sourceName}.${n.name}` : `${n.resourceType}:${n.name}`))
      .sort();
  };
  const failure = (fn: () => unknown): StrataError => {
    try {
      fn();
    } catch (error) {
      return error as StrataError;
    }
    throw new Error('expected an error');
  };

  it('name, +name, name+, n+name, name+n, n+name+n', () => {
    expect(pick(['fct_orders'])).toEqual(['fct_orders']);
    expect(pick(['+fct_orders'])).toEqual(['fct_orders', 'int_orders', 'seed:customers', 'seed:orders', 'source:raw.customers', 'source:raw.orders', 'stg_customers', 'stg_orders']);
    expect(pick(['fct_orders+'])).toEqual(['fct_orders', 'fct_revenue', 'rpt_monthly']);
    expect(pick(['2+fct_orders'])).toEqual(['fct_orders', 'int_orders', 'stg_customers', 'stg_orders']);
    expect(pick(['fct_orders+1'])).toEqual(['fct_orders', 'fct_revenue']);
    expect(pick(['1+fct_revenue+1'])).toEqual(['fct_orders', 'fct_revenue', 'rpt_monthly']);
  });

  it('@name: the node, its descendants and all their ancestors', () => {
    expect(pick(['@stg_contacts'])).toEqual(['dim_customers', 'seed:customers', 'source:crm.contacts', 'source:raw.customers', 'stg_contacts', 'stg_customers']);
  });

  it('tag:, path:, source:, resource_type:, config.<key>:, package: and fqn folders', () => {
    expect(pick(['tag:nightly'])).toEqual(['fct_orders', 'fct_revenue']);
    expect(pick(['tag:finance'])).toEqual(['fct_revenue', 'rpt_monthly']);
    expect(pick(['path:models/marts/finance'])).toEqual(['fct_revenue', 'rpt_monthly']);
    expect(pick(['path:models/staging/stg_orders.sql'])).toEqual(['stg_orders']);
    expect(pick(['path:snapshots'])).toEqual(['snapshot:orders_snap']);
    expect(pick(['source:raw'])).toEqual(['source:raw.customers', 'source:raw.orders']);
    expect(pick(['source:crm.contacts+1'])).toEqual(['source:crm.contacts', 'stg_contacts']);
    expect(pick(['resource_type:seed'])).toEqual(['seed:customers', 'seed:orders']);
    expect(pick(['resource_type:snapshot'])).toEqual(['snapshot:orders_snap']);
    expect(pick(['config.materialized:incremental'])).toEqual(['fct_orders']);
    expect(pick(['config.materialized:ephemeral'])).toEqual(['int_orders']);
    expect(pick(['config.unique_key:id'])).toEqual(['fct_orders', 'snapshot:orders_snap']);
    expect(pick(['staging'])).toEqual(['stg_contacts', 'stg_customers', 'stg_orders']);
    expect(pick(['marts.finance'])).toEqual(['fct_revenue', 'rpt_monthly']);
    expect(pick(['shop.marts.finance.rpt_*'])).toEqual(['rpt_monthly']);
    expect(pick(['stg_c*'])).toEqual(['stg_contacts', 'stg_customers']);
    expect(pick(['package:shop'], { tests: true }).length).toBe(ws.dag.manifest.nodes.size);
  });

  it('unions (space), intersections (comma), and --exclude', () => {
    expect(pick(['tag:nightly dim_customers'])).toEqual(['dim_customers', 'fct_orders', 'fct_revenue']);
    expect(pick(['tag:nightly', 'dim_customers'])).toEqual(['dim_customers', 'fct_orders', 'fct_revenue']);
    expect(pick(['tag:marts,config.materialized:table'])).toEqual(['dim_customers', 'fct_revenue', 'rpt_monthly']);
    expect(pick(['+rpt_monthly,tag:stg'])).toEqual(['stg_customers', 'stg_orders']);
    expect(pick(['+fct_revenue'], { exclude: ['resource_type:seed', 'resource_type:source'] })).toEqual(['fct_orders', 'fct_revenue', 'int_orders', 'stg_customers', 'stg_orders']);
    expect(pick(['tag:marts'], { exclude: ['fct_orders+'] })).toEqual(['dim_customers']);
  });

  it('named selectors from strata.config.ts: strings, lists, select/exclude, nesting, graph operators', () => {
    expect(pick([], { selector: 'nightly' })).toEqual(['fct_orders', 'fct_revenue']);
    expect(pick(['selector:finance_core'])).toEqual(['fct_orders', 'fct_revenue', 'int_orders', 'source:raw.customers', 'source:raw.orders', 'stg_customers', 'stg_orders']);
    expect(pick(['selector:marts_and_staging'])).toEqual(['dim_customers', 'fct_orders', 'fct_revenue', 'rpt_monthly', 'stg_contacts', 'stg_customers', 'stg_orders']);
    expect(pick(['selector:nested'])).toEqual(['fct_orders', 'fct_revenue']);
    expect(pick(['selector:nightly+1'])).toEqual(['fct_orders', 'fct_revenue', 'rpt_monthly']);
  });

  it('brings a model’s tests along unless asked not to', () => {
    const withTests = selectNodes(ws.dag, { select: ['dim_customers'], context: selectorContext(ws) });
    const tests = [...withTests].filter((id) => ws.dag.node(id).resourceType === 'test');
    expect(tests.length).toBe(1);
    expect((ws.dag.node(tests[0]!) as { attachedTo?: string }).attachedTo).toBe('model.shop.dim_customers');
  });

  it('reports unknown selectors, selector loops, bad syntax and state without --state clearly', () => {
    expect(failure(() => pick(['selector:nigthly']))).toMatchObject({ code: 'E_SELECTOR_UNKNOWN', message: "no selector named 'nigthly'" });
    expect(failure(() => pick(['selector:nigthly'])).hint).toContain('nightly');
    expect(failure(() => pick(['selector:loop_a']))).toMatchObject({ code: 'E_SELECTOR_CYCLE', message: "selector 'loop_a' refers to itself: loop_a -> loop_b -> loop_a" });
    expect(failure(() => pick(['@+fct_orders']))).toMatchObject({ code: 'E_SELECTOR' });
    expect(failure(() => pick(['tagg:nightly']))).toMatchObject({ code: 'E_SELECTOR_METHOD', message: "unknown selector method 'tagg:'" });
    expect(failure(() => pick(['state:modified']))).toMatchObject({ code: 'E_SELECTOR_STATE' });
  });
});
