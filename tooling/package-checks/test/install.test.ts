/**
 * The published artifact works on its own: the packed ecommerce domain and the packed engine
 * packages are installed with npm into a folder outside the workspace (third-party dependencies
 * come from the registry, ours only from the tarballs), and `strata build` runs there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishablePackages, workspaceRoot } from '../src/index.js';

const tarballs = inject('tarballs');
const ENGINE = publishablePackages().filter((p) => !p.domain).map((p) => p.name);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-install-'));
  const ours = Object.fromEntries([...ENGINE, '@strata-domains/ecommerce'].map((name) => [name, `file:${tarballs[name]}`]));
  // `overrides` makes every dependency on one of our packages (the CLI's on core, …) take the
  // tarball too, so nothing of ours is looked up in the registry.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'install-check', private: true, type: 'module', dependencies: ours, overrides: ours }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 280_000 });
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed ecommerce domain, installed outside the workspace', () => {
  it('installs our packages from the tarballs only', () => {
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; version?: string }> };
    const ours = Object.entries(lock.packages).filter(([path]) => /node_modules\/@strata(-domains)?\//.test(path));
    expect(ours.map(([path]) => path.replace(/^.*node_modules\//, '')).sort()).toEqual([...ENGINE, '@strata-domains/ecommerce'].sort());
    for (const [, entry] of ours) expect(entry.resolved).toMatch(/^file:/);
    expect(dir.startsWith(workspaceRoot)).toBe(false);
  });

  it('runs `strata build` on the installed project', async () => {
    const project = join(dir, 'node_modules/@strata-domains/ecommerce');
    const run = spawnSync(process.execPath, [join(dir, 'node_modules/@strata/cli/dist/bin.js'), 'build', '--project', project], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Done\. \d+ ok, \d+ warned, 0 failed, 0 skipped/);
    // Outside a workspace the warehouse is the project's own .strata/warehouse.duckdb.
    const count = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         const db = await DuckDBInstance.create(${JSON.stringify(join(project, '.strata/warehouse.duckdb'))}, { access_mode: 'READ_ONLY' });
         const c = await db.connect();
         const r = await c.runAndReadAll('select count(*) as n from ecommerce_marts.dim_customers');
         console.log(String(r.getRows()[0][0]));`,
      ],
      { cwd: project, encoding: 'utf8' },
    );
    // dim_customers has one row per customer of the seed, ordered or not.
    const seedCustomers = new Set(readFileSync(join(project, 'seeds/customers.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]));
    expect(count.stderr).toBe('');
    expect(Number(count.stdout.trim())).toBe(seedCustomers.size);
  });

  it('exports the project, its schemas and its relations from the installed package', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('@strata-domains/ecommerce'); console.log(JSON.stringify({ keys: Object.keys(m).sort(), name: m.project.name, relations: m.ecommerceRelations }))"], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      keys: ['dimCustomersSchema', 'ecommerceRelations', 'fctOrdersSchema', 'martRelations', 'martSchemas', 'project', 'projectDir'],
      name: 'ecommerce',
      relations: { dim_customers: 'ecommerce_marts.dim_customers', fct_orders: 'ecommerce_marts.fct_orders' },
    });
  });
});
