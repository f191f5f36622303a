import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWorkspace, PARTIAL_PARSE_FILE, type AdapterFactory, type CompileWorkspaceOptions } from '../src/index.js';
import { testDialect, writeProject } from './helpers.js';

const adapters = { duckdb: { name: 'duckdb', createDialect: () => testDialect, open: () => Promise.reject(new Error('compile never opens the warehouse')) } satisfies AdapterFactory };

/** A project with each kind of input partial parsing must notice: vars, env_var, sources, ephemeral models, a schema file, a macro, a singular test. */
const PROJECT: Record<string, string> = {
  'strata.config.ts': `export default {
  name: 'shop',
  vars: { min_amount: 10 },
  models: { staging: { materialized: 'view', schema: 'staging' }, intermediate: { materialized: 'ephemeral' }, marts: { materialized: 'table', schema: 'marts' } },
  sources: { raw: { tables: ['orders', 'customers'] } },
};
`,
  'models/staging/stg_orders.sql': "select id, customer_id, amount, '{{ env_var('SHOP_REGION', 'eu') }}' as region from {{ source('raw', 'orders') }}",
  'models/staging/stg_customers.sql': "select id, name from {{ source('raw', 'customers') }}",
  'models/intermediate/int_big_orders.sql': "select * from {{ ref('stg_orders') }} where amount > {{ var('min_amount') }}",
  'models/marts/fct_orders.sql': "select o.id, {{ cents('o.amount') }} as amount_cents from {{ ref('int_big_orders') }} o",
  'models/marts/dim_customers.sql': "select c.id, c.name from {{ ref('stg_customers') }} c",
  'models/marts/schema.ts': `import { z } from 'zod';
export default { models: {
  fct_orders: { description: 'big orders', columns: z.object({ id: z.number().int().meta({ unique: true }), amount_cents: z.number().min(0) }) },
  dim_customers: { columns: z.object({ id: z.number().int(), name: z.string().nullable() }) },
} };
`,
  'macros/cents.sql': '{% macro cents(column) %}({{ column }} * 100){% endmacro %}',
  'tests/no_negative_orders.sql': "select * from {{ ref('fct_orders') }} where amount_cents < 0",
};

/** Everything a compile leaves in target/, with manifest.json's per-run metadata (time, invocation id) blanked. */
function artifacts(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(join(root, 'target', 'compiled'));
  const manifest = readFileSync(join(root, 'target', 'manifest.json'), 'utf8');
  const metadata = JSON.parse(manifest).metadata;
  expect(metadata.invocation_id).toMatch(/^[0-9a-f-]{36}$/);
  out['manifest.json'] = manifest.replace(JSON.stringify(metadata), JSON.stringify({ ...metadata, generated_at: 'T', invocation_id: 'I' }));
  return out;
}

const compile = (root: string, options: Partial<CompileWorkspaceOptions> = {}) => compileWorkspace({ projects: [root], adapters, env: {}, ...options });

/**
 * Compiles a project, applies `edit`, compiles again (partially when it can), and returns that
 * compile's outcome with its artifacts and the artifacts of a cold compile (no target/) of the
 * edited project.
 */
async function recompile(edit: (root: string) => void, options: Partial<CompileWorkspaceOptions> = {}) {
  const root = writeProject(PROJECT);
  const first = await compile(root, options);
  expect(first.partialParse).toEqual({ reused: false, reason: 'no saved state' });
  expect(existsSync(join(root, 'target', PARTIAL_PARSE_FILE))).toBe(true);
  edit(root);
  const warm = await compile(root, options);
  const warmArtifacts = artifacts(root);
  rmSync(join(root, 'target'), { recursive: true });
  const cold = await compile(root, { ...options, partialParse: false });
  expect(cold.partialParse).toEqual({ reused: false, reason: '--no-partial-parse' });
  expect(warm.compiledCount).toBe(cold.compiledCount);
  return { root, warm, warmArtifacts, coldArtifacts: artifacts(root) };
}

const edit = (path: string, change: (text: string) => string) => (root: string) => writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));

describe('partial parsing: a re-compile writes what a cold compile writes', () => {
  it('re-renders only an edited model whose refs and config stayed, and splices its manifest entry', async () => {
    const { warm, warmArtifacts, coldArtifacts } = await recompile(edit('models/marts/dim_customers.sql', (t) => t.replace('c.name', "upper(c.name) as name -- ünïcode")));
    expect(warm.partialParse).toEqual({ reused: true, changed: ['models/marts/dim_customers.sql'], rendered: 1 });
    expect(warmArtifacts).toEqual(coldArtifacts);
    expect(warmArtifacts['target/compiled/shop/models/marts/dim_customers.sql']).toBe('select c.id, upper(c.name) as name -- ünïcode from "shop_staging"."stg_customers" c\n');
    expect(JSON.parse(warmArtifacts['manifest.json']!).nodes['model.shop.dim_customers'].raw_code).toContain('upper(c.name)');
  });

  it('re-renders what inlines an edited ephemeral model', async () => {
    const { warm, warmArtifacts, coldArtifacts } = await recompile(edit('models/intermediate/int_big_orders.sql', (t) => `${t} and id is not null`));
    expect(warm.partialParse).toMatchObject({ reused: true, changed: ['models/intermediate/int_big_orders.sql'] });
    expect(warmArtifacts).toEqual(coldArtifacts);
    expect(warmArtifacts['target/compiled/shop/models/marts/fct_orders.sql']).toContain('where amount > 10 and id is not null');
  });

  it('re-parses everything when a model’s refs change', async () => {
    const { warm, warmArtifacts, coldArtifacts } = await recompile(edit('models/marts/dim_customers.sql', (t) => `${t} join {{ ref('stg_orders') }} o on o.customer_id = c.id`));
    expect(warm.partialParse).toEqual({ reused: false, reason: 'the ref, source or config calls of models/marts/dim_customers.sql changed' });
    expect(warmArtifacts).toEqual(coldArtifacts);
    expect(JSON.parse(warmArtifacts['manifest.json']!).nodes['model.shop.dim_customers'].depends_on.nodes).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders']);
  });

  it('re-parses everything when a schema.ts changes', async () => {
    const { warm, warmArtifacts, coldArtifacts } = await recompile(edit('models/marts/schema.ts', (t) => t.replace('z.number().min(0)', 'z.number().min(1)')));
    expect(warm.partialParse).toEqual({ reused: false, reason: 'models/marts/schema.ts changed, and it is not a SQL model' });
    expect(warmArtifacts).toEqual(coldArtifacts);
    expect(warmArtifacts['target/compiled/shop/models/marts/schema.ts.sql']).toContain('1');
  });

  it('re-parses everything when a macro changes', async () => {
    const { warm, warmArtifacts, coldArtifacts } = await recompile(edit('macros/cents.sql', (t) => t.replace('* 100', '* 1000')));
    expect(warm.partialParse).toEqual({ reused: false, reason: 'macros/cents.sql changed, and it is not a SQL model' });
    expect(warmArtifacts).toEqual(coldArtifacts);
    expect(warmArtifacts['target/compiled/shop/models/marts/fct_orders.sql']).toContain('(o.amount * 1000) as amount_cents');
  });

  it('re-parses everything when a var changes, in the config or on the command line', async () => {
    const inConfig = await recompile(edit('strata.config.ts', (t) => t.replace('min_amount: 10', 'min_amount: 20')));
    expect(inConfig.warm.partialParse).toEqual({ reused: false, reason: 'the config, vars, target or environment changed' });
    expect(inConfig.warmArtifacts).toEqual(inConfig.coldArtifacts);
    expect(inConfig.warmArtifacts['target/compiled/shop/models/marts/fct_orders.sql']).toContain('amount > 20');

    const root = writeProject(PROJECT);
    await compile(root);
    const withVars = await compile(root, { vars: { min_amount: 30 } });
    expect(withVars.partialParse).toEqual({ reused: false, reason: 'the config, vars, target or environment changed' });
    expect(readFileSync(join(root, 'target/compiled/shop/models/marts/fct_orders.sql'), 'utf8')).toContain('amount > 30');
  });

  it('re-renders everything when a variable env_var() read changes', async () => {
    const root = writeProject(PROJECT);
    await compile(root, { env: { SHOP_REGION: 'us' } });
    expect((await compile(root, { env: { SHOP_REGION: 'us' } })).partialParse.reused).toBe(true);
    const changed = await compile(root, { env: { SHOP_REGION: 'apac' } });
    expect(changed.partialParse).toEqual({ reused: false, reason: 'the config, vars, target or environment changed' });
    expect(readFileSync(join(root, 'target/compiled/shop/models/staging/stg_orders.sql'), 'utf8')).toContain("'apac' as region");
  });

  it('re-parses everything when a file is deleted or added', async () => {
    const deleted = await recompile((root) => {
      unlinkSync(join(root, 'tests/no_negative_orders.sql'));
    });
    expect(deleted.warm.partialParse).toEqual({ reused: false, reason: 'files were added or removed' });
    // A full compile never deletes compiled files (with or without partial parsing): the deleted
    // test's stays behind from the first compile; the manifest forgets the test.
    const { ['target/compiled/shop/tests/no_negative_orders.sql']: stale, ...rest } = deleted.warmArtifacts;
    expect(stale).toBe('select * from "shop_marts"."fct_orders" where amount_cents < 0\n');
    expect(rest).toEqual(deleted.coldArtifacts);
    expect(JSON.parse(deleted.warmArtifacts['manifest.json']!).nodes['test.shop.no_negative_orders']).toBeUndefined();

    const added = await recompile((root) => writeFileSync(join(root, 'models/marts/fct_customers.sql'), "select count(*) as n from {{ ref('dim_customers') }}"));
    expect(added.warm.partialParse).toEqual({ reused: false, reason: 'files were added or removed' });
    expect(added.warmArtifacts).toEqual(added.coldArtifacts);
    expect(JSON.parse(added.warmArtifacts['manifest.json']!).child_map['model.shop.dim_customers']).toContain('model.shop.fct_customers');
  });

  it('keeps reusing the state over several edits in a row', async () => {
    const root = writeProject(PROJECT);
    await compile(root);
    for (const n of [1, 2, 3]) {
      appendFileSync(join(root, 'models/marts/dim_customers.sql'), `\n-- edit ${n}`);
      appendFileSync(join(root, 'models/staging/stg_customers.sql'), `\n-- ${'x'.repeat(n * 7)}`);
      expect((await compile(root)).partialParse).toMatchObject({ reused: true, rendered: 2 });
    }
    const warm = artifacts(root);
    rmSync(join(root, 'target'), { recursive: true });
    await compile(root);
    expect(warm).toEqual(artifacts(root));
  });

  it('ignores a corrupt, truncated or foreign-version state without an error', async () => {
    const root = writeProject(PROJECT);
    await compile(root);
    const stateFile = join(root, 'target', PARTIAL_PARSE_FILE);
    const good = readFileSync(stateFile);
    const damaged: Array<[string, Buffer]> = [
      ['garbage', Buffer.from('not a state at all')],
      ['truncated', good.subarray(0, Math.floor(good.length / 3))],
      ['foreign version', Buffer.from(good.toString('utf8').replace('"version":1,', '"version":999,'))],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(stateFile, bytes);
      appendFileSync(join(root, 'models/marts/dim_customers.sql'), `\n-- after ${what}`);
      const result = await compile(root);
      expect(result.partialParse, what).toEqual({ reused: false, reason: 'no saved state' });
      expect(readFileSync(join(root, 'target/compiled/shop/models/marts/dim_customers.sql'), 'utf8')).toContain(`-- after ${what}`);
    }
    // The records file beside the header: cut off, or from another compile.
    await compile(root);
    const recordsFile = join(root, 'target', 'partial_parse.records');
    const records = readFileSync(recordsFile);
    for (const [what, bytes] of [
      ['cut-off records', records.subarray(0, records.length - 10)],
      ['records of another compile', Buffer.concat([Buffer.from('strata-records 00000000000000000000000000000000\n'), records.subarray(records.indexOf(10) + 1)])],
    ] as Array<[string, Buffer]>) {
      writeFileSync(recordsFile, bytes);
      appendFileSync(join(root, 'models/marts/dim_customers.sql'), `\n-- after ${what}`);
      expect((await compile(root)).partialParse, what).toEqual({ reused: false, reason: 'no saved state' });
      expect(readFileSync(join(root, 'target/compiled/shop/models/marts/dim_customers.sql'), 'utf8')).toContain(`-- after ${what}`);
    }
    // A full compile wrote a good state again.
    appendFileSync(join(root, 'models/marts/dim_customers.sql'), '\n-- last');
    expect((await compile(root)).partialParse.reused).toBe(true);
  });

  it('reads a state another writer replaced from disk, not the one this process remembers', async () => {
    const root = writeProject(PROJECT);
    await compile(root);
    appendFileSync(join(root, 'models/marts/dim_customers.sql'), '\n-- one');
    // This re-compile wrote the header, and the process remembers it (a watch reuses it).
    expect((await compile(root)).partialParse.reused).toBe(true);
    const stateFile = join(root, 'target', PARTIAL_PARSE_FILE);
    const text = readFileSync(stateFile, 'utf8');
    const foreign = text.replace('"version":1,', '"version":9,');
    expect(foreign.length).toBe(text.length);
    // Rewritten in place: same inode, same size, only its mtime tells it changed.
    await new Promise((resolve) => setTimeout(resolve, 5));
    writeFileSync(stateFile, foreign);
    appendFileSync(join(root, 'models/marts/dim_customers.sql'), '\n-- two');
    expect((await compile(root)).partialParse).toEqual({ reused: false, reason: 'no saved state' });
  });

  it('falls back when manifest.json is not the one the state describes', async () => {
    const root = writeProject(PROJECT);
    await compile(root);
    appendFileSync(join(root, 'target', 'manifest.json'), ' ');
    const result = await compile(root);
    expect(result.partialParse).toEqual({ reused: false, reason: 'target/manifest.json is not the one the state describes' });
    expect(() => JSON.parse(readFileSync(join(root, 'target', 'manifest.json'), 'utf8'))).not.toThrow();
  });

  it('leaves the last good artifacts and state when a re-compile fails', async () => {
    const root = writeProject(PROJECT);
    await compile(root);
    const before = { manifest: readFileSync(join(root, 'target', 'manifest.json')), state: readFileSync(join(root, 'target', PARTIAL_PARSE_FILE)), records: readFileSync(join(root, 'target', 'partial_parse.records')), stat: statSync(join(root, 'target', 'manifest.json')).mtimeMs };
    writeFileSync(join(root, 'models/marts/dim_customers.sql'), "select * from {{ ref('no_such_model') }}");
    await expect(compile(root)).rejects.toThrow(/no_such_model/);
    expect(readFileSync(join(root, 'target', 'manifest.json')).equals(before.manifest)).toBe(true);
    expect(readFileSync(join(root, 'target', PARTIAL_PARSE_FILE)).equals(before.state)).toBe(true);
    expect(readFileSync(join(root, 'target', 'partial_parse.records')).equals(before.records)).toBe(true);
    expect(statSync(join(root, 'target', 'manifest.json')).mtimeMs).toBe(before.stat);
    // Fixed again: the state still describes the artifacts on disk, so the re-compile is partial.
    writeFileSync(join(root, 'models/marts/dim_customers.sql'), PROJECT['models/marts/dim_customers.sql']! + ' where c.id > 0');
    expect((await compile(root)).partialParse.reused).toBe(true);
  });
});
