import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where folders a benchmark must not find again are moved instead of deleted, until the run ends.
 *
 * Why not delete them: on ext4, files created right after thousands were deleted are slow to
 * create (the allocator skips the inodes freed moments ago, scanning past them for each new
 * one). On this machine a cold 10,000-model compile right after `rm -rf target` spent 4–12 s of
 * kernel time creating its 10,051 files (~1 ms an `openat`), against ~0.25 s into fresh space:
 * the benchmark would have measured its own clean-up. A cold compile on a fresh checkout (or in
 * CI) never pays that.
 */
function setAsideDir(workDir: string): string {
  return join(workDir, 'set-aside');
}

let counter = 0;

/** Moves `path` (if it exists) out of the way, into the work folder's set-aside folder. */
export function setAside(workDir: string, path: string): void {
  if (!existsSync(path)) return;
  const dir = setAsideDir(workDir);
  mkdirSync(dir, { recursive: true });
  renameSync(path, join(dir, `${Date.now().toString(36)}-${process.pid}-${counter++}`));
}

/** Deletes what was set aside: once every measurement is over. */
export function deleteSetAside(workDir: string): void {
  rmSync(setAsideDir(workDir), { recursive: true, force: true });
}
