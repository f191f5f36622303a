import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { artifactWriteError, writeFileAtomic } from './write-file-atomic.js';

/**
 * Writes a project's compiled SQL files under `root` (`target/compiled/<project>`).
 *
 * A first write goes to a staging folder renamed into place once: at 50,000 files a rename per
 * file cost seconds. Later writes keep the previous files safe one by one (temp file + rename)
 * and skip files whose text did not change, so a re-compile after one edit rewrites one file.
 */
export function writeCompiledSql(root: string, files: Array<{ path: string; text: string | (() => string) }>): void {
  if (files.length === 0) return;
  if (!existsSync(root)) {
    const staging = `${root}.${process.pid}.tmp`;
    const made = new Set<string>();
    try {
      for (const { path, text } of files) {
        const out = join(staging, path);
        const folder = dirname(out);
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        writeFileSync(out, typeof text === 'function' ? text() : text);
      }
      renameSync(staging, root);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw artifactWriteError(root, error);
    }
    return;
  }
  const made = new Set<string>();
  for (const { path, text: given } of files) {
    const out = join(root, path);
    const folder = dirname(out);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const text = typeof given === 'function' ? given() : given;
    if (existsSync(out) && readFileSync(out, 'utf8') === text) continue;
    writeFileAtomic(out, text, { folderExists: true });
  }
}
