import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocsData } from './docs-data.js';
import { indexHtml } from './index-html.js';

/**
 * Folder of the built browser bundle (`app.js`, `app.css`). The same relative URL works from
 * `src/` (tests) and from `dist/` (the published package): both sit beside `dist/`.
 */
export const SITE_ASSETS = fileURLToPath(new URL('../dist/site/', import.meta.url));

/** `data.js`: the docs data as a classic script, so `file://` pages need no fetch. */
export function dataScript(data: DocsData): string {
  // `<` escaped so the JSON can never close a script tag if someone inlines this file in HTML.
  return `window.STRATA_DOCS = ${JSON.stringify(data).replace(/</g, '\\u003c')};\n`;
}

/**
 * Writes the static site into `outDir`: `index.html`, `data.js`, `app.js`, `app.css`.
 * @example writeSite('target/docs', buildDocsData([{ manifest }]));
 */
export function writeSite(outDir: string, data: DocsData): string {
  for (const asset of ['app.js', 'app.css']) {
    if (!existsSync(join(SITE_ASSETS, asset))) throw new Error(`the docs site bundle is missing (${join(SITE_ASSETS, asset)}); build @strata/docs first (pnpm --filter @strata/docs build)`);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.html'), indexHtml(data.title));
  writeFileSync(join(outDir, 'data.js'), dataScript(data));
  for (const asset of ['app.js', 'app.css']) copyFileSync(join(SITE_ASSETS, asset), join(outDir, asset));
  return join(outDir, 'index.html');
}
