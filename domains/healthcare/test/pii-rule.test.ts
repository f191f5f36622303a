/**
 * The PII rule: columns tagged `.meta({ pii: true })` in the source schemas never reach a built
 * model. Shown both ways — the shipped project passes, and a project with a leaking model is
 * rejected, at build time (tests/assert_no_pii_after_staging.sql) and by the TypeScript rule,
 * with errors that name the model and the column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '@strata/core';
import type { TemporaryWarehouse } from '@strata/testkit';
import config from '../strata.config';
import { assertNoPiiLeaks, findPiiLeaks, PiiLeakError } from './support/pii-rule.js';
import { readCsv } from './support/csv.js';
import { buildInto, problems, projectDir, scratchProject, seedsDir } from './support/project.js';

/** Written out by hand from models/staging/schema.ts: what the config must derive. */
const PII_COLUMNS = ['city', 'comment', 'date_of_birth', 'email', 'first_name', 'last_name', 'mrn', 'notes', 'phone', 'recorded_by', 'ssn', 'street_address', 'visit_reason', 'zip_code'];

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

  it('exposes no PII by name, by source or by value', async () => {
    expect(problems(built.summary)).toEqual([]);
    expect(await findPiiLeaks(built.summary.workspace, (sql) => warehouse.query(sql))).toEqual([]);
  });

  it('keeps the raw PII in the source schema only', async () => {
    const [row] = await warehouse.query<{ n: number }>("select count(*) as n from healthcare_ehr.patients where ssn <> ''");
    expect(row!.n).toBeGreaterThan(100);
  });
});

describe('a model that leaks PII', () => {
  const LEAKY = `select {{ patient_key('mrn') }} as patient_key, ssn, date_of_birth from {{ source('ehr', 'patients') }}`;
  // The singular test must ref the new model to run after it, as its header asks.
  const TEST_WITH_LEAKY = (text: string) => text.replace("ref('med_adherence')", "ref('med_adherence'),\n  ref('leaky_patients')");
  let scratch: ReturnType<typeof scratchProject>;
  let built: Awaited<ReturnType<typeof buildInto>>;

  beforeAll(async () => {
    const { readFileSync } = await import('node:fs');
    const testSql = readFileSync(`${projectDir}/tests/assert_no_pii_after_staging.sql`, 'utf8');
    scratch = scratchProject({ files: { 'models/marts/leaky_patients.sql': LEAKY, 'tests/assert_no_pii_after_staging.sql': TEST_WITH_LEAKY(testSql) } });
    built = await buildInto(scratch.dir);
  });
  afterAll(() => {
    built?.warehouse.dispose();
    scratch?.remove();
  });

  it('fails the build, naming the model and the columns', () => {
    expect(built.summary.success).toBe(false);
    const result = built.summary.results.find((r) => r.name === 'assert_no_pii_after_staging')!;
    expect(result.status).toBe('fail');
    expect(result.failures).toBe(2);
    const rows = result.expectation!.partial_unexpected_list as Array<Record<string, string>>;
    expect(rows.map((r) => r.violation).sort()).toEqual([
      'model leaky_patients exposes PII column date_of_birth (tagged pii in a source schema)',
      'model leaky_patients exposes PII column ssn (tagged pii in a source schema)',
    ]);
  });

  it('is rejected by the TypeScript rule with an error naming the model and the columns', async () => {
    // The value check counts leaked rows whose value is at least 5 characters: every row has a
    // date of birth; blank SSNs leak nothing.
    const raw = readCsv(`${seedsDir}/patients.csv`);
    const withSsn = raw.filter((r) => r.ssn!.trim().length >= 5).length;
    expect(withSsn).toBeLessThan(raw.length);
    const check = assertNoPiiLeaks(built.summary.workspace, (sql) => built.warehouse.query(sql));
    await expect(check).rejects.toBeInstanceOf(PiiLeakError);
    await expect(check).rejects.toThrow(
      [
        'PII rule violated:',
        `  column 'date_of_birth' of model 'leaky_patients' holds ${raw.length} raw value(s) of PII column ehr.patients.date_of_birth`,
        `  column 'ssn' of model 'leaky_patients' holds ${withSsn} raw value(s) of PII column ehr.patients.ssn`,
        "  model 'leaky_patients' exposes PII column 'date_of_birth' (ehr.patients.date_of_birth is tagged pii)",
        "  model 'leaky_patients' exposes PII column 'ssn' (ehr.patients.ssn is tagged pii)",
        "  model 'leaky_patients' reads source ehr.patients, which has PII columns; only staging models may",
      ].join('\n'),
    );
  });
});

describe('a model that leaks PII under another name', () => {
  const SNEAKY = `select p.patient_key, r.phone as contact from {{ ref('stg_patients') }} as p cross join (select phone from {{ source('ehr', 'patients') }} limit 3) as r`;
  let scratch: ReturnType<typeof scratchProject>;
  let built: Awaited<ReturnType<typeof buildInto>>;

  beforeAll(async () => {
    scratch = scratchProject({ files: { 'models/marts/sneaky_contacts.sql': SNEAKY } });
    built = await buildInto(scratch.dir);
  });
  afterAll(() => {
    built?.warehouse.dispose();
    scratch?.remove();
  });

  it('passes the name check but not the source and value checks', async () => {
    const leaks = await findPiiLeaks(built.summary.workspace, (sql) => built.warehouse.query(sql));
    expect(leaks.map((l) => [l.kind, l.model, l.column])).toEqual([
      ['value', 'sneaky_contacts', 'contact'],
      ['source', 'sneaky_contacts', '*'],
    ]);
    expect(leaks[0]!.message).toMatch(/^column 'contact' of model 'sneaky_contacts' holds \d+ raw value\(s\) of PII column ehr\.patients\.phone$/);
  });
});
