import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbAdapterFactory } from '@strata/adapter-duckdb';
import type { Dag } from '@strata/core';
import { TemporaryWarehouse } from '@strata/testkit';
import { generateDocs, serveDocs } from '../src/index.js';
import { launchChromium } from './chromium.js';

const ECOMMERCE = join(import.meta.dirname, '../../../domains/ecommerce');
/** Screenshots land here as test artifacts (git-ignored). */
const RESULTS = join(import.meta.dirname, '../test-results');
const DIM = 'model.ecommerce.dim_customers';

/** Everything upstream of a node that the lineage draws (not tests). */
function drawnAncestors(dag: Dag, id: string): string[] {
  return [...dag.ancestors(id)].filter((a) => dag.node(a).resourceType !== 'test').sort();
}

describe('the docs site in headless Chromium', () => {
  const warehouse = new TemporaryWarehouse();
  const out = mkdtempSync(join(tmpdir(), 'strata-site-'));
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let dag: Dag;
  let index: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    const summary = await warehouse.run([ECOMMERCE], 'build');
    expect(summary.results.filter((r) => r.status === 'error').map((r) => r.name)).toEqual([]);
    dag = summary.workspace.dag;
    index = (await generateDocs(summary.workspace, { adapters: { duckdb: duckdbAdapterFactory }, outDir: out })).index;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    warehouse.dispose();
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(url);
    await page.waitForSelector(`.lineage-svg .node[data-id="${DIM}"]`);
    return page;
  }

  it('loads the ecommerce lineage from file://, and clicking dim_customers shows its columns and upstream nodes', async () => {
    const page = await open(pathToFileURL(index).href);
    // Every source, seed and model, and the exposures of strata.config.ts, drawn once.
    const exposures = dag.manifest.projects.get('ecommerce')!.exposures ?? [];
    const drawn = dag.manifest.nodes.size - [...dag.manifest.nodes.values()].filter((n) => n.resourceType === 'test').length + exposures.length;
    expect(await page.locator('.lineage-svg .node').count()).toBe(drawn);
    for (const exposure of exposures) expect(await page.locator(`.lineage-svg .node[data-id="${exposure.uniqueId}"]`).count()).toBe(1);

    await page.click(`.lineage-svg .node[data-id="${DIM}"]`);
    await page.waitForSelector(`.node-page[data-node="${DIM}"]`);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#!/node/${DIM}`);
    expect(await page.locator('.node-page h1').textContent()).toBe('dim_customers');

    // Columns, in schema order, from the zod schema in models/marts/schema.ts.
    const columns = await page.$$eval('.columns-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-column')));
    expect(columns).toEqual(dag.node(DIM).columns.map((c) => c.name));
    expect(columns).toContain('customer_id');
    const customerId = await page.locator('.columns-table tr[data-column="customer_id"] td').allTextContents();
    expect(customerId[1]).toBe('bigint BIGINT');
    expect(customerId[3]).toBe('Customer number');

    // Direct parents listed on the page; the whole upstream lit in the graph, the rest dimmed.
    const upstreamLinks = await page.locator('.upstream .node-link').allTextContents();
    const parents = (dag.parents.get(DIM) ?? []).map((p) => dag.node(p).name);
    expect(upstreamLinks.map((t) => t.replace(/ecommerce$/, '')).sort()).toEqual(parents.sort());
    expect(parents).toContain('stg_customers');
    const lit = await page.$$eval('.lineage-svg .node.is-up', (nodes) => nodes.map((n) => n.getAttribute('data-id')));
    expect(lit.sort()).toEqual(drawnAncestors(dag, DIM));
    expect(await page.locator('.lineage-svg .node[data-id="model.ecommerce.fct_orders"]').getAttribute('class')).toContain('is-dim');
    const downstream = await page.locator('.downstream .node-link').allTextContents();
    expect(downstream.map((t) => t.replace(/ecommerce$/, ''))).toEqual(exposures.filter((e) => e.dependsOn.includes(DIM)).map((e) => e.label ?? e.name));

    // Expectations with their last results from this build: all pass.
    const statuses = await page.$$eval('.expectations-table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
    expect(statuses.length).toBe([...dag.manifest.nodes.values()].filter((n) => n.resourceType === 'test' && (n as { attachedTo?: string }).attachedTo === DIM).length);
    expect(new Set(statuses)).toEqual(new Set(['pass']));
    expect(await page.locator('.card', { hasText: 'Rows' }).locator('.card-value').textContent()).toMatch(/^[\d,]+$/);

    await page.screenshot({ path: join(RESULTS, 'docs-dim-customers.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('served over http, the search box finds a model by a column and opens it; zoom and pan move the graph', async () => {
    const server = await serveDocs(out, { port: 0 });
    try {
      const page = await open(server.url);
      const viewport = page.locator('.lineage-svg .viewport');
      const before = await viewport.getAttribute('transform');
      await page.mouse.move(700, 300);
      await page.mouse.wheel(0, -400);
      const zoomed = await viewport.getAttribute('transform');
      expect(zoomed).not.toBe(before);
      expect(Number(/scale\(([\d.]+)\)/.exec(zoomed!)![1])).toBeGreaterThan(Number(/scale\(([\d.]+)\)/.exec(before!)![1]));
      await page.mouse.move(600, 300);
      await page.mouse.down();
      await page.mouse.move(500, 250, { steps: 5 });
      await page.mouse.up();
      expect(await viewport.getAttribute('transform')).not.toBe(zoomed);

      await page.fill('.search-input', 'lifetime_value');
      await page.waitForSelector('.search-hit');
      expect(await page.locator('.search-hit').first().getAttribute('data-id')).toBe(DIM);
      expect(await page.locator('.search-hit .hit-why').first().textContent()).toBe('column lifetime_value');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.node-page[data-node="${DIM}"]`);
      await page.click('.tab[data-tab="compiled"]');
      expect(await page.locator('.sql-body').textContent()).toContain('"ecommerce_staging"."stg_customers"');
      await page.screenshot({ path: join(RESULTS, 'docs-search-compiled-sql.png'), fullPage: false });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
