import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, Dag, DependencyCycleError, loadWorkspace, ParseError, StrataErrors } from '../src/index.js';
import { writeProject } from './helpers.js';

async function expectError<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error('expected an error');
}

describe('parsing a project', () => {
  it('builds nodes with dependencies, schemas, materializations and zod-derived tests', async () => {
    const root = writeProject({
      'strata.config.ts': `export default { name: 'shop', models: { staging: { materialized: 'view', schema: 'staging', tags: ['stg'] }, marts: { materialized: 'table', schema: 'marts' } }, seeds: { schema: 'raw' }, sources: { raw: { tables: ['orders'] } } };`,
      'seeds/orders.csv': 'id,status\n1,done\n',
      'models/staging/stg_orders.sql': "select id, status from {{ source('raw', 'orders') }}",
      'models/marts/fct_orders.sql': "{{ config(tags=['daily']) }}\nselect count(*) as n from {{ ref('stg_orders') }}",
      'models/marts/schema.ts': `import { z } from 'zod';
export default { models: { fct_orders: { description: 'daily', columns: z.object({ n: z.number().int().meta({ unique: true }) }) } } };`,
    });
    const ws = await loadWorkspace({ projects: [root] });
    const nodes = ws.dag.manifest.nodes;
    const stg = nodes.get('model.shop.stg_orders')!;
    expect(stg.relation).toEqual({ schema: 'shop_staging', name: 'stg_orders' });
    expect(stg.config.materialized).toBe('view');
    expect(stg.dependsOn).toEqual(['source.shop.raw.orders']);
    expect(nodes.get('source.shop.raw.orders')!.dependsOn).toEqual(['seed.shop.orders']);
    const fct = nodes.get('model.shop.fct_orders')!;
    expect(fct.tags).toEqual(['daily']);
    expect(fct.relation).toEqual({ schema: 'shop_marts', name: 'fct_orders' });
    expect(fct.description).toBe('daily');
    expect([...nodes.keys()].filter((id) => id.startsWith('test.')).sort()).toEqual(['test.shop.not_null_fct_orders_n', 'test.shop.unique_fct_orders_n']);
    expect(ws.target).toEqual({ adapter: 'duckdb', path: '.strata/warehouse.duckdb' });
  });

  it('reports every unknown ref and source together, each with file, line and a suggestion', async () => {
    const root = writeProject({
      'models/marts/a.sql': "select 1 as x",
      'models/marts/b.sql': "select *\nfrom {{ ref('aa') }}",
      'models/marts/c.sql': "select *\n\nfrom {{ source('raw', 'orders') }}",
    });
    const error = await expectError(loadWorkspace({ projects: [root] }), StrataErrors);
    expect(error.errors.map((e) => [e.code, e.file, e.line, e.hint])).toEqual([
      ['E_UNKNOWN_REF', join(root, 'models/marts/b.sql'), 2, "did you mean 'a'?"],
      ['E_UNKNOWN_SOURCE', join(root, 'models/marts/c.sql'), 3, 'declare it under sources.raw.tables in strata.config.ts'],
    ]);
    expect(error.errors[0]!.message).toBe("ref('aa') names no model, seed or snapshot");
  });

  it('names a cycle by its path', async () => {
    const root = writeProject({
      'models/marts/a.sql': "select * from {{ ref('c') }}",
      'models/marts/b.sql': "select * from {{ ref('a') }}",
      'models/marts/c.sql': "select * from {{ ref('b') }}",
    });
    const error = await expectError(loadWorkspace({ projects: [root] }), DependencyCycleError);
    expect(error.code).toBe('E_CYCLE');
    expect(error.message).toBe('dependency cycle: a -> b -> c -> a');
  });

  it('rejects duplicate model names across folders', async () => {
    const root = writeProject({
      'models/staging/orders.sql': 'select 1 as x',
      'models/marts/orders.sql': 'select 2 as x',
    });
    const error = await expectError(loadWorkspace({ projects: [root] }), ParseError);
    expect(error.code).toBe('E_DUPLICATE_MODEL');
    expect(error.message).toBe("two models are named 'orders': models/marts/orders.sql and models/staging/orders.sql");
  });

  it('explains a ref to a disabled model', async () => {
    const root = writeProject({
      'models/marts/old.sql': "{{ config(enabled=false) }}\nselect 1 as x",
      'models/marts/new.sql': "select * from {{ ref('old') }}",
    });
    const error = await expectError(loadWorkspace({ projects: [root] }), ParseError);
    expect(error.code).toBe('E_REF_DISABLED');
    expect(error.format()).toContain("new.sql:1: ref('old') points to a disabled model");
  });

  it('reports a config with a wrong value type at the offending key', async () => {
    const root = writeProject({
      'strata.config.ts': "export default {\n  name: 'shop',\n  models: {\n    marts: { materialized: 'tabel' },\n  },\n};\n",
      'models/marts/a.sql': 'select 1 as x',
    });
    const error = await expectError(loadWorkspace({ projects: [root] }), ConfigError);
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(error.message).toMatch(/^invalid config at 'models\.marts\.materialized': Invalid option: expected one of "view"\|"table"\|"ephemeral"\|"incremental"\|"seed"\|"snapshot"$/);
    expect(error.line).toBe(4);
  });

  it('reports a config that does not compile with its file', async () => {
    const root = writeProject({ 'strata.config.ts': "export default {\n  name: 'shop',,\n};\n" });
    const error = await expectError(loadWorkspace({ projects: [root] }), ConfigError);
    expect(error.code).toBe('E_CONFIG_LOAD');
    expect(error.file).toBe(join(root, 'strata.config.ts'));
  });

  it('gives strata.config.ts its own import.meta.url and dirname', async () => {
    const root = writeProject({
      'strata.config.ts': "import { fileURLToPath } from 'node:url';\nexport default { name: 'shop', vars: { here: fileURLToPath(new URL('.', import.meta.url)), dir: import.meta.dirname } };\n",
    });
    const ws = await loadWorkspace({ projects: [root] });
    expect(ws.dag.manifest.projects.get('shop')!.vars).toEqual({ here: `${root}/`, dir: root });
  });

  it('orders the DAG topologically', async () => {
    const root = writeProject({
      'models/marts/c.sql': "select * from {{ ref('b') }}",
      'models/marts/b.sql': "select * from {{ ref('a') }}",
      'models/marts/a.sql': 'select 1 as x',
    });
    const ws = await loadWorkspace({ projects: [root] });
    expect(ws.dag).toBeInstanceOf(Dag);
    expect(ws.dag.topologicalOrder()).toEqual(['model.shop.a', 'model.shop.b', 'model.shop.c']);
  });
});
