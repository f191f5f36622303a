import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDuckDbSettings, withDuckDbSettings, type BenchDuckDbSettings } from './duckdb-settings.js';

/** Rows of each domain's largest raw table at datagen scale 1 (its committed seeds). */
export const LARGEST_AT_SCALE_1: Record<string, number> = {
  banking: 3_658,
  ecommerce: 3_023,
  healthcare: 1_879,
  logistics: 1_505,
  streaming: 4_276,
};

type Generator = (outDir: string, scale: number) => Promise<unknown>;

/** Each domain's generator, called the way its package exports it. */
async function generatorOf(domain: string): Promise<Generator> {
  const mod = (await import(`@strata-domains/${domain}/datagen`)) as Record<string, (...args: never[]) => Promise<unknown>>;
  const name = `generate${domain[0]!.toUpperCase()}${domain.slice(1)}`;
  const fn = mod[name] as unknown as (...args: unknown[]) => Promise<unknown>;
  if (domain === 'logistics' || domain === 'streaming') return (outDir, scale) => fn(outDir, { scale, seed: 42 });
  return (outDir, scale) => fn({ outDir, scale, seed: 42 });
}

/**
 * Makes `base` a workspace of its own: a project copy's default DuckDB target
 * (`.strata/warehouse.duckdb` at the workspace root) then lands in `base`, not in the real one.
 * @example ownWorkspace(join(workDir, 'incremental-1000000'))
 */
export function ownWorkspace(base: string): void {
  mkdirSync(base, { recursive: true });
  writeFileSync(join(base, 'pnpm-workspace.yaml'), 'packages: []\n');
}

/**
 * Copies a domain project's sources (not its seeds) into `dir`, fresh each time so the copy
 * builds what the domain holds now, with its DuckDB `dev` target carrying `settings`.
 * @example copyDomainProject(root, 'streaming', join(base, 'streaming'), benchDuckDbSettings(rows))
 */
export function copyDomainProject(workspaceRoot: string, domain: string, dir: string, settings: BenchDuckDbSettings): void {
  const source = join(workspaceRoot, 'domains', domain);
  mkdirSync(dir, { recursive: true });
  for (const entry of ['models', 'macros', 'tests', 'snapshots']) {
    rmSync(join(dir, entry), { recursive: true, force: true });
    if (existsSync(join(source, entry))) cpSync(join(source, entry), join(dir, entry), { recursive: true });
  }
  writeFileSync(join(dir, 'strata.config.ts'), withDuckDbSettings(readFileSync(join(source, 'strata.config.ts'), 'utf8'), settings));
}

/**
 * A copy of every domain project under `workDir/data-<rows>/`, with seeds regenerated so that
 * each domain's largest raw table has about `rows` rows (generated once and reused; the project
 * files are copied afresh every time), built with the benchmark's DuckDB settings.
 */
export async function prepareDomainsAtScale(workspaceRoot: string, workDir: string, rows: number, settings = benchDuckDbSettings(rows)): Promise<string[]> {
  const base = join(workDir, `data-${rows}`);
  ownWorkspace(base);
  const domains = readdirSync(join(workspaceRoot, 'domains')).filter((d) => d in LARGEST_AT_SCALE_1).sort();
  const dirs: string[] = [];
  for (const domain of domains) {
    const dir = join(base, domain);
    dirs.push(dir);
    if (!existsSync(join(dir, '.generated'))) {
      rmSync(dir, { recursive: true, force: true });
      // The committed seeds first: reference tables the generator does not write stay as they are.
      cpSync(join(workspaceRoot, 'domains', domain, 'seeds'), join(dir, 'seeds'), { recursive: true });
      await (await generatorOf(domain))(join(dir, 'seeds'), rows / LARGEST_AT_SCALE_1[domain]!);
      writeFileSync(join(dir, '.generated'), `${rows}\n`);
    }
    copyDomainProject(workspaceRoot, domain, dir, settings);
  }
  return dirs;
}
