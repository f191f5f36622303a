/**
 * The PII rule, enforced by Strata's general `pii` policy (strata.config.ts): column-level
 * lineage, read from the compiled SQL by DuckDB's own parser, follows every column tagged
 * `.meta({ pii: true })` in the source schemas, and the build fails before anything runs when one
 * reaches a model unmasked (patient_key() hashes the MRN; a ZIP3 is declared de-identified). The
 * shipped project passes; a model that leaks PII — by its name or under another one — is
 * rejected with an error naming the model, the column, its line and the source column. The
 * singular test tests/assert_no_pii_after_staging.sql stays as a check on the built warehouse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Compiler, DEFAULT_MASKING_FUNCTIONS, loadWorkspace, modelLineage, StrataErrors, type PiiPolicyError } from '@strata/core';
import { DuckDbSqlParser, duckdbAdapterFactory } from '@strata/adapter-duckdb';
import { TemporaryWarehouse } from '@strata/testkit';
import config from '../strata.config';
import { buildInto, problems, projectDir, scratchProject, TEST_SALT } from './support/project.js';

/** Written out by hand from models/staging/schema.ts: what the config must derive. */
const PII_COLUMNS = ['city', 'comment', 'date_of_birth', 'email', 'first_name', 'last_name', 'mrn', 'notes', 'phone', 'recorded_by', 'ssn', 'street_address', 'visit_reason', 'zip_code'];

/** Builds a scratch project and returns the error the run was refused with (nothing built). */
async function refused(dir: string): Promise<{ errors: PiiPolicyError[]; schemas: unknown[] }> {
  const warehouse = new TemporaryWarehouse();
  try {
    const error = await warehouse.run([dir], 'build', { vars: { patient_salt: TEST_SALT } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const errors = (error instanceof StrataErrors ? error.errors : [error]) as PiiPolicyError[];
    const schemas = await warehouse.query("select schema_name from information_schema.schemata where schema_name like 'healthcare_%'");
    return { errors, schemas };
  } finally {
    warehouse.dispose();
  }
}

describe('the PII column list', () => {
  it('is derived from the pii tags of the source schemas', () => {
    expect(config.vars.pii_columns).toEqual(PII_COLUMNS);
  });

  it('is checked after every model: the build-time test refs all of them', async () => {
    const workspace = await loadWorkspace({ projects: [projectDir] });
    const nodes = [...workspace.dag.manifest.nodes.values()];
    const models = nodes.filter((n) => n.resourceType === 'model' && n.config.materialized !== 'ephemeral').map((n) => n.uniqueId).sort();
    const test = nodes.find((n) => n.name === 'assert_no_pii_after_staging')!;
    expect([...test.dependsOn].sort()).toEqual(models);
  });
});

describe('the shipped project', () => {
  let warehouse: TemporaryWarehouse;
  let built: Awaited<ReturnType<typeof buildInto>>;
  beforeAll(async () => {
    built = await buildInto(projectDir);
    warehouse = built.warehouse;
  });
  afterAll(() => warehouse?.dispose());

  it('builds with the policy on: no model holds PII, and the warehouse-level test agrees', () => {
    expect(config.pii).toEqual({ allow: [], deidentified: ['stg_patients.zip3'] });
    expect(problems(built.summary)).toEqual([]);
    expect(built.summary.results.find((r) => r.name === 'assert_no_pii_after_staging')?.status).toBe('pass');
  });

  it('reads the lineage from the SQL: the patient key comes from the MRN through md5, the ZIP3 from the ZIP code', async () => {
    const workspace = await loadWorkspace({ projects: [projectDir] });
    const compiler = new Compiler(workspace.dag, { dialect: duckdbAdapterFactory.createDialect({}), target: { name: 'dev', adapter: 'duckdb' }, vars: { patient_salt: TEST_SALT } });
    const parser = new DuckDbSqlParser();
    try {
      const lineage = await modelLineage(workspace.dag, ['model.healthcare.stg_patients'], compiler, parser, DEFAULT_MASKING_FUNCTIONS);
      const columns = (lineage.get('model.healthcare.stg_patients') as { columns: Array<{ name: string; from: Array<{ node: string; column: string; masked: boolean }> }> }).columns;
      const of = (name: string) => [...new Set(columns.find((c) => c.name === name)!.from.map((f) => `${f.node}.${f.column}${f.masked ? ' (masked)' : ''}`))].sort();
      expect(of('patient_key')).toEqual(['source.healthcare.ehr.patients.mrn (masked)']);
      expect(of('zip3')).toEqual(['source.healthcare.ehr.patients.zip_code']);
    } finally {
      await parser.close();
    }
  });

  it('keeps the raw PII in the source schema only', async () => {
    const [row] = await warehouse.query<{ n: number }>("select count(*) as n from healthcare_ehr.patients where ssn <> ''");
    expect(row!.n).toBeGreaterThan(100);
  });
});

describe('a model that leaks PII', () => {
  // Protected: a public mart would first need a zod schema (its contract).
  const LEAKY = `{{ config(access='protected') }}\nselect {{ patient_key('mrn') }} as patient_key, ssn, date_of_birth from {{ source('ehr', 'patients') }}`;
  let scratch: ReturnType<typeof scratchProject>;
  afterAll(() => scratch?.remove());

  it('is refused before anything is built, naming the model, the columns, the line and the source columns', async () => {
    scratch = scratchProject({ files: { 'models/marts/leaky_patients.sql': LEAKY } });
    const { errors, schemas } = await refused(scratch.dir);
    expect(errors.map((e) => [e.name, e.code, e.file, e.line, e.message])).toEqual([
      ['PiiPolicyError', 'E_PII_LEAK', join(scratch.dir, 'models/marts/leaky_patients.sql'), 2, "model 'leaky_patients' holds PII in column 'ssn' (from ehr.patients.ssn)"],
      ['PiiPolicyError', 'E_PII_LEAK', join(scratch.dir, 'models/marts/leaky_patients.sql'), 2, "model 'leaky_patients' holds PII in column 'date_of_birth' (from ehr.patients.date_of_birth)"],
    ]);
    expect(errors[0]!.hint).toBe('mask it on the way (hash(), surrogate_key() or another function in pii.masking), drop the column, or add the model to pii.allow in strata.config.ts');
    expect(schemas).toEqual([]);
  });

  it('with the policy switched off, the warehouse-level singular test still catches it', async () => {
    const testSql = readFileSync(`${projectDir}/tests/assert_no_pii_after_staging.sql`, 'utf8').replace("ref('med_adherence')", "ref('med_adherence'),\n  ref('leaky_patients')");
    const configText = readFileSync(`${projectDir}/strata.config.ts`, 'utf8').replace("pii: { allow: [], deidentified: ['stg_patients.zip3'] },", '');
    const off = scratchProject({ files: { 'models/marts/leaky_patients.sql': LEAKY, 'tests/assert_no_pii_after_staging.sql': testSql, 'strata.config.ts': configText } });
    const built = await buildInto(off.dir);
    try {
      const result = built.summary.results.find((r) => r.name === 'assert_no_pii_after_staging')!;
      expect(result.status).toBe('fail');
      expect((result.expectation!.partial_unexpected_list as Array<Record<string, string>>).map((r) => r.violation).sort()).toEqual([
        'model leaky_patients exposes PII column date_of_birth (tagged pii in a source schema)',
        'model leaky_patients exposes PII column ssn (tagged pii in a source schema)',
      ]);
    } finally {
      built.warehouse.dispose();
      off.remove();
    }
  });
});

describe('a model that leaks PII under another name', () => {
  // A name check cannot see `phone as contact`; lineage follows the value.
  const SNEAKY = `{{ config(access='protected') }}\nselect p.patient_key,\n  r.phone as contact\nfrom {{ ref('stg_patients') }} as p cross join (select phone from {{ source('ehr', 'patients') }} limit 3) as r`;
  let scratch: ReturnType<typeof scratchProject>;
  afterAll(() => scratch?.remove());

  it('is refused all the same, at the line of the column', async () => {
    scratch = scratchProject({ files: { 'models/marts/sneaky_contacts.sql': SNEAKY } });
    const { errors, schemas } = await refused(scratch.dir);
    expect(errors.map((e) => [e.code, e.line, e.message])).toEqual([['E_PII_LEAK', 3, "model 'sneaky_contacts' holds PII in column 'contact' (from ehr.patients.phone)"]]);
    expect(schemas).toEqual([]);
  });
});
