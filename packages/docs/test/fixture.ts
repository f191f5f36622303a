import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A small shop project: two seeds feeding the `raw` source, staging views, an ephemeral
 * intermediate model, two marts, an exposure, and expectations of which one warns on one row.
 *
 * Hand-computed facts the tests check: orders 1..5 with amounts 10, 20, 150, 40, 5 (order 3
 * breaks `amount <= 100`, a warn-severity check: 1 unexpected of 5 = 20%); 3 customers; revenue
 * of completed orders (1, 3, 4) = 200, cancelled (2, 5) = 25.
 */
export const SHOP_FILES: Record<string, string> = {
  'seeds/orders.csv': 'order_id,customer_id,amount,status,loaded_at\n1,1,10,completed,2024-03-01 10:00:00\n2,2,20,cancelled,2024-03-01 11:00:00\n3,1,150,completed,2024-03-02 09:30:00\n4,3,40,completed,2024-03-02 12:00:00\n5,2,5,cancelled,2024-03-03 08:15:00\n',
  'seeds/customers.csv': 'customer_id,name,country,loaded_at\n1,Ada,GB,2024-02-01 00:00:00\n2,Grace,US,2024-02-02 00:00:00\n3,Edsger,NL,2024-02-03 00:00:00\n',
  'models/staging/stg_orders.sql': "select order_id, customer_id, amount, status from {{ source('raw', 'orders') }}",
  'models/staging/stg_customers.sql': "select customer_id, name, country from {{ source('raw', 'customers') }}",
  'models/intermediate/int_orders_enriched.sql': "select o.*, c.country from {{ ref('stg_orders') }} o join {{ ref('stg_customers') }} c using (customer_id)",
  'models/marts/fct_revenue.sql': "select status, count(*) as orders, sum(amount) as revenue from {{ ref('int_orders_enriched') }} group by status",
  'models/marts/dim_customers.sql': "select c.customer_id, c.name, c.country, count(o.order_id) as order_count from {{ ref('stg_customers') }} c left join {{ ref('stg_orders') }} o using (customer_id) group by 1, 2, 3",
  'models/staging/schema.ts': `import { z } from 'zod';
export default {
  sources: {
    raw: {
      orders: { description: 'Orders as the shop exported them', loadedAtField: 'loaded_at', freshness: { warnAfter: { count: 1, period: 'day' } }, columns: z.object({ order_id: z.number().int(), customer_id: z.number().int(), amount: z.number(), status: z.string(), loaded_at: z.iso.datetime() }) },
    },
  },
  models: {
    stg_orders: {
      description: 'One row per order.',
      columns: z.object({
        order_id: z.number().int().meta({ unique: true, description: 'Order number' }),
        customer_id: z.number().int().meta({ description: 'Who ordered', references: { model: 'stg_customers', column: 'customer_id' } }),
        amount: z.number().min(0).max(100).meta({ description: 'Order value in EUR', severity: 'warn' }),
        status: z.enum(['completed', 'cancelled']).meta({ description: 'Order status' }),
      }),
    },
    stg_customers: {
      description: 'One row per customer.',
      columns: z.object({ customer_id: z.number().int().meta({ unique: true, description: 'Customer number' }), name: z.string().meta({ description: 'Full name', pii: true }), country: z.string().length(2).meta({ description: 'ISO country code' }) }),
    },
  },
};
`,
  'models/marts/schema.ts': `import { z } from 'zod';
export default {
  models: {
    fct_revenue: { description: 'Orders and revenue by status.', columns: z.object({ status: z.string().meta({ unique: true, description: 'Order status' }), orders: z.number().int().min(1).meta({ description: 'Orders with the status' }), revenue: z.number().min(0).meta({ description: 'Sum of amount' }) }) },
    dim_customers: { description: 'Customers with their order count.', columns: z.object({ customer_id: z.number().int().meta({ unique: true, description: 'Customer number' }), name: z.string().meta({ description: 'Full name' }), country: z.string().meta({ description: 'ISO country code' }), order_count: z.number().int().min(0).meta({ description: 'Orders placed' }) }) },
  },
};
`,
};

/** The config of the shop project; `warehouse` is its DuckDB file. */
export function shopConfig(warehouse: string): string {
  return `export default {
  name: 'shop',
  models: { staging: { materialized: 'view', schema: 'staging' }, intermediate: { materialized: 'ephemeral' }, marts: { materialized: 'table', schema: 'marts' } },
  seeds: { schema: 'raw' },
  sources: { raw: { description: 'Nightly export of the shop database', tables: ['orders', 'customers'] } },
  exposures: {
    revenue_dashboard: { type: 'dashboard', label: 'Revenue dashboard', owner: { name: 'Finance', email: 'finance@example.com' }, url: 'https://bi.example.com/d/1', description: 'Daily revenue for the board', maturity: 'high', dependsOn: ['fct_revenue', 'dim_customers'] },
  },
  targets: { dev: { adapter: 'duckdb', path: ${JSON.stringify(warehouse)} } },
};
`;
}

/** Writes the shop project into a fresh temporary folder. */
export function writeShop(extra: Record<string, string> = {}): { root: string; warehouse: string } {
  const root = mkdtempSync(join(tmpdir(), 'strata-docs-'));
  const warehouse = join(root, 'warehouse.duckdb');
  for (const [path, text] of Object.entries({ 'strata.config.ts': shopConfig(warehouse), ...SHOP_FILES, ...extra })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, warehouse };
}

/** The `window.STRATA_DOCS` object of a generated site. */
export function readSiteData<T>(dataJs: string): T {
  const prefix = 'window.STRATA_DOCS = ';
  if (!dataJs.startsWith(prefix)) throw new Error('data.js does not start with window.STRATA_DOCS =');
  return JSON.parse(dataJs.slice(prefix.length).trim().replace(/;$/, '')) as T;
}
