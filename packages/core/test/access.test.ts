import { describe, expect, it } from 'vitest';
import { loadWorkspace, StrataError, StrataErrors, type ModelNode } from '../src/index.js';
import { writeProject } from './helpers.js';

const schema = (models: string) => `import { z } from 'zod';\nexport default { models: { ${models} } };\n`;

/** An upstream project `shop` with a public, a protected and a private model. */
function shop(extra: Record<string, string> = {}): string {
  return writeProject(
    {
      'strata.config.ts': "export default { name: 'shop', models: { marts: { materialized: 'table', schema: 'marts', access: 'public' }, internal: { schema: 'internal' } } };",
      'models/marts/dim_customers.sql': 'select 1 as customer_id',
      'models/marts/schema.ts': schema('dim_customers: { columns: z.object({ customer_id: z.number().int() }) }'),
      'models/internal/int_orders.sql': 'select 1 as order_id',
      'models/internal/secret/int_margin.sql': "{{ config(access='private') }}\nselect 1 as margin",
      'models/internal/secret/int_margin_use.sql': "select * from {{ ref('int_margin') }}",
      ...extra,
    },
    'shop',
  );
}

async function errorsOf(projects: string[]): Promise<string[]> {
  const error = await loadWorkspace({ projects }).catch((e: unknown) => e);
  if (error instanceof StrataErrors) return error.errors.map((e) => `${e.code} ${e.message}`);
  if (error instanceof StrataError) return [`${error.code} ${error.message}`];
  throw new Error('expected the workspace to fail, it loaded');
}

describe('model access', () => {
  it('lets another project ref a public model, which enforces its schema as a contract', async () => {
    const fleet = writeProject({ 'strata.config.ts': "export default { name: 'fleet' };", 'models/deliveries.sql': "select * from {{ ref('shop', 'dim_customers') }}" }, 'fleet');
    const ws = await loadWorkspace({ projects: [fleet, shop()] });
    const upstream = ws.dag.node('model.shop.dim_customers') as ModelNode;
    expect(upstream.config.access).toBe('public');
    expect(upstream.contract).toBe(true);
    expect(ws.dag.node('model.shop.int_orders').config.access).toBe('protected');
    expect(ws.dag.node('model.fleet.deliveries').dependsOn).toEqual(['model.shop.dim_customers']);
  });

  it("names both models when a project refs another project's protected or private model", async () => {
    const fleet = writeProject(
      { 'strata.config.ts': "export default { name: 'fleet' };", 'models/a.sql': "select * from {{ ref('shop', 'int_orders') }}", 'models/b.sql': "select * from {{ ref('shop', 'int_margin') }}" },
      'fleet',
    );
    expect(await errorsOf([fleet, shop()])).toEqual([
      'E_REF_NOT_PUBLIC fleet.a refs shop.int_orders, which is protected: only public models may be referenced from another project',
      'E_REF_NOT_PUBLIC fleet.b refs shop.int_margin, which is private: only public models may be referenced from another project',
    ]);
  });

  it('keeps a private model to its own folder', async () => {
    const root = shop({ 'models/internal/int_peek.sql': "select * from {{ ref('int_margin') }}" });
    expect(await errorsOf([root])).toEqual(['E_REF_PRIVATE shop.int_peek refs shop.int_margin, which is private to models/internal/secret/']);
  });

  it('requires a zod schema on every public model', async () => {
    const root = shop({ 'models/marts/fct_orders.sql': 'select 1 as n' });
    expect(await errorsOf([root])).toEqual([
      "E_PUBLIC_NO_SCHEMA public model 'shop.fct_orders' has no zod schema: a public model's columns are its contract with the projects that ref it",
    ]);
  });

  it('rejects an unknown access level', async () => {
    const root = shop({ 'models/internal/odd.sql': "{{ config(access='open') }}\nselect 1 as n" });
    expect(await errorsOf([root])).toEqual(["E_ACCESS_INVALID odd has access 'open'"]);
  });
});
