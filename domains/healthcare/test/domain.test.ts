/**
 * The shipped project built on its committed seeds: every node succeeds, every test passes, and
 * every mart row equals what the generator's clean plans say (healthcareTruth, plain TypeScript
 * over the data before dirt was added) — so staging saw through every kind of dirt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryWarehouse } from '@strata/testkit';
import { healthcareTruth, plans, type HealthcareTruth } from '../src/datagen.js';
import { dimPatientsSchema, fctAppointmentsSchema, medAdherenceSchema, projectDir as exportedProjectDir } from '../src/index.js';
import { buildInto, patientKeyOf, problems, projectDir } from './support/project.js';

let warehouse: TemporaryWarehouse;
let summary: Awaited<ReturnType<typeof buildInto>>['summary'];
let truth: HealthcareTruth;

beforeAll(async () => {
  truth = healthcareTruth(plans());
  ({ warehouse, summary } = await buildInto(projectDir));
});

afterAll(() => warehouse?.dispose());

describe('healthcare build', () => {
  it('succeeds on every node', () => {
    expect(problems(summary)).toEqual([]);
    const count = (type: string) => summary.results.filter((r) => r.resourceType === type).length;
    expect(count('seed')).toBe(6);
    expect(count('model')).toBe(7); // 3 staging, int_patient_activity, 3 marts
    expect(count('test')).toBeGreaterThan(100);
    expect(summary.results.find((r) => r.name === 'assert_no_pii_after_staging')?.status).toBe('pass');
  });

  it('exports the project folder', () => {
    expect(exportedProjectDir).toBe(projectDir);
  });

  it('has one dim_patients row per patient, equal to the plan', async () => {
    const rows = await warehouse.query('select * from healthcare_marts.dim_patients');
    expect(rows).toHaveLength(truth.patients.size);
    const byKey = new Map(rows.map((r) => [r.patient_key, r]));
    for (const p of truth.patients.values()) {
      const row = byKey.get(patientKeyOf(p.mrn));
      expect(row, `patient ${p.mrn}`).toMatchObject({
        sex: p.sex,
        age_band: p.ageBand,
        state: p.state,
        zip3: p.zip3,
        insurance_type: p.insuranceType,
        appointments: p.appointments,
        appointments_completed: p.completed,
        no_shows: p.noShows,
        medications: p.medications,
        doses_scheduled: p.dosesScheduled,
        doses_taken: p.dosesTaken,
      });
    }
    for (const row of rows) expect(() => dimPatientsSchema.parse(row)).not.toThrow();
  });

  it('has fct_appointments equal to the plan, day by day', async () => {
    const rows = await warehouse.query<Record<string, unknown> & { appointment_date: Date }>('select * from healthcare_marts.fct_appointments');
    expect(rows).toHaveLength(truth.appointmentDays.size);
    for (const row of rows) {
      const key = `${row.appointment_date.toISOString().slice(0, 10)}|${row.department}|${row.provider_id}`;
      const day = truth.appointmentDays.get(key);
      expect(day, key).toBeDefined();
      const rate = day!.completed + day!.noShows > 0 ? Math.round((day!.noShows / (day!.completed + day!.noShows)) * 1e4) / 1e4 : null;
      expect(row, key).toMatchObject({ scheduled: day!.scheduled, completed: day!.completed, cancelled: day!.cancelled, no_shows: day!.noShows, open: day!.open, no_show_rate: rate });
      expect(row.avg_lead_time_days as number).toBeCloseTo(day!.leadDaysSum / day!.scheduled, 2);
      expect(() => fctAppointmentsSchema.parse({ ...row, appointment_date: key.slice(0, 10) })).not.toThrow();
    }
  });

  it('has med_adherence equal to the plan, patient by medication', async () => {
    const rows = await warehouse.query('select * from healthcare_marts.med_adherence');
    expect(rows).toHaveLength(truth.adherence.size);
    const mrnByKey = new Map([...truth.patients.keys()].map((mrn) => [patientKeyOf(mrn), mrn]));
    let adherent = 0;
    for (const row of rows) {
      const key = `${mrnByKey.get(row.patient_key as string)}|${row.medication}`;
      const a = truth.adherence.get(key);
      expect(a, key).toBeDefined();
      expect(row, key).toMatchObject({ doses_scheduled: a!.scheduled, doses_taken: a!.taken, doses_missed: a!.scheduled - a!.taken, doses_late: a!.late, is_adherent: a!.isAdherent });
      if (a!.isAdherent) adherent++;
    }
    // Both outcomes occur in the committed data, so the threshold is exercised.
    expect(adherent).toBeGreaterThan(0);
    expect(adherent).toBeLessThan(rows.length);
    for (const row of rows) expect(() => medAdherenceSchema.parse({ ...row, first_due_date: '2024-01-01', last_due_date: '2024-01-01' })).not.toThrow();
  });

  it('removes the duplicate export rows the seeds contain', async () => {
    const [raw] = await warehouse.query<{ patients: number; appointments: number; doses: number }>(
      `select (select count(*) from healthcare_ehr.patients) as patients, (select count(*) from healthcare_ehr.appointments) as appointments, (select count(*) from healthcare_ehr.medications) as doses`,
    );
    const appointments = [...truth.appointmentDays.values()].reduce((n, d) => n + d.scheduled, 0);
    const doses = [...truth.adherence.values()].reduce((n, a) => n + a.scheduled, 0);
    expect(raw!.patients).toBeGreaterThan(truth.patients.size);
    expect(raw!.appointments).toBeGreaterThan(appointments);
    expect(raw!.doses).toBeGreaterThan(doses);
    const [staged] = await warehouse.query<{ appointments: number; doses: number }>(
      'select (select count(*) from healthcare_staging.stg_appointments) as appointments, (select count(*) from healthcare_staging.stg_dose_events) as doses',
    );
    expect(staged).toEqual({ appointments, doses });
  });
});
