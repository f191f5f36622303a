import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strata, writeProject } from './helpers.js';

const schema = (models: string) => `import { z } from 'zod';\nexport default { models: { ${models} } };\n`;
const REVENUE = "revenue: { description: 'Completed revenue', columns: z.object({ revenue: z.number() }) }";
const BY_STATUS = 'by_status: { columns: z.object({ status: z.string(), n: z.number().int() }) }';

describe('strata types', () => {
  it('writes row types and Kysely Database interfaces of the public models, and --check tells when they are stale', async () => {
    const { root } = writeProject(
      {
        'seeds/orders.csv': 'order_id,amount,status\n1,10,completed\n',
        'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}",
        'models/marts/revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }}",
        'models/marts/by_status.sql': "select status, count(*) as n from {{ ref('stg_orders') }} group by status",
        'models/marts/schema.ts': schema(`${REVENUE}, ${BY_STATUS}`),
      },
    );
    // Only the marts folder is public.
    const config = join(root, 'strata.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("marts: { materialized: 'table', schema: 'marts' }", "marts: { materialized: 'table', schema: 'marts', access: 'public' }"));

    const missing = await strata(['types', '--project', root, '--check'], root);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`shop: src/database.generated.ts is stale — run \`strata types --project .\` and commit it`);

    const written = await strata(['types', '--project', root], root);
    expect(written.code).toBe(0);
    expect(written.out).toBe('shop: wrote src/database.generated.ts (2 public models: by_status, revenue)');
    const text = readFileSync(join(root, 'src/database.generated.ts'), 'utf8');
    expect(text).toContain("import type marts from '../models/marts/schema';");
    expect(text).toContain('/** A row of `shop_marts.revenue`: Completed revenue */\nexport type RevenueRow = z.infer<typeof marts.models.revenue.columns>;');
    expect(text).toContain('export interface ShopMarts {\n  by_status: ByStatusRow;\n  revenue: RevenueRow;\n}');
    expect(text).toContain("export interface ShopDatabase {\n  'shop_marts.by_status': ByStatusRow;\n  'shop_marts.revenue': RevenueRow;\n}");
    expect(text).toContain("export const shopRelations = {\n  by_status: 'shop_marts.by_status',\n  revenue: 'shop_marts.revenue',\n} as const;");

    expect(await strata(['types', '--project', root, '--check'], root)).toEqual({ code: 0, out: 'shop: src/database.generated.ts is up to date (2 public models)', err: '' });

    // A new public model makes the committed file stale; --check leaves it as it was.
    writeFileSync(join(root, 'models/marts/orders.sql'), "select order_id from {{ ref('stg_orders') }}");
    writeFileSync(join(root, 'models/marts/schema.ts'), schema(`${REVENUE}, ${BY_STATUS}, orders: { columns: z.object({ order_id: z.number().int() }) }`));
    const stale = await strata(['types', '--project', root, '--check'], root);
    expect(stale.code).toBe(1);
    expect(readFileSync(join(root, 'src/database.generated.ts'), 'utf8')).toBe(text);
  });
});
