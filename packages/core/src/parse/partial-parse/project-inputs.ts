import { hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ProjectConfig } from '../../config/project-config.js';
import { CONFIG_FILE } from '../../load/load-project.js';
import type { FileRecord } from './partial-parse-state.js';

/** A file's size and modification time: the fast pre-check before its content is hashed. */
export interface FileStat {
  mtimeMs: number;
  size: number;
}

/** sha256 of a file's bytes, as partial parsing records it. */
export function contentHash(bytes: Uint8Array | string): string {
  return hash('sha256', bytes, 'hex');
}

/** The folders a project is read from (strata.config.ts `paths`, else the defaults). */
function inputFolders(config: ProjectConfig): string[] {
  const paths = { models: 'models', seeds: 'seeds', tests: 'tests', macros: 'macros', snapshots: 'snapshots', ...config.paths };
  return [...new Set(Object.values(paths) as string[])];
}

/**
 * Every file a project's parse may read, by project-relative posix path, with its stat: all
 * files under its input folders (whatever their extension, so that anything new is noticed),
 * its config, and `extraFiles` (what the config and schema files imported from elsewhere).
 */
export function projectInputs(root: string, config: ProjectConfig, extraFiles: Iterable<string> = []): Map<string, FileStat> {
  const found = new Map<string, FileStat>();
  const add = (full: string, path: string): void => {
    // A file that vanished between listing and stat is simply not an input any more.
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat) found.set(path, { mtimeMs: stat.mtimeMs, size: stat.size });
  };
  // Paths are built by concatenation: path.join and relative for each of 50,000 files add up.
  const walk = (full: string, path: string): void => {
    let entries;
    try {
      entries = readdirSync(full, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = path === '' ? entry.name : `${path}/${entry.name}`;
      if (entry.isDirectory()) walk(`${full}/${entry.name}`, child);
      else add(`${full}/${entry.name}`, child);
    }
  };
  const relativePath = (full: string) => relative(root, full).split(sep).join('/');
  for (const folder of inputFolders(config)) walk(join(root, folder), relativePath(join(root, folder)));
  add(join(root, CONFIG_FILE), CONFIG_FILE);
  for (const file of extraFiles) add(file, relativePath(file));
  return found;
}

/**
 * How close to the moment its stats were taken a file's mtime may be and still be trusted: file
 * systems stamp times with a coarse clock, so a file written in the same tick as the stat (after
 * it) would look unchanged. Such "racily clean" files are hashed (git does the same).
 */
const RACY_MARGIN_MS = 2000;

/**
 * Compares the inputs on disk with the ones a state recorded (stats taken at `statsTakenMs`). A
 * file whose size and mtime are unchanged is taken as unchanged; otherwise its content hash
 * decides. Returns the changed paths, or undefined when files were added or removed (partial
 * parsing then starts over).
 */
export function changedInputs(
  root: string,
  now: Map<string, FileStat>,
  recorded: Record<string, FileRecord>,
  statsTakenMs: number,
): { changed: Map<string, { text: string; record: FileRecord }>; touched: Map<string, FileRecord> } | undefined {
  if (now.size !== Object.keys(recorded).length) return undefined;
  const changed = new Map<string, { text: string; record: FileRecord }>();
  // Same content, new mtime (a `touch`, a checkout): recorded again so the next run skips the hash.
  const touched = new Map<string, FileRecord>();
  for (const [path, stat] of now) {
    const before = recorded[path];
    if (!before) return undefined;
    if (before[0] === stat.mtimeMs && before[1] === stat.size && stat.mtimeMs < statsTakenMs - RACY_MARGIN_MS) continue;
    const bytes = readFileSync(join(root, path));
    const record: FileRecord = [stat.mtimeMs, stat.size, contentHash(bytes)];
    if (record[2] === before[2]) {
      if (before[0] !== stat.mtimeMs || before[1] !== stat.size) touched.set(path, record);
    }
    else changed.set(path, { text: bytes.toString('utf8'), record });
  }
  return { changed, touched };
}
