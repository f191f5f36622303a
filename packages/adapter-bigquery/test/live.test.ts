import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace, runCommand, type Workspace } from '@strata/core';
import { adapterSuite } from '@strata/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { BigQueryAdapter, bigqueryAdapterFactory } from '../src/index.js';

/**
 * The ecommerce domain built on a real BigQuery project. Runs only when
 * `STRATA_BIGQUERY_PROJECT` names a project and credentials exist (`STRATA_BIGQUERY_KEYFILE`,
 * `GOOGLE_APPLICATION_CREDENTIALS`, or gcloud's Application Default Credentials); otherwise
 * vitest reports the suite as skipped — never as passed. Optional: `STRATA_BIGQUERY_LOCATION`.
 *
 * Everything lands in throwaway datasets `strata_live_<run>_*`, deleted afterwards. The shared
 * adapter contract (@strata/testkit) runs here too: it needs a warehouse that executes SQL, which
 * the offline double (a scripted REST fake) does not.
 */
const project = process.env.STRATA_BIGQUERY_PROJECT;
const keyFile = process.env.STRATA_BIGQUERY_KEYFILE;
const adc = join(homedir(), '.config', 'gcloud', 'application_default_credentials.json');
const hasCredentials = Boolean(keyFile || process.env.GOOGLE_APPLICATION_CREDENTIALS || existsSync(adc));
const ecommerce = fileURLToPath(new URL('../../../domains/ecommerce', import.meta.url));
const prefix = `strata_live_${Date.now().toString(36)}`;
const target = { adapter: 'bigquery', project, location: process.env.STRATA_BIGQUERY_LOCATION ?? 'US', ...(keyFile ? { keyFile } : {}), maximumBytesBilled: 10 * 1024 ** 3 };

/** The ecommerce project over its hand-checked tiny fixture, pointed at BigQuery in fresh datasets. */
async function liveWorkspace(): Promise<Workspace> {
  process.env.STRATA_ECOMMERCE_SEEDS = join(ecommerce, 'test', 'fixtures', 'tiny');
  const workspace = await loadWorkspace({ projects: [ecommerce] });
  workspace.target = target as Workspace['target'];
  workspace.targetName = 'live';
  for (const node of workspace.dag.manifest.nodes.values()) {
    if (node.relation) node.relation = { ...node.relation, schema: node.relation.schema.replace(/^ecommerce/, prefix) };
  }
  return workspace;
}

describe.skipIf(!project || !hasCredentials)('live BigQuery: the ecommerce domain end to end', () => {
  const datasets = new Set<string>();

  afterAll(async () => {
    delete process.env.STRATA_ECOMMERCE_SEEDS;
    const adapter = BigQueryAdapter.open(target);
    for (const dataset of datasets) await adapter.client.dataset(dataset).delete({ force: true }).catch(() => undefined);
  });

  it('builds seeds, models and tests, and the marts hold the values worked out by hand', { timeout: 600_000 }, async () => {
    const workspace = await liveWorkspace();
    for (const node of workspace.dag.manifest.nodes.values()) if (node.relation) datasets.add(node.relation.schema);
    const summary = await runCommand(workspace, { command: 'build', adapters: { bigquery: bigqueryAdapterFactory }, threads: 4 });
    const failed = summary.results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'skipped');
    expect(failed.map((r) => `${r.name}: ${r.message}`)).toEqual([]);

    const adapter = BigQueryAdapter.open(target);
    const connection = await adapter.connect();
    const rows = await connection.query<{ order_date: Date; orders: number; revenue: number }>(
      `select order_date, orders, revenue from ${adapter.dialect.renderRelation({ schema: `${prefix}_marts`, name: 'fct_orders' })} order by order_date`,
    );
    // from test/fixtures/tiny/orders.csv, by hand (see domains/ecommerce/test/golden.test.ts)
    expect(rows.map((r) => [r.order_date.toISOString().slice(0, 10), r.orders, r.revenue])).toEqual([
      ['2024-01-01', 3, 1299],
      ['2024-01-02', 2, 73.5],
      ['2024-01-03', 5, 1328.99],
      ['2024-01-04', 1, 0],
    ]);
    await adapter.close();
  });
});

describe.skipIf(!project || !hasCredentials)('live BigQuery: the shared adapter contract', () => {
  const schema = `${prefix}_suite`;
  afterAll(async () => {
    await BigQueryAdapter.open(target).client.dataset(schema).delete({ force: true }).catch(() => undefined);
  });
  adapterSuite('bigquery (live)', async () => BigQueryAdapter.open(target), schema);
});
