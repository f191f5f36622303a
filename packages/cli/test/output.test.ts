import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { LiveProgress } from '../src/output/live-progress.js';
import { strata, writeProject } from './helpers.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const FILES = {
  'seeds/orders.csv': 'order_id,amount,status\n1,10,completed\n2,20,cancelled\n3,30,completed\n',
  'models/staging/stg_orders.sql': "select order_id, amount, status from {{ source('raw', 'orders') }}",
  'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }} where status = 'completed'",
  'models/marts/by_status.sql': "select status, count(*) as n from {{ ref('stg_orders') }} group by status",
};

describe('--log-format json', () => {
  it('prints one JSON event per line: run start, each node started and finished with status, timing and rows, and a summary', async () => {
    const { root } = writeProject(FILES);
    const result = await strata(['build', '--project', root, '--log-format', 'json'], root);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const events = result.out.split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(events.map((e) => e.event)).toEqual(['run_started', ...events.slice(1, -2).map((e) => e.event), 'run_finished', 'run_summary']);
    expect(events[0]).toMatchObject({ event: 'run_started', total: 4, threads: 4, adapter: 'duckdb', target: 'dev' });
    const finished = events.filter((e) => e.event === 'node_finished');
    expect(finished.map((e) => [e.unique_id, e.status, e.rows_affected]).sort()).toEqual([
      ['model.shop.by_status', 'success', 2],
      ['model.shop.revenue', 'success', 1],
      ['model.shop.stg_orders', 'success', 0],
      ['seed.shop.orders', 'success', 3],
    ]);
    expect(events.filter((e) => e.event === 'node_started').map((e) => e.unique_id).sort()).toEqual(finished.map((e) => e.unique_id).sort());
    for (const e of finished) {
      expect(typeof e.execution_time).toBe('number');
      expect(Date.parse(e.completed_at)).toBeGreaterThanOrEqual(Date.parse(e.started_at));
      expect(Number.isNaN(Date.parse(e.ts))).toBe(false);
    }
    expect(events.at(-1)).toMatchObject({ event: 'run_summary', success: true, total: 4, ok: 4, failed: 0, projects: [{ project: 'shop', models: 3, rows: 6 }] });
  });

  it('reports a parse error as an error event with file, line and hint', async () => {
    const { root } = writeProject({ ...FILES, 'models/marts/by_status.sql': "select status\nfrom {{ ref('stg_order') }}" });
    const result = await strata(['run', '--project', root, '--log-format=json'], root);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toMatchObject({ event: 'error', code: 'E_UNKNOWN_REF', file: join(root, 'models/marts/by_status.sql'), line: 2, hint: "did you mean 'stg_orders'?" });
  });
});

describe('--quiet and --debug', () => {
  it('--quiet prints nothing when all is well, and only the problems when not', async () => {
    const { root } = writeProject(FILES);
    expect(await strata(['build', '--project', root, '--quiet'], root)).toEqual({ code: 0, out: '', err: '' });
    writeFileSync(join(root, 'models/marts/revenue.sql'), "select sum(amount) as revenue from {{ ref('stg_orders') }} where statuz = 'completed'");
    const failed = await strata(['build', '--project', root, '-q'], root);
    expect(failed.code).toBe(1);
    const lines = failed.out.split('\n');
    expect(lines[0]).toMatch(/^error shop\.revenue: E_WAREHOUSE Binder Error: Referenced column "statuz" not found/);
    expect(failed.out).toContain('compiled SQL: target/compiled/shop/models/marts/revenue.sql');
    expect(failed.out).not.toContain(' of 4 ');
    expect(failed.out).not.toContain('Finished in');
  });

  it('--debug adds node starts, compiled SQL paths and the failing SQL', async () => {
    const { root } = writeProject({ ...FILES, 'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }} where statuz = 'completed'" });
    const result = await strata(['build', '--project', root, '--debug'], root);
    expect(result.code).toBe(1);
    expect(result.out).toContain('  start model revenue');
    expect(result.out).toContain('      compiled SQL: target/compiled/shop/models/marts/by_status.sql');
    expect(result.out).toMatch(/\| select sum\(amount\) as revenue from "shop_staging"."stg_orders" where statuz = 'completed'/);
  });

  it('ends a failing run with a per-project table (rows, time) and each failure with its compiled SQL path', async () => {
    const { root } = writeProject({ ...FILES, 'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }} where statuz = 'completed'" });
    const result = await strata(['build', '--project', root], root);
    expect(result.code).toBe(1);
    const header = result.out.split('\n').find((l) => l.startsWith('project'))!;
    expect(header.split(/\s+/)).toEqual(['project', 'models', 'seeds', 'tests', 'passed', 'warned', 'failed', 'errors', 'skipped', 'rows', 'time']);
    const row = result.out.split('\n').find((l) => l.startsWith('shop '))!.split(/\s+/);
    // stg_orders and by_status built, revenue failed: 3 models, 1 seed, 1 error; rows 3 (seed) + 0 (view) + 2 (by_status).
    expect(row.slice(0, 10)).toEqual(['shop', '3', '1', '0', '0', '0', '0', '1', '0', '5']);
    expect(row[10]).toMatch(/^\d+\.\d\ds$/);
    expect(result.out).toContain('Problems:\nerror shop.revenue: E_WAREHOUSE Binder Error');
    // The warehouse's LINE of the failing statement, mapped back to the model's own (one) line.
    expect(result.out).toContain('      at models/marts/revenue.sql:1\n      compiled SQL: target/compiled/shop/models/marts/revenue.sql');
  });
});

describe('did-you-mean', () => {
  it('suggests the closest command and option', async () => {
    const command = await strata(['biuld'], process.cwd());
    expect(command.code).toBe(2);
    expect(command.err).toBe("error: unknown command 'biuld'\n(Did you mean build?)");
    const option = await strata(['build', '--selct', 'x'], process.cwd());
    expect(option.err).toBe("error: unknown option '--selct'\n(Did you mean --select?)");
    const sub = await strata(['docs', 'genrate'], process.cwd());
    expect(sub.err).toBe("error: unknown command 'genrate'\n(Did you mean generate?)");
    const format = await strata(['build', '--log-format', 'jsn'], process.cwd());
    expect(format.err).toBe("error: option '--log-format <format>' argument 'jsn' is invalid. Allowed choices are text, json.");
  });
});

describe('live progress', () => {
  it('draws a status line with completed/total, running nodes and elapsed time', () => {
    let now = 1_000;
    const chunks: string[] = [];
    const live = new LiveProgress((c) => chunks.push(c), 120, () => now);
    live.start(5);
    now = 1_500;
    live.nodeStarted('model.a.stg_orders', 'stg_orders');
    live.nodeStarted('model.a.stg_customers', 'stg_customers');
    now = 2_500;
    expect(plain(live.statusLine())).toMatch(/^. ░{20} 0\/5 · 1\.5s · running stg_orders 1\.0s, stg_customers 1\.0s$/);
    live.nodeFinished('model.a.stg_orders', '1 of 5 OK model a.stg_orders', 1);
    expect(plain(live.statusLine())).toMatch(/^. █{4}░{16} 1\/5 · 1\.5s · running stg_customers 1\.0s$/);
    live.stop();
    // The finished line is printed on a cleared line, above a redrawn status line; stop clears it.
    const text = chunks.join('');
    expect(text).toContain('\r\x1b[2K1 of 5 OK model a.stg_orders\n\r\x1b[2K');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('redraws in place on a terminal and prints plain lines when CI is set', async () => {
    const { root } = writeProject(FILES);
    const run = async (env: Record<string, string>) => {
      const out: string[] = [];
      const raw: string[] = [];
      const code = await runCli(['build', '--project', root], { cwd: root, out: (l) => out.push(plain(l)), err: () => undefined, write: (c) => raw.push(c), isTTY: true, columns: 100, env });
      return { code, out, raw: raw.join('') };
    };
    const terminal = await run({});
    expect(terminal.code).toBe(0);
    expect(plain(terminal.raw)).toMatch(/\r\x1b\[2K. [█░]{20} \d\/4 · \d+\.\ds/);
    expect(plain(terminal.raw)).toMatch(/\r\x1b\[2K1 of 4 OK +seed shop\.orders/);
    expect(terminal.out.join('\n')).toContain('Done. 4 ok, 0 warned, 0 failed, 0 skipped, 4 total.');
    const ci = await run({ CI: 'true' });
    expect(ci.raw).toBe('');
    expect(ci.out.filter((l) => / of 4 /.test(l))).toHaveLength(4);
  });
});

describe('strata export and strata docs', () => {
  it('exports an Airflow DAG and LookML views', async () => {
    const { root } = writeProject(FILES);
    const out = mkdtempSync(join(tmpdir(), 'strata-export-'));
    const airflow = await strata(['export', 'airflow', '--project', root, '--out', join(out, 'dags')], root);
    expect(airflow.code).toBe(0);
    expect(airflow.out.split('\n')).toEqual([`Wrote 1 Airflow DAG file to ${join(out, 'dags')}:`, `  ${join(out, 'dags', 'strata_shop.py')}`]);
    expect(readFileSync(join(out, 'dags', 'strata_shop.py'), 'utf8')).toContain('    stg_orders >> revenue\n');
    const lookml = await strata(['export', 'lookml', '--project', root, '--out', join(out, 'lookml')], root);
    expect(lookml.code).toBe(0);
    // No schema declares access, so the marts folder is public: by_status and revenue.
    expect(existsSync(join(out, 'lookml/shop/views/revenue.view.lkml'))).toBe(true);
    expect(existsSync(join(out, 'lookml/shop/views/by_status.view.lkml'))).toBe(true);
    expect(existsSync(join(out, 'lookml/shop/views/stg_orders.view.lkml'))).toBe(false);
    const missing = await strata(['export', 'airflow', '--project', root], root);
    expect(missing.err).toBe("error: required option '-o, --out <dir>' not specified");
  });

  it('generates the docs site, says where to open it, and serves it on 127.0.0.1', async () => {
    const { root } = writeProject(FILES);
    expect((await strata(['build', '--project', root, '-q'], root)).code).toBe(0);
    const generated = await strata(['docs', 'generate', '--project', root], root);
    expect(generated.code).toBe(0);
    const index = join(root, 'target/docs/index.html');
    // seed orders → source raw.orders → stg_orders → revenue and by_status: 5 nodes, 4 edges.
    expect(generated.out.split('\n')).toEqual([
      `Docs written to ${join(root, 'target/docs')} (5 nodes, 4 edges, catalog read from the warehouse)`,
      `  open ${pathToFileURL(index).href}`,
      `  or serve them: strata docs serve --project ${root} (http://127.0.0.1:8580/)`,
    ]);
    expect(existsSync(join(root, 'target/catalog.json'))).toBe(true);

    const stop = new AbortController();
    const lines: string[] = [];
    const serving = runCli(['docs', 'serve', '--project', root, '--port', '0'], { cwd: root, out: (l) => lines.push(plain(l)), err: (l) => lines.push(plain(l)), signal: stop.signal });
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(lines[0] ?? '')?.[1];
    expect(url, lines.join('\n')).toBeDefined();
    const page = await fetch(url!);
    expect(await page.text()).toContain('<title>shop · Strata docs</title>');
    stop.abort();
    expect(await serving).toBe(0);
  });
});
