import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import { publishablePackages } from '../src/index.js';

const tarballs = inject('tarballs');
const attw = join(import.meta.dirname, '../node_modules/.bin/attw');

describe.each(publishablePackages().map((p) => [p.name, p] as const))('%s', (name, pkg) => {
  it('passes publint (no errors, warnings or suggestions)', async () => {
    // publint packs the folder itself with pnpm: then it can also tell files that exist but are not published.
    const { messages, pkg: manifest } = await publint({ pkgDir: pkg.dir, pack: 'pnpm', level: 'suggestion' });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, manifest, { color: false })}`)).toEqual([]);
  });

  it('passes are-the-types-wrong for an ESM-only package', () => {
    // `esm-only`: Node 16+ and bundlers importing ESM; CommonJS `require` is not supported by design.
    let output = '';
    let code = 0;
    try {
      output = execFileSync(attw, [tarballs[name]!, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'], { encoding: 'utf8' });
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      code = e.status;
      output = e.stdout + e.stderr;
    }
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  });
});
