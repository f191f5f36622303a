import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packPackage, publishablePackages } from '../src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Tarball path of every publishable package, by package name. */
    tarballs: Record<string, string>;
  }
}

/** Packs every publishable package once for all test files; removes the tarballs afterwards. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'strata-tarballs-'));
  const tarballs: Record<string, string> = {};
  for (const pkg of publishablePackages()) tarballs[pkg.name] = packPackage(pkg, dir);
  project.provide('tarballs', tarballs);
  return () => rmSync(dir, { recursive: true, force: true });
}
