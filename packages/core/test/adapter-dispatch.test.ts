import { describe, expect, it } from 'vitest';
import { Compiler, loadWorkspace, type ModelNode } from '../src/index.js';
import { testDialect, writeProject } from './helpers.js';

/** Compiles model `a` of a project for a target whose adapter is `adapter`. */
async function compileFor(adapter: string, files: Record<string, string>): Promise<string> {
  const ws = await loadWorkspace({ projects: [writeProject(files)] });
  const compiler = new Compiler(ws.dag, { dialect: testDialect, target: { name: 'dev', adapter }, env: {} });
  return compiler.compile(ws.dag.node('model.shop.a') as ModelNode).sql;
}

describe('adapter-specific project macros', () => {
  const files = {
    // the adapter's version lives in another file that sorts *before* the generic one
    'macros/a_bigquery.sql': "{% macro bigquery__to_ts(col) %}SAFE.PARSE_TIMESTAMP('%F %T', {{ col }}){% endmacro %}",
    'macros/cleaning.sql': "{% macro to_ts(col) %}try_cast({{ col }} as timestamp){% endmacro %}{% macro trimmed(col) %}trim({{ col }}){% endmacro %}",
    'models/a.sql': "select {{ to_ts('created_at') }} as t, {{ trimmed('name') }} as n from raw",
  };

  it('uses <adapter>__<name> in place of <name> on that adapter', async () => {
    expect(await compileFor('bigquery', files)).toBe("select SAFE.PARSE_TIMESTAMP('%F %T', created_at) as t, trim(name) as n from raw");
  });

  it('keeps the generic macro on every other adapter', async () => {
    expect(await compileFor('duckdb', files)).toBe('select try_cast(created_at as timestamp) as t, trim(name) as n from raw');
  });
});

describe('split_part', () => {
  it('renders split_part(...) where the dialect has no version of its own', async () => {
    const sql = await compileFor('duckdb', { 'models/a.sql': "select {{ split_part('trim(zip)', \"'-'\", 1) }} as zip5 from raw" });
    expect(sql).toBe("select split_part(trim(zip), '-', 1) as zip5 from raw");
  });
});

describe('regexp_replace', () => {
  it("replaces every match ('g') where the dialect has no version of its own", async () => {
    const sql = await compileFor('duckdb', { 'models/a.sql': "select {{ regexp_replace('zip', \"'[^0-9]'\", \"''\") }} as digits from raw" });
    expect(sql).toBe("select regexp_replace(zip, '[^0-9]', '', 'g') as digits from raw");
  });
});

describe('materialized_cte', () => {
  const files = { 'models/a.sql': 'with parsed as {{ materialized_cte() }}(select 1 as x) select x from parsed' };

  it('renders nothing where the dialect plans CTEs itself', async () => {
    expect(await compileFor('duckdb', files)).toBe('with parsed as (select 1 as x) select x from parsed');
  });

  it("renders the dialect's keyword where it has one (Postgres: materialized)", async () => {
    const ws = await loadWorkspace({ projects: [writeProject(files)] });
    const compiler = new Compiler(ws.dag, { dialect: { ...testDialect, materializedCte: 'materialized' }, target: { name: 'pg', adapter: 'postgres' }, env: {} });
    expect(compiler.compile(ws.dag.node('model.shop.a') as ModelNode).sql).toBe('with parsed as materialized (select 1 as x) select x from parsed');
  });
});
