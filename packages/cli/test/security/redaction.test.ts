import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REDACTED } from '@strata/core';
import { runCli } from '../../src/index.js';
import { writeProject } from '../helpers.js';

/**
 * Secrets never leave the process: a build whose target reads a password from the environment,
 * whose on-run-start hook and one model render a `STRATA_ENV_SECRET_` variable, whose failing
 * model puts that secret into the warehouse's error message, and whose `--vars` carry an API
 * token; then `docs generate`. Every file under target/ (artifacts, compiled SQL, the docs site)
 * and every line printed, text and JSON, is searched for each secret: none is there, and the
 * places that would have held one say `*****` instead.
 */
const SECRETS = {
  STRATA_TEST_WAREHOUSE_PASSWORD: 'pw-Kx81!qQ"z\\9',
  STRATA_ENV_SECRET_S3_KEY: 'sk-live-5b2c9d0e7f',
};
const API_TOKEN = 'tok-9f8e7d6c5b4a';
Object.assign(process.env, SECRETS);
afterAll(() => {
  for (const name of Object.keys(SECRETS)) delete process.env[name];
});

/** Every file under a folder with its text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

async function run(args: string[], cwd: string): Promise<string> {
  const lines: string[] = [];
  const code = await runCli(args, { cwd, out: (l) => lines.push(l), err: (l) => lines.push(l), env: process.env });
  return `exit ${code}\n${lines.join('\n')}`;
}

describe('secrets stay out of logs, errors, target/ and the docs site', () => {
  it('scrubs target passwords, STRATA_ENV_SECRET_ values and secret --vars everywhere', async () => {
    const { root } = writeProject(
      {
        'models/marts/uses_key.sql': "select 1 as id, '{{ env_var('STRATA_ENV_SECRET_S3_KEY') }}' <> '' as has_key, '{{ var('api_token', 'none') }}' <> '' as has_token",
        'models/marts/leaks_in_error.sql': "select cast('{{ env_var('STRATA_ENV_SECRET_S3_KEY') }}' as integer) as n",
      },
      `\n  onRunStart: "create or replace temp table s3_login as select '{{ env_var('STRATA_ENV_SECRET_S3_KEY') }}' as k",`,
    );
    // The dev target also reads a password from the environment (as a Postgres or BigQuery one would).
    const config = join(root, 'strata.config.ts');
    const text = readFileSync(config, 'utf8').replace("adapter: 'duckdb',", "adapter: 'duckdb', password: { env: 'STRATA_TEST_WAREHOUSE_PASSWORD' },");
    writeFileSync(config, text);

    const vars = JSON.stringify({ api_token: API_TOKEN });
    const printed = [
      await run(['build', '--project', root, '--vars', vars], root),
      await run(['--log-format', 'json', '--debug', 'build', '--project', root, '--vars', vars], root),
      await run(['docs', 'generate', '--project', root, '--no-introspect'], root),
      await run(['compile', '--project', root, '--vars', vars], root),
    ].join('\n');
    expect(printed).toContain('exit 1'); // leaks_in_error failed, as it should
    expect(printed).toContain(`Conversion Error: Could not convert string '${REDACTED}' to INT32`);

    const files = filesUnder(join(root, 'target'));
    expect(files.some((f) => f.path.endsWith('run_results.json'))).toBe(true);
    expect(files.some((f) => f.path.includes('/docs/'))).toBe(true);
    for (const secret of [...Object.values(SECRETS), API_TOKEN, JSON.stringify(SECRETS.STRATA_TEST_WAREHOUSE_PASSWORD).slice(1, -1)]) {
      expect(printed).not.toContain(secret);
      expect(files.filter((f) => f.text.includes(secret)).map((f) => f.path)).toEqual([]);
    }
    // Where a secret was rendered, the artifact says so instead of dropping the text.
    const compiled = readFileSync(join(root, 'target/compiled/shop/models/marts/uses_key.sql'), 'utf8');
    expect(compiled).toBe(`select 1 as id, '${REDACTED}' <> '' as has_key, '${REDACTED}' <> '' as has_token\n`);
    const results = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8')) as { args: { vars: Record<string, string> } };
    expect(results.args.vars).toEqual({ api_token: REDACTED });
  }, 60_000);
});
