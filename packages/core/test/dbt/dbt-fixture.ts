import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Folder of the dbt-format fixture projects (also used by the CLI's warehouse tests). */
export const DBT_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'dbt');

/** Copies a dbt fixture project into a fresh temporary folder (without its profiles.yml when asked). */
export function copyDbtFixture(name: string, options: { profiles?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), `strata-dbt-${name}-`));
  cpSync(join(DBT_FIXTURES, name), root, { recursive: true });
  if (options.profiles === false) rmSync(join(root, 'profiles.yml'), { force: true });
  return root;
}

/** Writes a dbt project from a map of path → text into a fresh temporary folder. */
export function writeDbtProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'strata-dbt-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
