import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsData, serveDocs, writeSite, type DocsServer } from '../src/index.js';

describe('serveDocs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-serve-'));
  let server: DocsServer;

  beforeAll(async () => {
    writeSite(dir, buildDocsData([{ manifest: { metadata: { project_name: 'empty' }, nodes: {}, sources: {}, exposures: {}, parent_map: {} } }], 'Empty docs'));
    writeFileSync(join(tmpdir(), 'strata-serve-secret.txt'), 'outside');
    server = await serveDocs(dir, { port: 0 });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 only and serves the site with content types', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Empty docs</title>');
    const data = await fetch(new URL('data.js', server.url));
    expect(data.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await data.text()).toMatch(/^window\.STRATA_DOCS = \{"title":"Empty docs"/);
    expect((await fetch(new URL('app.css', server.url))).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for missing files, 403 outside the folder and 405 for writes', async () => {
    expect((await fetch(new URL('nope.js', server.url))).status).toBe(404);
    expect((await fetch(`${server.url}..%2Fstrata-serve-secret.txt`)).status).toBe(403);
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
