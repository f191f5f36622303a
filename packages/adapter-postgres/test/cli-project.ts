import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// The CLI's own source: the CLI depends on this package, so it cannot be a dependency of our
// tests; vitest.config.ts points its `@strata/adapter-postgres` import back at our source.
import { runCli } from '../../cli/src/cli.js';

/**
 * Writes a project into a fresh temp folder; `target` is the dev target's TypeScript literal,
 * `extra` more config entries.
 */
export function writeProject(name: string, target: string, files: Record<string, string>, extra = ''): string {
  const root = mkdtempSync(join(tmpdir(), 'strata-pg-cli-'));
  const config = `export default {
  name: '${name}',
  models: { marts: { materialized: 'table', schema: 'marts' } },
  targets: { dev: ${target} },${extra}
};
`;
  for (const [path, text] of Object.entries({ 'strata.config.ts': config, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Runs the CLI in-process; output without colours. */
export async function strata(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  // eslint-disable-next-line no-control-regex
  const plain = (lines: string[]) => lines.join('\n').replace(/\x1b\[[0-9;]*m/g, '');
  return { code, out: plain(out), err: plain(err) };
}

/** Every file under a folder with its text (for "no secret in target/" checks). */
export function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** The PG* environment as a target literal for `strata.config.ts`, the password read from env. */
export const ENV_TARGET = `{
    adapter: 'postgres',
    host: { env: 'PGHOST', default: '127.0.0.1' },
    port: { env: 'PGPORT', default: 5432 },
    user: { env: 'PGUSER', default: 'strata' },
    database: { env: 'PGDATABASE', default: 'strata_test' },
    password: "{{ env_var('PGPASSWORD') }}",
  }`;
