import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files under `dir` (recursively) whose names end with one of `extensions`, as project-relative posix paths, sorted. */
export function scanFiles(projectRoot: string, dir: string, extensions: string[]): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.') || entry === 'node_modules') continue;
      const full = join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((ext) => entry.endsWith(ext))) found.push(relative(projectRoot, full).split(sep).join('/'));
    }
  };
  walk(join(projectRoot, dir));
  return found.sort();
}
