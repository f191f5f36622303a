import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this package lives at tooling/package-checks). */
export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A workspace package as npm will see it. */
export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  /** `@strata-domains/*`: a Strata project shipped as a package. */
  domain: boolean;
}

/**
 * Every package of the workspace that is published (not `private`), engine first, then domains,
 * each sorted by name.
 * @example publishablePackages().map((p) => p.name) // ['@strata/adapter-bigquery', …, '@strata-domains/streaming']
 */
export function publishablePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'domains', 'tooling', 'examples']) {
    const groupDir = join(workspaceRoot, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir)) {
      const manifest = join(groupDir, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string; private?: boolean };
      if (pkg.private) continue;
      found.push({ name: pkg.name, version: pkg.version, dir: join(groupDir, entry), domain: pkg.name.startsWith('@strata-domains/') });
    }
  }
  return found.sort((a, b) => Number(a.domain) - Number(b.domain) || a.name.localeCompare(b.name));
}
