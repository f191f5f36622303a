import { afterAll, describe, expect, it } from 'vitest';
import { grantsOf, grantStatements } from '../src/postgres-grants.js';
import { PostgresDialect } from '../src/postgres-dialect.js';
import { ENV_TARGET, strata, writeProject } from './cli-project.js';
import { openPg } from './pg-env.js';

/**
 * `grants` per model on the real server: SELECT given to the named roles after each build,
 * still there after a table is rebuilt and swapped in (a new table has no grants of its own), on
 * a view that depends on it (dropped and recreated by the swap), after an incremental run, and
 * taken back from a role the config no longer names. The roles are made by .ci/run.
 */
const name = `strata_grants_${process.pid}`;
afterAll(async () => {
  const adapter = await openPg();
  try {
    await (await adapter.connect()).execute(`DROP SCHEMA IF EXISTS ${name}_marts CASCADE`);
  } finally {
    await adapter.close();
  }
});

async function privileges(): Promise<Record<string, string[]>> {
  const adapter = await openPg();
  try {
    const rows = await (await adapter.connect()).query<{ relation: string; grantee: string }>(`
select c.relname as relation, r.rolname || ':' || lower(a.privilege_type) as grantee
from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a join pg_roles r on r.oid = a.grantee
where n.nspname = '${name}_marts' and a.grantee <> c.relowner order by 1, 2`);
    const out: Record<string, string[]> = {};
    for (const row of rows) (out[row.relation] ??= []).push(row.grantee);
    return out;
  } finally {
    await adapter.close();
  }
}

describe('grants on Postgres', () => {
  it('turns a config into GRANT statements, and rejects what Postgres would not take', () => {
    const dialect = new PostgresDialect();
    expect(grantStatements(dialect, { schema: 's', name: 'Orders' }, grantsOf({ grants: { select: ['strata_reader', 'Mixed Case'], insert: 'loader' } })!)).toEqual([
      'GRANT SELECT ON "s"."orders" TO "strata_reader", "Mixed Case"',
      'GRANT INSERT ON "s"."orders" TO "loader"',
    ]);
    expect(() => grantsOf({ grants: { selct: ['x'] } }, 'orders')).toThrow("grants of orders: unknown privilege 'selct'");
    expect(() => grantsOf({ grants: { select: [1] } }, 'orders')).toThrow("grants of orders: 'select' must list role names");
    expect(grantsOf({})).toBeUndefined();
  });

  it('grants after each build, keeps them across swaps and on dependent views, and revokes a role taken out of the config', async () => {
    const files = (roles: string) => ({
      'models/marts/orders.sql': `{{ config(grants={'select': [${roles}]}) }}\nselect {{ var('v') }} as version, g as id from generate_series(1, 3) as g`,
      'models/marts/orders_view.sql': "{{ config(materialized='view', grants={'select': ['strata_analyst']}) }}\nselect * from {{ ref('orders') }}",
      'models/marts/orders_log.sql': `{{ config(materialized='incremental', incremental_strategy='append', grants={'select': [${roles}]}) }}\nselect {{ var('v') }} as version`,
    });
    const root = writeProject(name, ENV_TARGET, files("'strata_reader', 'strata_analyst'"));
    expect((await strata(['build', '--project', root, '--vars', '{"v": 1}'], root)).code).toBe(0);
    const both = ['strata_analyst:select', 'strata_reader:select'];
    expect(await privileges()).toEqual({ orders: both, orders_log: both, orders_view: ['strata_analyst:select'] });

    // Only `orders` is rebuilt: swapped in as a new table, with the view on it recreated in the same transaction.
    const rebuilt = await strata(['build', '--project', root, '--select', 'orders', 'orders_log', '--vars', '{"v": 2}'], root);
    expect(rebuilt.code).toBe(0);
    expect(await privileges()).toEqual({ orders: both, orders_log: both, orders_view: ['strata_analyst:select'] });

    // strata_analyst leaves the config: revoked from the swapped table and from the kept incremental table.
    const root2 = writeProject(name, ENV_TARGET, files("'strata_reader'"));
    expect((await strata(['build', '--project', root2, '--vars', '{"v": 3}'], root2)).code).toBe(0);
    expect(await privileges()).toEqual({ orders: ['strata_reader:select'], orders_log: ['strata_reader:select'], orders_view: ['strata_analyst:select'] });
  }, 60_000);
});
