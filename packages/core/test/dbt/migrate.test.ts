import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectChecks, loadDbtProject, migrateConfig, migrateSchemas, type FolderSchemas } from '../../src/index.js';
import { copyDbtFixture } from './dbt-fixture.js';

// Generated schema files are imported from inside the package, where zod and @strata/core resolve.
const scratch = join(import.meta.dirname, `.migrated-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function importSchema(name: string, text: string): Promise<FolderSchemas> {
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, `${name}.ts`);
  writeFileSync(file, text);
  return ((await import(file)) as { default: FolderSchemas }).default;
}

describe('strata migrate', () => {
  it("writes each folder's YAML tests and docs as zod schemas that imply the same checks", async () => {
    const loaded = await loadDbtProject(copyDbtFixture('jaffle'));
    const { files, notes } = migrateSchemas(loaded);
    expect(files.map((f) => f.path)).toEqual(['models/marts/schema.ts', 'models/staging/schema.ts']);
    const staging = files[1]!.text;
    expect(staging).toContain("status: z.enum(['placed', 'shipped', 'completed', 'return_pending', 'returned']).nullable(),");
    expect(staging).toContain("customer_id: z.unknown().nullable().meta({ references: ref('stg_customers', 'customer_id') }),");
    expect(staging).toContain("payment_method: z.enum(['credit_card', 'coupon', 'bank_transfer', 'gift_card']).nullable().meta({ expect: { accepted_values: { severity: 'warn' } } }),");
    expect(notes).toContain("source jaffle_raw.orders: identifier 'raw_orders' must become the table's name or a view in Strata");

    const schemas = await importSchema('staging', staging);
    const orders = collectChecks('stg_orders', schemas.models!.stg_orders);
    expect(orders.errors).toEqual([]);
    expect(orders.checks.map((c) => [c.name, c.check.kind])).toEqual([
      ['not_null_stg_orders_order_id', 'not_null'],
      ['unique_stg_orders_order_id', 'unique'],
      ['accepted_values_stg_orders_status', 'accepted_values'],
      ['relationships_stg_orders_customer_id__stg_customers_customer_id', 'relationships'],
    ]);
    const payments = collectChecks('stg_payments', schemas.models!.stg_payments);
    expect(payments.checks.find((c) => c.check.kind === 'accepted_values')!.options.severity).toBe('warn');
    expect(payments.checks.find((c) => c.check.kind === 'generic')!.check).toEqual({ kind: 'generic', macro: 'is_positive', column: 'amount', args: {} });

    const marts = await importSchema('marts', files[0]!.text);
    const martChecks = collectChecks('orders', marts.models!.orders);
    expect(martChecks.errors).toEqual([]);
    expect(martChecks.checks.find((c) => c.name === 'not_null_orders_amount')!.options.where).toBe("status <> 'placed'");
    expect(martChecks.checks.map((c) => c.check.kind).sort()).toEqual(['between', 'expression_is_true', 'not_null', 'not_null', 'unique']);
  });

  it('drafts a strata.config.ts from dbt_project.yml and profiles.yml', async () => {
    const loaded = await loadDbtProject(copyDbtFixture('jaffle'));
    const { file } = migrateConfig(loaded);
    expect(file.path).toBe('strata.config.ts');
    expect(file.text).toContain("models: { staging: { materialized: 'view', schema: 'staging', tags: ['staging'] }, marts: { materialized: 'table', finance: { schema: 'finance', tags: ['finance'] } } },");
    expect(file.text).toContain("seeds: { schema: 'raw' },");
    expect(file.text).toContain("vars: { large_order_threshold: 20, currency: 'usd' },");
  });
});
