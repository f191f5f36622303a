/**
 * The PII rule for banking: identity columns tagged `.meta({ pii: true })` in the source schemas
 * never reach a built model. The shipped project passes; a project with a leaking model is
 * rejected at build time and by the TypeScript rule, with errors naming the model and column.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '@strata/core';
import config from '../strata.config';
import { readCsv } from './support/csv.js';
import { assertNoPiiLeaks, findPiiLeaks, PiiLeakError } from './support/pii-rule.js';
import { buildInto, problems, projectDir, scratchProject, seedsDir } from './support/project.js';

/** Written out by hand from models/staging/schema.ts: what the config must derive. */
const PII_COLUMNS = ['date_of_birth', 'description', 'email', 'full_name', 'national_id', 'phone', 'street_address'];

describe('the PII column list', () => {
  it('is derived from the pii tags of the source schemas', () => {
    expect(config.vars.pii_columns).toEqual(PII_COLUMNS);
  });

  it('is checked after every model: the build-time test refs all of them', async () => {
    const workspace = await loadWorkspace({ projects: [projectDir] });
    const nodes = [...workspace.dag.manifest.nodes.values()];
    const models = nodes.filter((n) => n.resourceType === 'model' && n.config.materialized !== 'ephemeral').map((n) => n.uniqueId).sort();
    expect([...nodes.find((n) => n.name === 'assert_no_pii_after_staging')!.dependsOn].sort()).toEqual(models);
  });
});

describe('the shipped project', () => {
  it('exposes no PII by name, by source or by value', async () => {
    const built = await buildInto(projectDir);
    try {
      expect(problems(built.summary)).toEqual([]);
      expect(await findPiiLeaks(built.summary.workspace, (sql) => built.warehouse.query(sql))).toEqual([]);
    } finally {
      built.warehouse.dispose();
    }
  });
});

describe('a mart that leaks PII', () => {
  let scratch: ReturnType<typeof scratchProject>;
  let built: Awaited<ReturnType<typeof buildInto>>;

  beforeAll(async () => {
    const testSql = readFileSync(`${projectDir}/tests/assert_no_pii_after_staging.sql`, 'utf8').replace("ref('fraud_signals')", "ref('fraud_signals'),\n  ref('customer_contacts')");
    scratch = scratchProject({
      files: {
        'models/marts/customer_contacts.sql': `select upper(trim(customer_id)) as customer_id, full_name from {{ source('bank', 'customers') }}`,
        'tests/assert_no_pii_after_staging.sql': testSql,
      },
    });
    built = await buildInto(scratch.dir);
  });
  afterAll(() => {
    built?.warehouse.dispose();
    scratch?.remove();
  });

  it('fails the build, naming the model and the column', () => {
    expect(built.summary.success).toBe(false);
    const result = built.summary.results.find((r) => r.name === 'assert_no_pii_after_staging')!;
    expect(result.status).toBe('fail');
    expect((result.expectation!.partial_unexpected_list as Array<Record<string, string>>).map((r) => [r.model, r.pii_column, r.violation])).toEqual([
      ['customer_contacts', 'full_name', 'model customer_contacts exposes PII column full_name (tagged pii in a source schema)'],
    ]);
  });

  it('is rejected by the TypeScript rule', async () => {
    const rows = readCsv(`${seedsDir}/customers.csv`).length; // every row has a name of 5+ characters
    await expect(assertNoPiiLeaks(built.summary.workspace, (sql) => built.warehouse.query(sql))).rejects.toThrow(
      new PiiLeakError([
        { model: 'customer_contacts', column: 'full_name', kind: 'value', message: `column 'full_name' of model 'customer_contacts' holds ${rows} raw value(s) of PII column bank.customers.full_name` },
        { model: 'customer_contacts', column: 'full_name', kind: 'name', message: "model 'customer_contacts' exposes PII column 'full_name' (bank.customers.full_name is tagged pii)" },
        { model: 'customer_contacts', column: '*', kind: 'source', message: "model 'customer_contacts' reads source bank.customers, which has PII columns; only staging models may" },
      ]).message,
    );
  });
});
