/**
 * Releases with independent versions: `changeset version` on a copy of the workspace's manifests
 * bumps the packages a changeset names and, per .changeset/config.json, their dependents — and
 * nothing else.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceRoot } from '../src/index.js';

const changeset = join(workspaceRoot, 'node_modules/.bin/changeset');
let copies: string[] = [];

/** Every workspace package.json (and CHANGELOG.md), the workspace file and the changesets config, without pending changesets. */
function copyWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-changesets-'));
  copies.push(dir);
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(workspaceRoot, file), join(dir, file));
  }
  for (const group of ['packages', 'domains', 'tooling', 'examples']) {
    if (!existsSync(join(workspaceRoot, group))) continue;
    for (const entry of readdirSync(join(workspaceRoot, group))) {
      for (const file of ['package.json', 'CHANGELOG.md']) {
        const from = join(workspaceRoot, group, entry, file);
        if (!existsSync(from)) continue;
        mkdirSync(join(dir, group, entry), { recursive: true });
        cpSync(from, join(dir, group, entry, file));
      }
    }
  }
  return dir;
}

/** Versions of every package of a workspace copy, by name. */
function versions(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const group of ['packages', 'domains', 'tooling', 'examples']) {
    if (!existsSync(join(dir, group))) continue;
    for (const entry of readdirSync(join(dir, group))) {
      const manifest = join(dir, group, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string };
      out[pkg.name] = pkg.version;
    }
  }
  return out;
}

/** Writes one changeset and runs `changeset version`; returns the versions that changed. */
function release(bumps: Record<string, 'patch' | 'minor' | 'major'>, summary: string): { changed: Record<string, [string, string]>; dir: string } {
  const dir = copyWorkspace();
  const before = versions(dir);
  const header = Object.entries(bumps).map(([name, bump]) => `'${name}': ${bump}`).join('\n');
  writeFileSync(join(dir, '.changeset/test-change.md'), `---\n${header}\n---\n\n${summary}\n`);
  execFileSync(changeset, ['version'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const after = versions(dir);
  const changed = Object.fromEntries(Object.keys(after).filter((name) => after[name] !== before[name]).map((name) => [name, [before[name]!, after[name]!] as [string, string]]));
  return { changed, dir };
}

afterEach(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

describe('changesets', () => {
  it('bumps only the domain a changeset names when nothing depends on it', () => {
    const { changed, dir } = release({ '@strata-domains/streaming': 'minor' }, 'New column on fct_streams.');
    const version = JSON.parse(readFileSync(join(workspaceRoot, 'domains/streaming/package.json'), 'utf8')).version as string;
    const [major, minor] = version.split('.').map(Number);
    expect(changed).toEqual({ '@strata-domains/streaming': [version, `${major}.${minor! + 1}.0`] });
    expect(readFileSync(join(dir, 'domains/streaming/CHANGELOG.md'), 'utf8')).toContain('New column on fct_streams.');
    expect(readdirSync(join(dir, '.changeset'))).toEqual(['config.json']);
  });

  it('bumps a domain and the domains that depend on it, leaving the rest alone', () => {
    const { changed, dir } = release({ '@strata-domains/ecommerce': 'minor' }, 'dim_customers gains a column.');
    const current = (path: string) => JSON.parse(readFileSync(join(workspaceRoot, path, 'package.json'), 'utf8')).version as string;
    const ecommerce = current('domains/ecommerce');
    const logistics = current('domains/logistics');
    const bump = (v: string, part: 'minor' | 'patch') => {
      const [a, b, c] = v.split('.').map(Number);
      return part === 'minor' ? `${a}.${b! + 1}.0` : `${a}.${b}.${c! + 1}`;
    };
    // logistics depends on ecommerce ("workspace:^"): the new minor is outside ^0.x, so it is
    // released again (a patch, `updateInternalDependencies`), with the new range.
    expect(changed).toEqual({ '@strata-domains/ecommerce': [ecommerce, bump(ecommerce, 'minor')], '@strata-domains/logistics': [logistics, bump(logistics, 'patch')] });
    const manifest = JSON.parse(readFileSync(join(dir, 'domains/logistics/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@strata-domains/ecommerce']).toBe('workspace:^');
    expect(readFileSync(join(dir, 'domains/logistics/CHANGELOG.md'), 'utf8')).toContain(`@strata-domains/ecommerce@${bump(ecommerce, 'minor')}`);
    // Private packages (examples, tooling) are never versioned.
    expect(Object.keys(changed).some((name) => name.startsWith('@strata-examples/') || name === '@strata/package-checks')).toBe(false);
    expect(relative(workspaceRoot, dir).startsWith('..')).toBe(true);
  });
});
