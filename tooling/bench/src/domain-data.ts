import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rows of each domain's largest raw table at datagen scale 1 (its committed seeds). */
const LARGEST_AT_SCALE_1: Record<string, number> = {
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
 * A copy of every domain project under `workDir/data-<rows>/`, with seeds regenerated so that
 * each domain's largest raw table has about `rows` rows. Generated once and reused.
 */
export async function prepareDomainsAtScale(workspaceRoot: string, workDir: string, rows: number): Promise<string[]> {
  const base = join(workDir, `data-${rows}`);
  mkdirSync(base, { recursive: true });
  // A workspace of its own: the copies' default DuckDB target lands here, not in the real one.
  writeFileSync(join(base, 'pnpm-workspace.yaml'), 'packages: []\n');
  const domains = readdirSync(join(workspaceRoot, 'domains')).filter((d) => d in LARGEST_AT_SCALE_1).sort();
  const dirs: string[] = [];
  for (const domain of domains) {
    const dir = join(base, domain);
    dirs.push(dir);
    if (existsSync(join(dir, '.generated'))) continue;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const source = join(workspaceRoot, 'domains', domain);
    for (const entry of ['strata.config.ts', 'models', 'macros', 'tests', 'snapshots', 'seeds']) {
      if (existsSync(join(source, entry))) cpSync(join(source, entry), join(dir, entry), { recursive: true });
    }
    const scale = rows / LARGEST_AT_SCALE_1[domain]!;
    await (await generatorOf(domain))(join(dir, 'seeds'), scale);
    cpSync(join(source, 'package.json'), join(dir, '.generated'));
  }
  return dirs;
}
