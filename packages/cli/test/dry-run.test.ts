import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../src/commands/dry-run-command.js';
import { strata } from './helpers.js';

/**
 * `strata compile --dry-run` against a stand-in for BigQuery's jobs.insert: it answers dry-run
 * jobs with bytes that depend on the table the SQL reads, and notFound for a table not built.
 */
let server: Server;
let root: string;
const dryRuns: Array<{ sql: string; dryRun: boolean }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const job = JSON.parse(body || '{}');
      const sql: string = job.configuration?.query?.query ?? '';
      dryRuns.push({ sql, dryRun: job.configuration?.dryRun === true });
      res.setHeader('content-type', 'application/json');
      if (sql.includes('`shop_marts`.`missing`')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { code: 404, message: 'Not found: Table test-project:shop_marts.missing was not found in location EU', errors: [{ reason: 'notFound', message: 'Not found: Table test-project:shop_marts.missing was not found in location EU' }] } }));
        return;
      }
      const bytes = sql.includes('`shop_raw`.`orders`') ? 1024 : 3 * 1024 * 1024;
      res.end(JSON.stringify({ jobReference: job.jobReference, configuration: job.configuration, status: { state: 'DONE' }, statistics: { totalBytesProcessed: String(bytes), query: { totalBytesProcessed: String(bytes) } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = mkdtempSync(join(tmpdir(), 'strata-cli-dry-run-'));
  const files: Record<string, string> = {
    'strata.config.ts': `export default {
  name: 'shop',
  models: { staging: { materialized: 'view', schema: 'staging' }, marts: { materialized: 'table', schema: 'marts' } },
  sources: { raw: { tables: ['orders'] } },
  targets: {
    dev: { adapter: 'duckdb', path: ${JSON.stringify(join(tmpdir(), 'unused.duckdb'))} },
    bq: { adapter: 'bigquery', project: 'test-project', location: 'EU', apiEndpoint: ${JSON.stringify(endpoint)}, anonymous: true, retryBackoffMs: 1 },
  },
};
`,
    'models/staging/stg_orders.sql': "select order_id, amount from {{ source('raw', 'orders') }}",
    'models/staging/int_orders.sql': "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('stg_orders') }}",
    'models/marts/fct_orders.sql': "select order_id, sum(amount) as amount from {{ ref('int_orders') }} group by order_id",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

describe('strata compile --dry-run', () => {
  it('prints the bytes each model would process and the total', async () => {
    dryRuns.length = 0;
    const { code, out } = await strata(['compile', '--dry-run', '--project', root, '--target', 'bq'], root);
    expect(code).toBe(0);
    // one dry-run job per model; the ephemeral model is inlined into fct_orders, not estimated
    expect(dryRuns.map((d) => d.dryRun)).toEqual([true, true]);
    // in DAG order, sizes right-aligned
    expect(out).toContain(['  shop.stg_orders     1.0 KiB', '  shop.fct_orders     3.0 MiB'].join('\n'));
    expect(out).toContain('Total: 3.0 MiB (3,146,752 bytes) for 2 models');
  });

  it('lists a model BigQuery cannot estimate with its reason, and exits 1', async () => {
    writeFileSync(join(root, 'models/marts/broken.sql'), "select * from `test-project`.`shop_marts`.`missing`");
    try {
      const { code, out } = await strata(['compile', '--dry-run', '--project', root, '--target', 'bq', '--select', 'broken', 'stg_orders'], root);
      expect(code).toBe(1);
      expect(out).toContain('  shop.broken      error: BigQuery dry run failed (notFound): Not found: Table test-project:shop_marts.missing was not found in location EU');
      expect(out).toContain('Total: 1.0 KiB (1,024 bytes) for 1 model; 1 could not be estimated');
    } finally {
      rmSync(join(root, 'models/marts/broken.sql'));
    }
  });

  it('refuses a warehouse that cannot estimate cost', async () => {
    const { code, err } = await strata(['compile', '--dry-run', '--project', root], root);
    expect(code).toBe(2);
    expect(err).toContain("--dry-run needs a warehouse that estimates query cost; the duckdb adapter of target 'dev' cannot");
  });

  it('formats bytes in binary units', () => {
    expect([0, 1023, 1536, 5 * 1024 ** 3, 2.5 * 1024 ** 4].map(formatBytes)).toEqual(['0 B', '1023 B', '1.5 KiB', '5.0 GiB', '2.5 TiB']);
  });
});
