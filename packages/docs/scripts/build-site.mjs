// Bundles the browser side of the docs site (src/client → dist/site/app.js + app.css) with
// esbuild: one classic IIFE script with dagre inside, so the site works from file:// with no
// module loading and no network. Run by `pnpm build` and before the tests.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Builds dist/site; resolves when done. */
export async function buildSite() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await build({
    absWorkingDir: root,
    entryPoints: { app: 'src/client/main.ts' },
    outdir: 'dist/site',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome105', 'firefox105', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildSite();
