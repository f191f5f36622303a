/**
 * Where the patient key's salt comes from (macros/pii.sql): --vars, then STRATA_PATIENT_SALT,
 * then — on synthetic-data targets only — the development salt; anything else stops compilation.
 * And the salt never appears in the compiled SQL of a mart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TemporaryWarehouse } from '@strata/testkit';
import { projectDir } from './support/project.js';

const DEV_SALT = 'strata-synthetic-data-only:healthcare';
const saved = process.env.STRATA_PATIENT_SALT;

async function compile(vars: Record<string, unknown> = {}): Promise<Map<string, string>> {
  const warehouse = new TemporaryWarehouse();
  try {
    return (await warehouse.run([projectDir], 'compile', { vars })).compiled;
  } finally {
    warehouse.dispose();
  }
}

const sqlOf = (compiled: Map<string, string>, model: string) => compiled.get(`model.healthcare.${model}`)!;

afterEach(() => {
  if (saved === undefined) delete process.env.STRATA_PATIENT_SALT;
  else process.env.STRATA_PATIENT_SALT = saved;
});

describe('the patient salt', () => {
  it('falls back to the development salt on the dev target only when nothing else is set', async () => {
    delete process.env.STRATA_PATIENT_SALT;
    const compiled = await compile();
    expect(sqlOf(compiled, 'stg_patients')).toContain(`'${DEV_SALT}'`);
  });

  it('stops compilation on a target that may not use the development salt', async () => {
    delete process.env.STRATA_PATIENT_SALT;
    await expect(compile({ synthetic_data_targets: [] })).rejects.toThrow(
      `no patient salt for target 'dev': export STRATA_PATIENT_SALT (16+ random characters) or pass --vars '{"patient_salt": "..."}'`,
    );
  });

  it('comes from STRATA_PATIENT_SALT when set', async () => {
    process.env.STRATA_PATIENT_SALT = 'env-salt-0123456789abcdef';
    const compiled = await compile({ synthetic_data_targets: [] });
    for (const model of ['stg_patients', 'stg_appointments', 'stg_dose_events']) expect(sqlOf(compiled, model)).toContain("'env-salt-0123456789abcdef'");
    expect(sqlOf(compiled, 'stg_patients')).not.toContain(DEV_SALT);
  });

  it('prefers --vars patient_salt over the environment', async () => {
    process.env.STRATA_PATIENT_SALT = 'env-salt-0123456789abcdef';
    const compiled = await compile({ patient_salt: 'vars-salt-0123456789abcdef' });
    expect(sqlOf(compiled, 'stg_patients')).toContain("'vars-salt-0123456789abcdef'");
    expect(sqlOf(compiled, 'stg_patients')).not.toContain('env-salt');
  });

  it('must be at least 16 characters long', async () => {
    await expect(compile({ patient_salt: 'short' })).rejects.toThrow('the patient salt is 5 characters long; use at least 16 random characters');
  });

  it('never reaches the SQL of an intermediate model or a mart (views and tables alike)', async () => {
    const compiled = await compile({ patient_salt: 'vars-salt-0123456789abcdef' });
    for (const model of ['int_patient_activity', 'dim_patients', 'fct_appointments', 'med_adherence']) {
      expect(sqlOf(compiled, model)).toBeDefined();
      expect(sqlOf(compiled, model)).not.toContain('vars-salt');
    }
  });
});
