import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Credentials in examples come from the environment or a file, never from a literal: every
 * project config (domains/, examples/) and every README or changeset in the repository is
 * searched for a secret-named setting (`password`, `token`, `keyfile_json`, …) given a quoted
 * value other than `"{{ env_var('…') }}"`. `{ env: 'PGPASSWORD' }` passes, and so does a key
 * file's path (`keyFile: 'secrets/sa.json'`): the credential stays in the file.
 */
const ROOT = join(import.meta.dirname, '../../../..');
const SKIP = new Set(['node_modules', 'dist', '.work', '.git', 'target', '.strata', '.turbo', 'test', 'fixtures']);
const LITERAL = /\b(password|passwd|pass|secret|token|api_?key|private_?key|keyfile_?json|credentials?)\s*[:=]\s*(['"`])(?!\s*\{\{\s*env_var)([^'"`\n]*)\2/gi;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name === 'strata.config.ts' || entry.name.endsWith('.md')) yield path;
  }
}

describe('no literal credentials in examples', () => {
  it('every strata.config.ts and README reads secrets from the environment', () => {
    const checked: string[] = [];
    const literals: string[] = [];
    for (const file of files(ROOT)) {
      checked.push(relative(ROOT, file));
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(LITERAL)) {
        // An empty literal or a placeholder in prose ("password: '…'") is not a credential.
        if (m[3]!.trim() === '' || /^[.…]+$/.test(m[3]!.trim())) continue;
        literals.push(`${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
      }
    }
    expect(checked).toContain('domains/ecommerce/strata.config.ts');
    expect(checked.length).toBeGreaterThan(10);
    expect(literals).toEqual([]);
  });

  it('the pattern catches what it must, and lets env references through', () => {
    const found = (text: string) => [...text.matchAll(LITERAL)].map((m) => m[0]);
    expect(found("password: 'hunter2'")).toEqual(["password: 'hunter2'"]);
    expect(found('keyfile_json: "{private_key: x}", token = `abc`, keyFile: "secrets/sa.json"')).toEqual(['keyfile_json: "{private_key: x}"', 'token = `abc`']);
    expect(found("password: { env: 'PGPASSWORD' }, password: \"{{ env_var('PGPASSWORD') }}\"")).toEqual([]);
  });
});
