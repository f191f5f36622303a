import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePackage } from './workspace-packages.js';

/**
 * Packs a package with `pnpm pack` (so `workspace:^` ranges become real versions, as on publish)
 * into `destination`, and returns the tarball's path.
 * @example packPackage(core, '/tmp/tarballs') // '/tmp/tarballs/strata-core-0.1.0.tgz'
 */
export function packPackage(pkg: WorkspacePackage, destination: string): string {
  const before = new Set(readdirSync(destination));
  execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: pkg.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const created = readdirSync(destination).filter((f) => f.endsWith('.tgz') && !before.has(f));
  if (created.length !== 1) throw new Error(`pnpm pack of ${pkg.name} made ${created.length} tarballs`);
  return join(destination, created[0]!);
}

/** The files in a tarball, relative to its `package/` folder, sorted. */
export function tarballFiles(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\n')
    .filter((line) => line.length > 0 && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}
