import { describe, expect, it } from 'vitest';
import { CompilationError, Compiler, loadWorkspace, type ModelNode } from '../src/index.js';
import { testDialect, writeProject } from './helpers.js';

async function compilerFor(files: Record<string, string>, vars?: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  const ws = await loadWorkspace({ projects: [writeProject(files)] });
  const compiler = new Compiler(ws.dag, { dialect: testDialect, target: { name: 'dev', adapter: 'test', password: 'hunter2' }, vars, env });
  const compile = (name: string) => compiler.compile(ws.dag.node(`model.shop.${name}`) as ModelNode).sql;
  return { compile, ws };
}

describe('compiling models', () => {
  it('renders ref, source, this, var, env_var and cross-database macros', async () => {
    const { compile } = await compilerFor(
      {
        'strata.config.ts': "export default { name: 'shop', vars: { min_amount: 10 }, sources: { raw: { tables: ['orders'] } }, models: { marts: { materialized: 'table', schema: 'marts' } } };",
        'models/marts/a.sql': "select {{ date_trunc('day', 'ordered_at') }} as d, {{ var('min_amount') }} as m, '{{ env_var('REGION', 'eu') }}' as r, '{{ this }}' as t\nfrom {{ source('raw', 'orders') }}",
      },
      undefined,
      {},
    );
    expect(compile('a')).toBe(`select date_trunc('day', ordered_at) as d, 10 as m, 'eu' as r, '"shop_marts"."a"' as t\nfrom "shop_raw"."orders"`);
  });

  it('lets --vars override project vars', async () => {
    const { compile } = await compilerFor({ 'strata.config.ts': "export default { name: 'shop', vars: { n: 1 } };", 'models/a.sql': "select {{ var('n') }} as n" }, { n: 5 });
    expect(compile('a')).toBe('select 5 as n');
  });

  it('inlines ephemeral models as CTEs, merging with an existing WITH', async () => {
    const { compile } = await compilerFor({
      'models/base.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as id",
      'models/mid.sql': "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('base') }}",
      'models/top.sql': "with x as (select * from {{ ref('mid') }})\nselect * from x",
    });
    expect(compile('top')).toBe('with __strata_cte__base as (\nselect 1 as id\n),\n__strata_cte__mid as (\nselect id from __strata_cte__base\n),\nx as (select * from __strata_cte__mid)\nselect * from x');
  });

  it('makes project macros and generic tests available everywhere', async () => {
    const { compile } = await compilerFor({
      'macros/money.sql': "{% macro cents_to_dollars(col) %}({{ col }} / 100.0){% endmacro %}",
      'models/a.sql': "select {{ cents_to_dollars('amount_cents') }} as amount from t",
    });
    expect(compile('a')).toBe('select (amount_cents / 100.0) as amount from t');
  });

  it('builds a surrogate key from several columns', async () => {
    const { compile } = await compilerFor({ 'models/a.sql': "select {{ surrogate_key(['a', 'b']) }} as k from t" });
    expect(compile('a')).toBe("select md5((coalesce(cast(a as varchar), '_strata_null_') || '-' || coalesce(cast(b as varchar), '_strata_null_'))) as k from t");
  });

  it('never exposes secret target settings to templates', async () => {
    const { compile } = await compilerFor({ 'models/a.sql': "select '{{ target.name }}' as n, '{{ target.password }}' as p" });
    expect(() => compile('a')).toThrow(CompilationError);
  });

  const errorOf = (fn: () => unknown): CompilationError => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(CompilationError);
      return error as CompilationError;
    }
    throw new Error('expected a CompilationError');
  };

  it('names an undefined var with a suggestion', async () => {
    const { compile } = await compilerFor({ 'strata.config.ts': "export default { name: 'shop', vars: { start_date: '2024-01-01' } };", 'models/a.sql': "select 1\nwhere d > '{{ var('start_dat') }}'" });
    const error = errorOf(() => compile('a'));
    expect(error.code).toBe('E_UNDEFINED_VAR');
    expect(error.message).toBe("var('start_dat') is not defined and has no default");
    expect(error.hint).toBe("did you mean 'start_date'?");
  });

  it('reports a Jinja syntax error with its line', async () => {
    const { compile, ws } = await compilerFor({ 'models/a.sql': 'select 1\nfrom t\n{% if x %}\nwhere y' });
    const error = errorOf(() => compile('a'));
    expect(error.code).toBe('E_JINJA_SYNTAX');
    expect(error.file).toBe(ws.dag.node('model.shop.a').file);
    expect(error.line).toBe(3);
  });

  it('reports a macro that raises, with its message', async () => {
    const { compile } = await compilerFor({
      'macros/guard.sql': "{% macro guard() %}{{ exceptions.raise_compiler_error('orders must not be empty') }}{% endmacro %}",
      'models/a.sql': 'select {{ guard() }}',
    });
    const error = errorOf(() => compile('a'));
    expect(error.code).toBe('E_MACRO_RAISED');
    expect(error.message).toBe('orders must not be empty');
  });

  it('reports an undefined variable', async () => {
    const { compile } = await compilerFor({ 'models/a.sql': 'select 1\nfrom {{ undefined_table }}' });
    const error = errorOf(() => compile('a'));
    expect(error.code).toBe('E_UNDEFINED');
    expect(error.line).toBe(2);
  });
});
