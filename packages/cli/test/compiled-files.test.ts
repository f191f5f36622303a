import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strata, writeProject } from './helpers.js';

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const SCHEMA = `import { z } from 'zod';
export default {
  models: {
    revenue: { columns: z.object({ revenue: z.number().min(0) }) },
    by_status: { columns: z.object({ status: z.enum(['completed', 'cancelled']), n: z.number().int() }) },
  },
};
`;

describe('compiled SQL files', () => {
  it("puts the scans of the relations a schema file describes in that file's compiled counterpart, one section each", async () => {
    const { root } = writeProject({
      'models/staging/stg_orders.sql': "select order_id, amount, status from {{ source('raw', 'orders') }}",
      'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }}",
      'models/marts/by_status.sql': "select status, count(*) as n from {{ ref('stg_orders') }} group by status",
      'models/marts/schema.ts': SCHEMA,
    });
    const result = await strata(['compile', '--project', root], root);
    expect(result.code).toBe(0);
    const compiled = join(root, 'target', 'compiled', 'shop');
    // Three models, and one file for the five checks of the two marts (not one file per check).
    expect(filesUnder(compiled)).toEqual(['models/marts/by_status.sql', 'models/marts/revenue.sql', 'models/marts/schema.ts.sql', 'models/staging/stg_orders.sql']);
    const scans = readFileSync(join(compiled, 'models/marts/schema.ts.sql'), 'utf8');
    const sections = scans.split(/^-- expectations of /m).filter(Boolean);
    expect(sections.map((s) => s.split('\n')[0])).toEqual(['model.shop.by_status', 'model.shop.revenue']);
    expect(sections[0]).toContain('from "shop_marts"."by_status"');
    expect(sections[0]).toContain(`"status" not in ('completed', 'cancelled')`);
    expect(sections[1]).toContain('from "shop_marts"."revenue"');
    expect(sections[1]).toContain('not ("revenue" >= 0)');
  });
});
