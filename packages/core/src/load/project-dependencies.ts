import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE } from './load-project.js';

/** The folder an installed package `name` resolves to from `from`, like Node's node_modules lookup. */
function installedPackage(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Strata projects a project depends on as npm packages (`"@strata-domains/ecommerce":
 * "workspace:^"` in its package.json `dependencies`), transitively, as real folder paths — the
 * projects whose public models its `ref('ecommerce', 'dim_customers')` calls read. A package is a
 * project when it ships a `strata.config.ts`.
 * @example projectDependencies('/repo/domains/logistics') // ['/repo/domains/ecommerce']
 */
export function projectDependencies(root: string): string[] {
  const found: string[] = [];
  const seen = new Set([realpathSync(root)]);
  const visit = (dir: string): void => {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) return;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const folder = installedPackage(dir, name);
      if (!folder || seen.has(folder) || !existsSync(join(folder, CONFIG_FILE))) continue;
      seen.add(folder);
      visit(folder);
      found.push(folder);
    }
  };
  visit(realpathSync(root));
  return found;
}
