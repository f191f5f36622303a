import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Compiler, loadWorkspace, StrataErrors, type Dialect, type ModelNode } from '../src/index.js';
import { copyFixture, testDialect } from './helpers.js';

/** BigQuery's quoting: backticks, and backslash escapes in strings. */
const backtickDialect: Dialect = {
  ...testDialect,
  quoteIdentifier: (n) => `\`${n}\``,
  quoteString: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  renderRelation: (r) => `\`${r.schema}\`.\`${r.name}\``,
};

const SRC = join(import.meta.dirname, '../src/');

/** The ts-models fixture in a temporary folder, its imports of core's source made absolute. */
function copyTsFixture(): string {
  const root = copyFixture('ts-models');
  for (const file of ['models/staging/stg_customers.ts', 'models/marts/fct_revenue.ts']) {
    writeFileSync(join(root, file), readFileSync(join(root, file), 'utf8').replace('../../../../../src/', SRC));
  }
  return root;
}

async function fixture() {
  const ws = await loadWorkspace({ projects: [copyTsFixture()] });
  const model = (name: string) => ws.dag.node(`model.tsshop.${name}`) as ModelNode;
  const compile = (name: string, dialect: Dialect = testDialect) => new Compiler(ws.dag, { dialect, target: { name: 'dev', adapter: 'test' } }).compile(model(name)).sql;
  return { ws, model, compile };
}

describe('TypeScript models', () => {
  it('takes dependencies from the refs and sources a model declares, without a warehouse', async () => {
    const { model } = await fixture();
    expect(model('fct_revenue').language).toBe('typescript');
    expect(model('fct_revenue').dependsOn.sort()).toEqual(['model.tsshop.int_big_orders', 'model.tsshop.stg_customers', 'model.tsshop.stg_orders']);
    expect(model('stg_customers').dependsOn).toEqual(['source.tsshop.raw.customers']);
    expect(model('fct_revenue').config).toMatchObject({ materialized: 'table', access: 'public' });
    expect(model('fct_revenue').contract).toBe(true);
  });

  it('keeps the query as Jinja SQL for docs, state comparison and unit tests', async () => {
    const { model } = await fixture();
    expect(model('stg_customers').rawSql).toBe(`select "id" as "customer_id", "country" as "country_code", {{ hash('country') }} as "country_hash", {{ safe_cast('id', type_int()) }} as "id_number" from {{ source('raw', 'customers') }} as "customers"`);
    expect(model('fct_revenue').rawSql).toBe(
      `select "stg_customers"."country_code", count(*) as "orders", sum("o"."amount") as "revenue" from {{ ref('stg_orders') }} as "o" inner join {{ ref('stg_customers') }} as "stg_customers" on "stg_customers"."customer_id" = "o"."customer_id" where "o"."status" = 'completed' and "o"."amount" >= 5 and "o"."order_id" in (select "int_big_orders"."order_id" from {{ ref('int_big_orders') }} as "int_big_orders") and "stg_customers"."country_code" <> 'it''s' group by "stg_customers"."country_code"`,
    );
  });

  it('compiles for the target dialect: relations, ephemeral CTEs, inlined literals', async () => {
    const { compile } = await fixture();
    expect(compile('fct_revenue')).toBe(
      `with __strata_cte__int_big_orders as (\nselect * from "tsshop_staging"."stg_orders" where amount > 100\n)\nselect "stg_customers"."country_code", count(*) as "orders", sum("o"."amount") as "revenue" from "tsshop_staging"."stg_orders" as "o" inner join "tsshop_staging"."stg_customers" as "stg_customers" on "stg_customers"."customer_id" = "o"."customer_id" where "o"."status" = 'completed' and "o"."amount" >= 5 and "o"."order_id" in (select "int_big_orders"."order_id" from __strata_cte__int_big_orders as "int_big_orders") and "stg_customers"."country_code" <> 'it''s' group by "stg_customers"."country_code"`,
    );
    expect(compile('stg_customers')).toBe('select "id" as "customer_id", "country" as "country_code", md5(country) as "country_hash", try_cast(id as INTEGER) as "id_number" from "tsshop_raw"."customers" as "customers"');
    expect(compile('stg_customers', backtickDialect)).toBe('select `id` as `customer_id`, `country` as `country_code`, md5(country) as `country_hash`, try_cast(id as INTEGER) as `id_number` from `tsshop_raw`.`customers` as `customers`');
    expect(compile('fct_revenue', backtickDialect)).toContain("`stg_customers`.`country_code` <> 'it\\'s'");
  });

  it('reports a table the query reads without declaring it, and a file that is not a model', async () => {
    const root = copyTsFixture();
    writeFileSync(
      join(root, 'models/marts/bad_input.ts'),
      `import { defineModel } from '${SRC}config/define-model.js';\nexport default defineModel({ refs: { stg_orders: {} }, query: (db) => (db as any).selectFrom('stg_customers').selectAll() });\n`,
    );
    writeFileSync(join(root, 'models/marts/not_a_model.ts'), 'export const x = 1;\nexport default { query: 1 };\n');
    const error = await loadWorkspace({ projects: [root] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrataErrors);
    const messages = (error as StrataErrors).errors.map((e) => `${e.code} ${e.file?.split('/').pop()}: ${e.message}`);
    expect(messages).toContain("E_TS_MODEL bad_input.ts: TypeScript model failed to build its query: the query reads 'stg_customers', which is not declared in refs or sources");
    expect(messages).toContain('E_TS_MODEL_EXPORT not_a_model.ts: not_a_model.ts must default-export defineModel({ refs, query })');
  });

  it('is type-checked against its inputs: selecting a column the upstream lacks fails tsc', () => {
    const tsc = join(import.meta.dirname, '../node_modules/typescript/bin/tsc');
    const run = (project: string) => spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(import.meta.dirname, 'fixtures', project)], { encoding: 'utf8' });
    const good = run('ts-model-types/good');
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    const bad = run('ts-model-types/bad');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toMatch(/models\/bad_column\.ts\(\d+,\d+\): error TS2769: No overload matches this call/);
    expect(bad.stdout).toContain('"discount"');
    expect(bad.stdout).toMatch(/models\/bad_row_type\.ts\(\d+,\d+\): error TS2769/);
    expect(bad.stdout).toContain('"country"');
  }, 60_000);
});
