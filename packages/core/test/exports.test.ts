import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { airflowDag, loadWorkspace, lookmlProject, manifestJson, projectTaskGraph, type Workspace } from '../src/index.js';
import { testDialect } from './helpers.js';

const ECOMMERCE = join(import.meta.dirname, '../../../domains/ecommerce');
const PARSER = join(import.meta.dirname, 'airflow_tasks.py');

const SHOP: Record<string, string> = {
  'strata.config.ts': `export default {
  name: 'shop',
  models: { staging: { materialized: 'view', schema: 'staging' }, intermediate: { materialized: 'ephemeral' }, marts: { materialized: 'table', schema: 'marts', airflow_pool: 'heavy', access: 'public' } },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders', 'customers'] } },
  exports: {
    airflow: { schedule: '0 4 * * *', retries: 3, retryDelayMinutes: 10, pool: 'warehouse', owner: 'data-team', target: 'prod', startDate: '2024-06-01' },
    lookml: { connection: 'analytics' },
  },
};
`,
  'seeds/orders.csv': 'order_id,customer_id,amount\n1,1,10\n',
  'seeds/country_codes.csv': 'code,name\nGB,United Kingdom\n',
  'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}",
  'models/staging/stg_customers.sql': "select * from {{ source('raw', 'customers') }}",
  'models/staging/schema.ts': `import { z } from 'zod';
export default {
  sources: { raw: { customers: { columns: z.object({ customer_id: z.number().int() }) } } },
  models: { stg_orders: { columns: z.object({ order_id: z.number().int().meta({ unique: true }), customer_id: z.number().int().meta({ references: { model: 'stg_customers', column: 'customer_id' } }) }) } },
};
`,
  'models/intermediate/int_joined.sql': "select * from {{ ref('stg_orders') }} join {{ ref('stg_customers') }} using (customer_id)",
  'models/marts/fct_orders.sql': "{{ config(airflow_retries=5) }}\nselect * from {{ ref('int_joined') }} join {{ ref('country_codes') }} on true",
  'models/marts/dim_customers.sql': "select * from {{ ref('stg_customers') }}",
  'models/marts/schema.ts': `import { z } from 'zod';
export default {
  models: {
    fct_orders: {
      description: 'One row per order, "enriched".',
      columns: z.object({
        order_id: z.number().int().meta({ unique: true, description: 'Order number' }),
        customer_id: z.number().int().meta({ references: { model: 'dim_customers', column: 'customer_id' } }),
        ordered_at: z.iso.datetime().meta({ description: 'When it was placed' }),
        order_date: z.iso.date(),
        amount: z.number().min(0).meta({ description: 'Value in EUR' }),
        is_gift: z.boolean(),
      }),
    },
    dim_customers: { columns: z.object({ customer_id: z.number().int().meta({ unique: true }), name: z.string().nullable().meta({ pii: true }) }) },
  },
};
`,
};

const FINANCE: Record<string, string> = {
  'strata.config.ts': "export default { name: 'finance', models: { marts: { materialized: 'table', schema: 'marts' } } };\n",
  'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('shop', 'fct_orders') }}",
};

/** A workspace folder with domains/shop and domains/finance. */
function writeWorkspace(): { root: string; shop: string; finance: string } {
  const root = mkdtempSync(join(tmpdir(), 'strata-exports-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - domains/*\n");
  for (const [project, files] of [['shop', SHOP], ['finance', FINANCE]] as const) {
    for (const [path, text] of Object.entries(files)) {
      const file = join(root, 'domains', project, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  return { root, shop: join(root, 'domains/shop'), finance: join(root, 'domains/finance') };
}

interface ParsedDag {
  tasks: Record<string, { operator: string; task_id: string; bash_command?: string; pool?: string; retries?: number; external_dag_id?: string; external_task_id?: string }>;
  edges: Array<[string, string]>;
  dag: Record<string, string> & { default_args: Record<string, string> };
}

/** Writes the DAG file, byte-compiles it with python3 and reads its tasks and edges with python's ast. */
function compileAndParse(source: string): ParsedDag {
  const file = join(mkdtempSync(join(tmpdir(), 'strata-dag-')), 'dag.py');
  writeFileSync(file, source);
  execFileSync('python3', ['-m', 'py_compile', file]);
  return JSON.parse(execFileSync('python3', [PARSER, file], { encoding: 'utf8' })) as ParsedDag;
}

function options(ws: Workspace) {
  return {
    workspaceRoot: ws.workspaceRoot,
    projectRoots: new Map(ws.projects.map((p) => [p.config.name, p.root])),
    settings: new Map(ws.projects.map((p) => [p.config.name, p.config.exports?.airflow])),
  };
}

describe('strata export airflow', () => {
  it('writes a DAG whose tasks and edges follow the manifest through ephemeral models and sources', async () => {
    const { shop, finance } = writeWorkspace();
    const ws = await loadWorkspace({ projects: [shop, finance] });
    const parsed = compileAndParse(airflowDag(ws.dag, 'shop', options(ws)));
    expect(Object.keys(parsed.tasks).sort()).toEqual(['country_codes', 'dim_customers', 'fct_orders', 'orders', 'source__raw__customers', 'stg_customers', 'stg_orders', 'tests__fct_orders', 'tests__stg_orders']);
    // Worked out by hand from the refs above: int_joined is ephemeral (no task, its parents feed
    // fct_orders); the orders seed fills raw.orders; raw.customers has a test, so its own task; the
    // relationships tests read two models, so they run after both.
    expect(parsed.edges).toEqual([
      ['country_codes', 'fct_orders'],
      ['dim_customers', 'tests__fct_orders'],
      ['fct_orders', 'tests__fct_orders'],
      ['orders', 'stg_orders'],
      ['source__raw__customers', 'stg_customers'],
      ['stg_customers', 'dim_customers'],
      ['stg_customers', 'fct_orders'],
      ['stg_customers', 'tests__stg_orders'],
      ['stg_orders', 'fct_orders'],
      ['stg_orders', 'tests__stg_orders'],
    ]);
    // ast.unparse of the call: the select string in Python's own quoting.
    const command = (select: string) => `strata('${select}')`;
    expect(parsed.tasks.stg_orders!.bash_command).toBe(command('stg_orders'));
    expect(parsed.tasks.orders!.bash_command).toBe(command('orders source:raw.orders'));
    expect(parsed.tasks.source__raw__customers!.bash_command).toBe(command('source:raw.customers'));
    expect(parsed.tasks.tests__stg_orders!.bash_command).toBe(command('relationships_stg_orders_customer_id__stg_customers_customer_id'));
    // Pool and retries: the project's defaults, the marts folder's pool, fct_orders' own retries.
    expect(parsed.dag.default_args).toEqual({ owner: "'data-team'", retries: '3', retry_delay: 'timedelta(minutes=10)', pool: "'warehouse'" });
    expect(parsed.tasks.fct_orders).toMatchObject({ pool: 'heavy', retries: 5 });
    expect(parsed.tasks.dim_customers).toMatchObject({ pool: 'heavy' });
    expect(parsed.tasks.dim_customers!.retries).toBeUndefined();
    expect(parsed.tasks.stg_orders!.pool).toBeUndefined();
    expect(parsed.dag).toMatchObject({ dag_id: "'strata_shop'", schedule: "'0 4 * * *'", start_date: 'datetime(2024, 6, 1)', catchup: 'False' });
    const source = airflowDag(ws.dag, 'shop', options(ws));
    expect(source).toContain('PROJECTS = "--project domains/shop"');
    expect(source).toContain('TARGET = " --target prod"');
    expect(source).toContain('return f"cd {STRATA_WORKSPACE} && {STRATA} build {PROJECTS}{TARGET} --select {select}"');
  });

  it("waits for another project's task with a sensor and loads both projects", async () => {
    const { shop, finance } = writeWorkspace();
    const ws = await loadWorkspace({ projects: [shop, finance] });
    const source = airflowDag(ws.dag, 'finance', options(ws));
    const parsed = compileAndParse(source);
    expect(parsed.tasks.wait__shop__fct_orders).toMatchObject({ operator: 'ExternalTaskSensor', external_dag_id: 'strata_shop', external_task_id: 'fct_orders' });
    expect(parsed.edges).toEqual([['wait__shop__fct_orders', 'revenue']]);
    expect(source).toContain('PROJECTS = "--project domains/finance --project domains/shop"');
    expect(parsed.dag).toMatchObject({ schedule: "'@daily'" });
  });

  it("matches the ecommerce domain's manifest edges", async () => {
    const ws = await loadWorkspace({ projects: [ECOMMERCE] });
    const parsed = compileAndParse(airflowDag(ws.dag, 'ecommerce', options(ws)));
    // Independently of the exporter: walk manifest.json's parent_map from each buildable node up to
    // the nearest buildable nodes (a source stands for the seed that fills it, if any).
    const manifest = manifestJson(ws.dag, ws.dag.manifest.projects.get('ecommerce')!, 'test') as { nodes: Record<string, { resource_type: string; name: string; config: { materialized: string } }>; parent_map: Record<string, string[]> };
    const buildable = (id: string) => ['seed', 'model', 'snapshot'].includes(manifest.nodes[id]?.resource_type ?? '') && manifest.nodes[id]!.config.materialized !== 'ephemeral';
    const nearest = (id: string): string[] => (buildable(id) ? [manifest.nodes[id]!.name] : (manifest.parent_map[id] ?? []).flatMap(nearest));
    const expected = new Set<string>();
    for (const id of Object.keys(manifest.nodes).filter(buildable)) for (const parent of manifest.parent_map[id] ?? []) for (const from of nearest(parent)) expected.add(`${from} -> ${manifest.nodes[id]!.name}`);
    const modelEdges = parsed.edges.filter(([, to]) => !to.startsWith('tests__')).map(([a, b]) => `${a} -> ${b}`);
    expect(new Set(modelEdges)).toEqual(expected);
    expect(modelEdges.length).toBe(expected.size);
    // Every buildable node has its task; tests that read several models wait for all of them.
    expect(Object.keys(parsed.tasks).filter((t) => !t.startsWith('tests__') && !t.startsWith('source__')).sort()).toEqual(Object.keys(manifest.nodes).filter(buildable).map((id) => manifest.nodes[id]!.name).sort());
    for (const task of projectTaskGraph(ws.dag, 'ecommerce').tasks.filter((t) => t.kind === 'tests')) {
      const parents = new Set(task.nodeIds.flatMap((id) => manifest.parent_map[id]!.flatMap(nearest)));
      expect(new Set(parsed.edges.filter(([, to]) => to === task.id).map(([from]) => from))).toEqual(parents);
    }
  });
});

describe('strata export lookml', () => {
  it("writes a view per public mart of the ecommerce domain from its zod schemas", async () => {
    const ws = await loadWorkspace({ projects: [ECOMMERCE] });
    const files = lookmlProject(ws.dag, 'ecommerce', { dialect: testDialect });
    expect([...files.keys()].sort()).toEqual(['ecommerce/ecommerce.model.lkml', 'ecommerce/views/dim_customers.view.lkml', 'ecommerce/views/fct_orders.view.lkml']);
    const view = files.get('ecommerce/views/dim_customers.view.lkml')!;
    expect(view).toContain('view: dim_customers {\n  sql_table_name: "ecommerce_marts"."dim_customers" ;;\n  description: "One row per customer, including customers who never ordered."');
    // One field per schema column: zod int/number → number, string → string, date → a time dimension group.
    const fields = [...view.matchAll(/^ {2}(dimension|dimension_group): (\w+) \{\n((?: {4}.*\n)*?) {2}\}/gm)].map((m) => [m[2], /type: (\w+)/.exec(m[3]!)![1], /sql: (.*) ;;/.exec(m[3]!)![1]]);
    expect(fields).toEqual([
      ['customer_id', 'number', '${TABLE}."customer_id"'],
      ['first_name', 'string', '${TABLE}."first_name"'],
      ['last_name', 'string', '${TABLE}."last_name"'],
      ['email', 'string', '${TABLE}."email"'],
      ['country_code', 'string', '${TABLE}."country_code"'],
      ['country_name', 'string', '${TABLE}."country_name"'],
      ['first_order', 'time', '${TABLE}."first_order_at"'],
      ['last_order', 'time', '${TABLE}."last_order_at"'],
      ['order_count', 'number', '${TABLE}."order_count"'],
      ['lifetime_value', 'number', '${TABLE}."lifetime_value"'],
    ]);
    expect(view).toContain('  dimension: customer_id {\n    primary_key: yes\n    type: number\n    sql: ${TABLE}."customer_id" ;;\n    description: "Customer number"\n  }');
    expect(view).toContain('  measure: total_lifetime_value {\n    type: sum\n    sql: ${lifetime_value} ;;\n    value_format_name: decimal_2\n  }');
    expect(view).toContain('  measure: count {\n    type: count\n    drill_fields: [customer_id, first_name, last_name, email, country_code]\n  }');
    expect(view).not.toContain('total_customer_id');
    const facts = files.get('ecommerce/views/fct_orders.view.lkml')!;
    expect(facts).toContain('  dimension_group: order {\n    type: time\n    timeframes: [raw, date, week, month, quarter, year]\n    datatype: date\n    convert_tz: no\n    sql: ${TABLE}."order_date" ;;');
    const model = files.get('ecommerce/ecommerce.model.lkml')!;
    expect(model).toContain('connection: "ecommerce"\n\ninclude: "/views/*.view.lkml"');
    expect([...model.matchAll(/^explore: (\w+)/gm)].map((m) => m[1]).sort()).toEqual(['dim_customers', 'fct_orders']);
  });

  it('joins public marts along their references and marks PII', async () => {
    const { shop } = writeWorkspace();
    const ws = await loadWorkspace({ projects: [shop] });
    const files = lookmlProject(ws.dag, 'shop', { dialect: testDialect, settings: ws.projects[0]!.config.exports?.lookml });
    const model = files.get('shop/shop.model.lkml')!;
    expect(model).toContain('connection: "analytics"');
    expect(model).toContain('explore: fct_orders {\n  description: "One row per order, \\"enriched\\"."\n  join: dim_customers {\n    type: left_outer\n    relationship: many_to_one\n    sql_on: ${fct_orders.customer_id} = ${dim_customers.customer_id} ;;\n  }\n}');
    const facts = files.get('shop/views/fct_orders.view.lkml')!;
    expect(facts).toContain('  dimension: is_gift {\n    type: yesno');
    expect(facts).toContain('  dimension_group: ordered {\n    type: time\n    timeframes: [raw, time, date, week, month, quarter, year]\n    sql: ${TABLE}."ordered_at" ;;\n    description: "When it was placed"\n  }');
    expect(files.get('shop/views/dim_customers.view.lkml')).toContain('  dimension: name {\n    type: string\n    sql: ${TABLE}."name" ;;\n    tags: ["pii"]\n  }');
    expect(readFileSync(join(shop, 'strata.config.ts'), 'utf8')).toContain("lookml: { connection: 'analytics' }");
  });
});
