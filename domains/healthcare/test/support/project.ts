/**
 * Helpers shared by the healthcare tests: where the project is, scratch copies of it with fixture
 * seeds or extra models, builds into a throwaway warehouse, and the patient key computed in plain
 * TypeScript (independent of the SQL macro).
 */
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemporaryWarehouse } from '@strata/testkit';

export const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedsDir = join(projectDir, 'seeds');
export const fixturesDir = join(projectDir, 'test', 'fixtures');
/** The salt tests build with (a test of its own covers the development fallback). */
export const TEST_SALT = 'test-salt-7f3a9c2e51d04b68';

/** md5(salt + '|' + MRN number): what macros/pii.sql's patient_key must produce. */
export function patientKeyOf(mrn: number, salt = TEST_SALT): string {
  return createHash('md5').update(`${salt}|${mrn}`).digest('hex');
}

/**
 * A copy of the project under `.strata/scratch/` (inside the package, so `zod` and `@strata/core`
 * still resolve from its node_modules). `seeds` replaces seed files by name; `files` adds or
 * replaces any file by project-relative path. Returns the folder and a cleanup function.
 */
export function scratchProject(options: { seeds?: Record<string, string>; files?: Record<string, string> } = {}): { dir: string; remove: () => void } {
  const dir = join(projectDir, '.strata', 'scratch', randomUUID());
  mkdirSync(dir, { recursive: true });
  for (const entry of ['strata.config.ts', 'models', 'seeds', 'tests', 'macros']) cpSync(join(projectDir, entry), join(dir, entry), { recursive: true });
  for (const [name, text] of Object.entries(options.seeds ?? {})) writeFileSync(join(dir, 'seeds', `${name}.csv`), text);
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Builds a project into a new temporary warehouse with the test salt (plus `vars`). */
export async function buildInto(dir: string, vars: Record<string, unknown> = {}) {
  const warehouse = new TemporaryWarehouse();
  const summary = await warehouse.run([dir], 'build', { vars: { patient_salt: TEST_SALT, ...vars } });
  return { warehouse, summary };
}

/** Node statuses that are not success or pass, as `name: status message` lines (empty when all is well). */
export function problems(summary: { results: Array<{ name: string; status: string; message?: string }> }): string[] {
  return summary.results.filter((r) => r.status !== 'success' && r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.message ?? ''}`);
}
