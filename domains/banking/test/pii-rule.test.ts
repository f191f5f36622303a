/**
 * The PII rule for banking, enforced by Strata's general `pii` policy (strata.config.ts):
 * column-level lineage follows the identity columns tagged `.meta({ pii: true })` in the source
 * schemas through every model, and the build fails before anything runs when one reaches a model
 * unmasked (age_in_years() is a masking macro: an age is not a birth date). The shipped project
 * passes; a mart that leaks a name is refused with the model, column, line and source column;
 * with the policy off, the singular test still fails the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkspace, StrataErrors, type PiiPolicyError } from '@strata/core';
import { TemporaryWarehouse } from '@strata/testkit';
import config from '../strata.config';
import { buildInto, problems, projectDir, scratchProject } from './support/project.js';

/** Written out by hand from models/staging/schema.ts: what the config must derive. */
const PII_COLUMNS = ['date_of_birth', 'description', 'email', 'full_name', 'national_id', 'phone', 'street_address'];

const CONTACTS = `{{ config(access='protected') }}\nselect upper(trim(customer_id)) as customer_id,\n  full_name\nfrom {{ source('bank', 'customers') }}`;

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
  it('builds with the policy on, and the warehouse-level test agrees', async () => {
    expect(config.pii).toEqual({ allow: [], maskingMacros: ['age_in_years'] });
    const built = await buildInto(projectDir);
    try {
      expect(problems(built.summary)).toEqual([]);
      expect(built.summary.results.find((r) => r.name === 'assert_no_pii_after_staging')?.status).toBe('pass');
    } finally {
      built.warehouse.dispose();
    }
  });

  it('needs the masking macro: without it, the age derived from the birth date is PII', async () => {
    const configText = readFileSync(`${projectDir}/strata.config.ts`, 'utf8').replace("pii: { allow: [], maskingMacros: ['age_in_years'] },", 'pii: { allow: [] },');
    const scratch = scratchProject({ files: { 'strata.config.ts': configText } });
    const warehouse = new TemporaryWarehouse();
    try {
      const error = (await warehouse.run([scratch.dir], 'build').then(() => undefined, (e: unknown) => e)) as StrataErrors;
      expect(error).toBeInstanceOf(StrataErrors);
      expect(error.errors.map((e) => [e.code, e.file!.slice(scratch.dir.length + 1), e.message])).toEqual([
        ['E_PII_LEAK', 'models/staging/stg_customers.sql', "model 'stg_customers' holds PII in column 'age' (from bank.customers.date_of_birth)"],
        ['E_PII_LEAK', 'models/marts/dim_customers.sql', "model 'dim_customers' holds PII in column 'age' (from bank.customers.date_of_birth)"],
      ]);
    } finally {
      warehouse.dispose();
      scratch.remove();
    }
  });
});

describe('a mart that leaks PII', () => {
  let scratch: ReturnType<typeof scratchProject>;
  afterAll(() => scratch?.remove());

  it('is refused before anything is built, naming the model, the column, its line and the source column', async () => {
    scratch = scratchProject({ files: { 'models/marts/customer_contacts.sql': CONTACTS } });
    const warehouse = new TemporaryWarehouse();
    try {
      const error = (await warehouse.run([scratch.dir], 'build').then(() => undefined, (e: unknown) => e)) as PiiPolicyError;
      expect([error.name, error.code, error.file, error.line, error.message]).toEqual([
        'PiiPolicyError',
        'E_PII_LEAK',
        join(scratch.dir, 'models/marts/customer_contacts.sql'),
        3,
        "model 'customer_contacts' holds PII in column 'full_name' (from bank.customers.full_name)",
      ]);
      expect(await warehouse.query("select schema_name from information_schema.schemata where schema_name like 'banking_%'")).toEqual([]);
    } finally {
      warehouse.dispose();
    }
  });

  it('with the policy switched off, the singular test still fails the build, naming the model and the column', async () => {
    const testSql = readFileSync(`${projectDir}/tests/assert_no_pii_after_staging.sql`, 'utf8').replace("ref('fraud_signals')", "ref('fraud_signals'),\n  ref('customer_contacts')");
    const configText = readFileSync(`${projectDir}/strata.config.ts`, 'utf8').replace("pii: { allow: [], maskingMacros: ['age_in_years'] },", '');
    const off = scratchProject({ files: { 'models/marts/customer_contacts.sql': CONTACTS, 'tests/assert_no_pii_after_staging.sql': testSql, 'strata.config.ts': configText } });
    const built = await buildInto(off.dir);
    try {
      expect(built.summary.success).toBe(false);
      const result = built.summary.results.find((r) => r.name === 'assert_no_pii_after_staging')!;
      expect(result.status).toBe('fail');
      expect((result.expectation!.partial_unexpected_list as Array<Record<string, string>>).map((r) => [r.model, r.pii_column, r.violation])).toEqual([
        ['customer_contacts', 'full_name', 'model customer_contacts exposes PII column full_name (tagged pii in a source schema)'],
      ]);
    } finally {
      built.warehouse.dispose();
      off.remove();
    }
  });
});
