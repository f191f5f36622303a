import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MASKING_FUNCTIONS, SelectLineage } from '@strata/core';
import { DuckDbSqlParser } from '@strata/adapter-duckdb';
import { strata, writeProject } from '../helpers.js';

/**
 * Column-level lineage (what the `pii` policy reads) on DuckDB's own syntax tree, and the policy
 * end to end from the CLI: a PII column followed through CTEs, joins, `*`, unions, CASE and
 * subqueries; masked by md5/hash()/surrogate_key(), a configured macro or a de-identified column;
 * a model whose SQL cannot be read counts as holding everything it reads.
 */
const parser = new DuckDbSqlParser();
afterAll(() => parser.close());

/** `column → ['relation.column', …]` of a query, `*` marking masked origins. */
async function lineage(sql: string, tables: Record<string, string[]> = {}): Promise<Record<string, string[]>> {
  const ast = (await parser.parse(sql)) as { statements: Array<{ node: Record<string, unknown> }> };
  const walker = new SelectLineage((relation) => tables[relation], new Set(DEFAULT_MASKING_FUNCTIONS));
  return Object.fromEntries(walker.query(ast.statements[0]!.node).map((c) => [c.name, [...new Set(c.origins.map((o) => `${o.relation}.${o.column}${o.masked ? '*' : ''}`))].sort()]));
}

describe('column lineage from the syntax tree', () => {
  const TABLES = { 'raw.customers': ['id', 'email', 'ssn', 'country'], 'raw.orders': ['order_id', 'customer_id', 'amount'] };

  it('follows values through CTEs, aliases, joins and select *; filters and join keys carry nothing', async () => {
    const sql = `with c as (select id, email as contact, upper(country) as country from raw.customers where ssn is not null)
select o.order_id, c.*, coalesce(c.contact, 'none') as reach from raw.orders as o join c on c.id = o.customer_id`;
    expect(await lineage(sql, TABLES)).toEqual({
      order_id: ['raw.orders.order_id'],
      id: ['raw.customers.id'],
      contact: ['raw.customers.email'],
      country: ['raw.customers.country'],
      reach: ['raw.customers.email'],
    });
  });

  it('masks through md5/sha256/count, and reads CASE results, not CASE conditions', async () => {
    const sql = `select md5(email) as email_key, sha256(ssn || 'salt') as ssn_key, count(distinct email) as n,
  case when ssn like '9%' then 'itin' else country end as kind, email is null as no_email
from raw.customers group by all`;
    expect(await lineage(sql, TABLES)).toEqual({ email_key: ['raw.customers.email*'], ssn_key: ['raw.customers.ssn*'], n: ['raw.customers.email*'], kind: ['raw.customers.country'], no_email: [] });
  });

  it('unions column by column, scalar subqueries, window arguments, and unknown tables stay open', async () => {
    const sql = `select email as v, row_number() over (partition by ssn order by id) as rn, (select max(amount) from raw.orders) as top from raw.customers
union all select x, 1, 2 from somewhere`;
    expect(await lineage(sql, TABLES)).toEqual({ v: ['raw.customers.email', 'somewhere.x'], rn: [], top: ['raw.orders.amount'] });
    expect(await lineage('select * from elsewhere', {})).toEqual({ '*': ['elsewhere.*'] });
  });
});

describe('the pii policy from the CLI', () => {
  const FILES = {
    'seeds/customers.csv': 'id,email,ssn\n1,a@example.com,123-45-6789\n2,b@example.com,987-65-4321\n',
    'seeds/schema.ts': "import { z } from 'zod';\nexport default { seeds: { customers: { columns: z.object({ id: z.number().int(), email: z.string().meta({ pii: true }), ssn: z.string().meta({ pii: true }) }) } } };\n",
    'macros/mask.sql': "{% macro last_four(column) %}right({{ column }}, 4){% endmacro %}\n",
    'models/staging/stg_customers.sql': "select id,\n  {{ hash('email') }} as email_key,\n  {{ last_four('ssn') }} as ssn_last4\nfrom {{ ref('customers') }}",
    'models/marts/customer_list.sql': "select *\nfrom {{ ref('stg_customers') }}",
  };
  const policy = (extra: string) => `\n  pii: { allow: [], maskingMacros: ['last_four']${extra} },`;

  it('builds when every PII column is masked on the way (hash(), a masking macro)', async () => {
    const { root } = writeProject(FILES, policy(''));
    const result = await strata(['build', '--project', root], root);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses a leak through select * before building anything, naming model, column, line and origin', async () => {
    const { root, warehouse } = writeProject({ ...FILES, 'macros/mask.sql': '{% macro last_four(column) %}{{ column }}{% endmacro %}\n' }, "\n  pii: { allow: [] },");
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      [
        'error E_PII_LEAK 2 error(s):',
        `  E_PII_LEAK ${root}/models/staging/stg_customers.sql:3: model 'stg_customers' holds PII in column 'ssn_last4' (from customers.ssn)`,
        '  hint: mask it on the way (hash(), surrogate_key() or another function in pii.masking), drop the column, or add the model to pii.allow in strata.config.ts',
        `  E_PII_LEAK ${root}/models/marts/customer_list.sql: model 'customer_list' holds PII in column 'ssn_last4' (from customers.ssn)`,
        '  hint: mask it on the way (hash(), surrogate_key() or another function in pii.masking), drop the column, or add the model to pii.allow in strata.config.ts',
      ].join('\n'),
    );
    const { existsSync } = await import('node:fs');
    expect(existsSync(warehouse)).toBe(false);
  });

  it('lets allowed models hold PII, and stops at a de-identified column', async () => {
    const leaky = { ...FILES, 'models/staging/stg_customers.sql': 'select id, email, ssn\nfrom {{ ref(\'customers\') }}', 'models/marts/customer_list.sql': "select id, left(email, 1) as initial\nfrom {{ ref('stg_customers') }}" };
    const { root } = writeProject(leaky, "\n  pii: { allow: ['path:models/staging'], deidentified: ['customer_list.initial'] },");
    expect((await strata(['build', '--project', root], root)).code).toBe(0);
  });

  it('counts a model whose SQL cannot be parsed as holding everything it reads', async () => {
    const { root } = writeProject({ ...FILES, 'models/marts/customer_list.sql': "select id from {{ ref('customers') }} where" }, policy(''));
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(
      `error E_PII_LEAK ${root}/models/marts/customer_list.sql: model 'customer_list' reads PII (customers.email, customers.ssn) and may hold it (its lineage is unknown — its SQL could not be parsed: syntax error at end of input — so everything it reads counts)`,
    );
  });
});
