import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, findWorkspaceRoot } from '@strata/core';

/** Folders of the workspace that hold a domain project (`domains/*` with a strata.config.ts), sorted. */
export function findAllProjects(cwd: string): string[] {
  const root = findWorkspaceRoot(cwd);
  const domains = join(root, 'domains');
  if (!existsSync(domains)) return [];
  return readdirSync(domains)
    .map((name) => join(domains, name))
    .filter((dir) => existsSync(join(dir, CONFIG_FILE)))
    .sort();
}
