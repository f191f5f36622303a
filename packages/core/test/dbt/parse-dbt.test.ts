import { describe, expect, it } from 'vitest';
import { loadWorkspace, type ManifestNode, type SourceNode, type TestNode, type StrataError } from '../../src/index.js';
import { dbtTestName } from '../../src/dbt/dbt-tests.js';
import { configFromTree } from '../../src/dbt/dbt-config.js';
import { copyDbtFixture, writeDbtProject } from './dbt-fixture.js';

const relation = (n: ManifestNode | undefined) => (n?.relation ? `${n.relation.schema}.${n.relation.name}` : undefined);

async function parseError(files: Record<string, string>): Promise<StrataError> {
  try {
    await loadWorkspace({ projects: [writeDbtProject(files)] });
  } catch (error) {
    const e = error as StrataError & { errors?: StrataError[] };
    return e.errors?.[0] ?? e;
  }
  throw new Error('expected the project to fail to parse');
}

const PROJECT = "name: shop\nprofile: shop\nconfig-version: 2\n";

describe('reading a dbt project', () => {
  it('names relations, materializations and tags like dbt-duckdb', async () => {
    const ws = await loadWorkspace({ projects: [copyDbtFixture('jaffle')] });
    const node = (id: string) => ws.dag.manifest.nodes.get(id);
    expect(ws.targetName).toBe('dev');
    expect(ws.target).toMatchObject({ adapter: 'duckdb', schema: 'main' });
    expect(relation(node('seed.jaffle.raw_orders'))).toBe('main_raw.raw_orders');
    expect(relation(node('model.jaffle.stg_orders'))).toBe('main_staging.stg_orders');
    expect(relation(node('model.jaffle.orders'))).toBe('main.orders');
    expect(relation(node('model.jaffle.revenue_by_status'))).toBe('main_finance.status_revenue');
    expect(relation(node('snapshot.jaffle.orders_snapshot'))).toBe('snapshots.orders_snapshot');
    expect(relation(node('source.jaffle.jaffle_raw.orders'))).toBe('main_raw.raw_orders');
    expect(node('model.jaffle.stg_orders')!.config.materialized).toBe('view');
    expect(node('model.jaffle.orders')!.config.materialized).toBe('table');
    expect(node('model.jaffle.int_customer_orders')!.config.materialized).toBe('ephemeral');
    expect(node('model.jaffle.revenue_by_status')!.tags).toEqual(['finance', 'daily']);
    expect(node('model.jaffle.revenue_by_status')!.config.meta).toEqual({ owner: 'finance' });
    expect(node('model.jaffle.orders')!.tags).toEqual(['core']);
    // The seed fills the source's relation, so the source waits for it.
    expect(node('source.jaffle.jaffle_raw.orders')!.dependsOn).toEqual(['seed.jaffle.raw_orders']);
    expect((node('source.jaffle.jaffle_raw.orders') as SourceNode).loadedAtField).toBe('order_date');
    expect(node('model.jaffle.legacy_report')).toBeUndefined();
    expect(ws.dag.manifest.projects.get('jaffle')!.disabled).toEqual(['legacy_report']);
    expect(ws.dag.manifest.projects.get('jaffle')!.exposures!.map((e) => [e.name, e.dependsOn.sort()])).toEqual([['weekly_revenue', ['model.jaffle.customers', 'model.jaffle.revenue_by_status']]]);
    const seed = node('seed.jaffle.raw_payments')!;
    expect(seed.columns.map((c) => [c.name, c.dataType])).toEqual([['id', undefined], ['order_id', undefined], ['payment_method', undefined], ['amount', 'integer']]);
  });

  it('turns YAML tests into checks named as dbt names them', async () => {
    const ws = await loadWorkspace({ projects: [copyDbtFixture('jaffle')] });
    const tests = [...ws.dag.manifest.nodes.values()].filter((n): n is TestNode => n.resourceType === 'test');
    const byName = new Map(tests.map((t) => [t.name, t]));
    expect(byName.get('unique_stg_orders_order_id')!.check).toEqual({ kind: 'unique', column: 'order_id' });
    expect(byName.get('source_not_null_jaffle_raw_orders_id')!.attachedTo).toBe('source.jaffle.jaffle_raw.orders');
    expect(byName.get('accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned')!.check).toEqual({ kind: 'accepted_values', column: 'status', values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'] });
    const rel = byName.get('relationships_stg_orders_customer_id__customer_id__ref_stg_customers_')!;
    expect(rel.check).toEqual({ kind: 'relationships', column: 'customer_id', to: { model: 'stg_customers', column: 'customer_id', project: undefined } });
    expect(rel.dependsOn.sort()).toEqual(['model.jaffle.stg_customers', 'model.jaffle.stg_orders']);
    // Long names keep dbt's full name; the audit table takes the short one (30 characters and an md5).
    expect(rel.relation).toEqual({ schema: 'main_dbt_test__audit', name: 'relationships_stg_orders_96411fe0c89b49c3f4da955dfd358ba0' });
    expect(byName.get('accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card')!.severity).toBe('warn');
    expect(byName.get('not_null_orders_amount')!.config.where).toBe("status <> 'placed'");
    expect(byName.get('is_positive_customers_customer_lifetime_value')!.check).toEqual({ kind: 'generic', macro: 'is_positive', column: 'customer_lifetime_value', args: {} });
    expect(byName.get('dbt_utils_accepted_range_orders_credit_card_amount__0')!.check).toMatchObject({ kind: 'between', column: 'credit_card_amount', min: 0 });
    expect(byName.get('assert_total_payment_amount_is_positive')!.attachedTo).toBe('model.jaffle.orders');
    expect(tests).toHaveLength(21);
  });

  it('computes dbt test names, cutting long ones to 30 characters and an md5', () => {
    expect(dbtTestName('unique', 'orders', { column_name: 'id' })).toEqual({ name: 'unique_orders_id', alias: 'unique_orders_id' });
    expect(dbtTestName('accepted_values', 'orders', { column_name: 'status', values: ['a', 'b-c'] }).name).toBe('accepted_values_orders_status__a__b_c');
    expect(dbtTestName('source_not_null', 'raw_orders', { column_name: 'id' }).name).toBe('source_not_null_raw_orders_id');
    const long = dbtTestName('relationships', 'stg_orders', { column_name: 'customer_id', to: "ref('stg_customers')", field: 'customer_id' });
    expect(long.name).toBe('relationships_stg_orders_customer_id__customer_id__ref_stg_customers_');
    expect(long.alias).toMatch(/^relationships_stg_orders_[0-9a-f]{32}$/);
  });

  it('resolves the dbt_project.yml config hierarchy with + and plain keys', () => {
    const tree = { '+materialized': 'view', shop: { '+tags': ['a'], marts: { materialized: 'table', '+tags': 'b', core: { '+schema': 'core', 'post-hook': 'select 1' } } } };
    expect(configFromTree(tree, ['shop', 'marts', 'core', 'orders'])).toEqual({ materialized: 'table', tags: ['a', 'b'], schema: 'core', post_hook: ['select 1'] });
    expect(configFromTree(tree, ['shop', 'staging', 'stg'])).toEqual({ materialized: 'view', tags: ['a'] });
  });

  it("uses the project's generate_schema_name, evaluates config() expressions and reads several model paths", async () => {
    const root = writeDbtProject({
      'dbt_project.yml': `${PROJECT}model-paths: ["models", "more_models"]\nvars:\n  key_column: id\nmodels:\n  shop:\n    marts:\n      +schema: marts\n`,
      'profiles.yml': "shop:\n  target: prod\n  outputs:\n    prod:\n      type: duckdb\n      path: prod.duckdb\n      schema: analytics\n",
      'macros/naming.sql': "{% macro generate_schema_name(custom_schema_name, node) -%}\n{%- if target.name == 'prod' and custom_schema_name is not none -%}{{ custom_schema_name | trim }}{%- else -%}{{ default__generate_schema_name(custom_schema_name, node) }}{%- endif -%}\n{%- endmacro %}",
      'models/marts/fct.sql': "{{ config(materialized='incremental', unique_key=var('key_column'), tags=['t'] if target.name == 'prod' else []) }}\nselect 1 as id",
      'more_models/other.sql': 'select * from {{ ref("fct") }}',
    });
    const ws = await loadWorkspace({ projects: [root] });
    const fct = ws.dag.manifest.nodes.get('model.shop.fct')!;
    expect(relation(fct)).toBe('marts.fct');
    expect(fct.config).toMatchObject({ materialized: 'incremental', unique_key: 'id', tags: ['t'] });
    expect(relation(ws.dag.manifest.nodes.get('model.shop.other'))).toBe('analytics.other');
    expect(ws.dag.manifest.nodes.get('model.shop.other')!.dependsOn).toEqual(['model.shop.fct']);
  });

  it('builds into an embedded DuckDB file with schema main when there is no profiles.yml', async () => {
    const root = writeDbtProject({ 'dbt_project.yml': PROJECT, 'models/a.sql': 'select 1 as x' });
    const ws = await loadWorkspace({ projects: [root] });
    expect(ws.target).toEqual({ adapter: 'duckdb', path: `${root}/shop.duckdb`, schema: 'main' });
    expect(relation(ws.dag.manifest.nodes.get('model.shop.a'))).toBe('main.a');
  });

  it('reads profile values through env_var()', async () => {
    process.env.STRATA_TEST_SCHEMA = 'from_env';
    const root = writeDbtProject({
      'dbt_project.yml': PROJECT,
      'profiles.yml': "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: x.duckdb\n      schema: \"{{ env_var('STRATA_TEST_SCHEMA') }}\"\n",
      'models/a.sql': 'select 1 as x',
    });
    const ws = await loadWorkspace({ projects: [root] });
    expect(relation(ws.dag.manifest.nodes.get('model.shop.a'))).toBe('from_env.a');
    delete process.env.STRATA_TEST_SCHEMA;
  });

  it('maps postgres outputs, disabled folders, source freshness and Jinja in source schemas', async () => {
    process.env.STRATA_TEST_PG_PASSWORD = 'secret';
    const root = writeDbtProject({
      'dbt_project.yml': `${PROJECT}models:\n  shop:\n    legacy:\n      +enabled: false\n`,
      'profiles.yml': "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: db.internal\n      port: 5433\n      user: analyst\n      password: \"{{ env_var('STRATA_TEST_PG_PASSWORD') }}\"\n      dbname: analytics\n      schema: dbt_ana\n      threads: 8\n",
      'models/a.sql': "select * from {{ source('app', 'users') }}",
      'models/legacy/old.sql': 'select 1',
      'models/sources.yml': "version: 2\nsources:\n  - name: app\n    schema: \"{{ target.schema }}_app\"\n    freshness:\n      warn_after: {count: 12, period: hour}\n    loaded_at_field: updated_at\n    tables:\n      - name: users\n        identifier: app_users\n      - name: events\n        freshness: null\n",
    });
    const ws = await loadWorkspace({ projects: [root] });
    expect(ws.target).toEqual({ adapter: 'postgres', host: 'db.internal', port: 5433, user: 'analyst', password: 'secret', database: 'analytics', schema: 'dbt_ana' });
    expect(ws.dag.manifest.projects.get('shop')!.templateTarget).toMatchObject({ name: 'pg', schema: 'dbt_ana', type: 'postgres', threads: 8, database: 'analytics' });
    expect(ws.dag.manifest.projects.get('shop')!.templateTarget).not.toHaveProperty('password');
    expect(ws.dag.manifest.projects.get('shop')!.disabled).toEqual(['old']);
    const users = ws.dag.manifest.nodes.get('source.shop.app.users') as SourceNode;
    expect(relation(users)).toBe('dbt_ana_app.app_users');
    expect(users.freshness).toEqual({ warnAfter: { count: 12, period: 'hour' }, errorAfter: undefined, filter: undefined });
    expect((ws.dag.manifest.nodes.get('source.shop.app.events') as SourceNode).freshness).toBeUndefined();
    delete process.env.STRATA_TEST_PG_PASSWORD;
  });

  it("filters the model a generic test reads with the test's where, as dbt does", async () => {
    const { Compiler } = await import('../../src/index.js');
    const { testDialect } = await import('../helpers.js');
    const root = writeDbtProject({
      'dbt_project.yml': PROJECT,
      'models/a.sql': 'select 1 as id',
      'macros/positive.sql': '{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}',
      'models/schema.yml': "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - positive:\n              config:\n                where: \"id > 5\"\n",
    });
    const ws = await loadWorkspace({ projects: [root] });
    const test = ws.dag.manifest.nodes.get('test.shop.positive_a_id') as TestNode;
    expect(test.config.where).toBeUndefined();
    const compiler = new Compiler(ws.dag, { dialect: testDialect, target: { name: 'dev', adapter: 'duckdb' } });
    expect(compiler.renderGenericTest(test, 'positive', '"main"."a"', 'id', {})).toBe('select * from (select * from "main"."a" where id > 5) dbt_subquery where id <= 0');
  });

  it('reports what it cannot run, with the file and line', async () => {
    const yaml = await parseError({ 'dbt_project.yml': PROJECT, 'models/a.sql': 'select 1', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns: [\n' });
    expect(yaml.code).toBe('E_YAML');
    expect(yaml.file).toMatch(/schema\.yml$/);
    const view = await parseError({ 'dbt_project.yml': PROJECT, 'models/a.sql': "\n{{ config(materialized='materialized_view') }}\nselect 1" });
    expect(view.code).toBe('E_DBT_MATERIALIZATION');
    expect(view.line).toBe(2);
    const test = await parseError({ 'dbt_project.yml': PROJECT, 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - not_a_test\n' });
    expect(test.message).toMatch(/no generic test named 'not_a_test'/);
    expect(test.line).toBe(3);
    const config = await parseError({ 'dbt_project.yml': PROJECT, 'models/a.sql': "{% set m = 'table' %}\n{{ config(materialized=m) }}\nselect 1" });
    expect(config.code).toBe('E_CONFIG_CALL');
    expect(config.line).toBe(2);
    const pkg = await parseError({ 'dbt_project.yml': PROJECT, 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    tests:\n      - dbt_expectations.expect_table_row_count_to_equal:\n          value: 1\n' });
    expect(pkg.message).toMatch(/package 'dbt_expectations'/);
  });
});
