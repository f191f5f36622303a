import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../src/index.js';

/** A project in a temp folder whose dev target is a DuckDB file inside that folder. */
export function writeProject(files: Record<string, string>, extraConfig = ''): { root: string; warehouse: string } {
  const root = mkdtempSync(join(tmpdir(), 'strata-cli-'));
  const warehouse = join(root, 'warehouse.duckdb');
  const config = `export default {
  name: 'shop',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts' } },
  seeds: { schema: 'raw' },
  sources: { raw: { tables: ['orders'] } },
  targets: { dev: { adapter: 'duckdb', path: ${JSON.stringify(warehouse)} } },${extraConfig}
};
`;
  for (const [path, text] of Object.entries({ 'strata.config.ts': config, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, warehouse };
}

/** Runs the CLI in-process and captures its output. */
export async function strata(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  // eslint-disable-next-line no-control-regex
  const plain = (lines: string[]) => lines.join('\n').replace(/\x1b\[[0-9;]*m/g, '');
  return { code, out: plain(out), err: plain(err) };
}
