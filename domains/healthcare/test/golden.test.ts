/**
 * Golden values: the project built on the small hand-written EHR export in test/fixtures/, every
 * expected value worked out by hand from those rows (the derivation is in the comments), never by
 * running the SQL. as_of_date is 2024-06-30, late means more than 60 minutes, adherent ≥ 0.8.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryWarehouse } from '@strata/testkit';
import { buildInto, fixturesDir, patientKeyOf, problems, scratchProject } from './support/project.js';

const fixture = (name: string) => readFileSync(join(fixturesDir, `${name}.csv`), 'utf8');
const [ana, bo, cy] = [patientKeyOf(101), patientKeyOf(102), patientKeyOf(103)];

let warehouse: TemporaryWarehouse;
let remove: () => void;

beforeAll(async () => {
  const scratch = scratchProject({ seeds: { patients: fixture('patients'), appointments: fixture('appointments'), medications: fixture('medications') } });
  remove = scratch.remove;
  const built = await buildInto(scratch.dir);
  warehouse = built.warehouse;
  expect(problems(built.summary)).toEqual([]);
});

afterAll(() => {
  warehouse?.dispose();
  remove?.();
});

describe('stg_patients on the fixture', () => {
  it('keeps the latest version of each patient and removes every identifier', async () => {
    const rows = await warehouse.query('select * from healthcare_staging.stg_patients order by age_band');
    expect(rows).toEqual([
      // 103: 'U'; born 2006-07-01, the 18th birthday is a day after as_of → 17; 'Illinois' → IL; blank insurance.
      { patient_key: cy, sex: 'unknown', age_band: '0-17', state: 'IL', zip3: '606', insurance_type: 'unknown', primary_language: 'english' },
      // 101: the 2024-01-10 version wins over 2023-01-05; born 1990-07-01 → 33 on 2024-06-30;
      // moved to Alstead NH, ZIP 03602-1234 → ZIP3 036, a restricted area → 000; Medicare.
      { patient_key: ana, sex: 'female', age_band: '30-39', state: 'NH', zip3: '000', insurance_type: 'medicare', primary_language: 'spanish' },
      // 102: 'm'; born 1933-06-30, birthday on as_of itself → 91 → 90+; 'ny' → NY; 'self pay'; blank language.
      { patient_key: bo, sex: 'male', age_band: '90+', state: 'NY', zip3: '100', insurance_type: 'self_pay', primary_language: null },
    ]);
  });
});

describe('stg_appointments on the fixture', () => {
  it('drops the duplicate export row and parses every date and time notation', async () => {
    const rows = await warehouse.query<{ appointment_id: string; scheduled_at: Date; status: string; lead_time_days: number }>(
      'select appointment_id, scheduled_at, status, lead_time_days from healthcare_staging.stg_appointments order by appointment_id',
    );
    expect(rows.map((r) => [r.appointment_id, r.scheduled_at.toISOString().slice(0, 16), r.status, r.lead_time_days])).toEqual([
      ['A1', '2024-03-05T09:30', 'completed', 4], // booked 03-01
      ['A2', '2024-03-05T14:15', 'no_show', 14], // 2:15 PM; booked 02-20
      ['A3', '2024-03-05T16:00', 'no_show', 0], // 20240305 + 1600; booked the same morning
      ['A4', '2024-03-05T11:00', 'cancelled', 60], // 5-Mar-2024; booked 01-05: 31 days of January + 29 of February
      ['A5', '2024-07-15T10:00', 'scheduled', 25], // after the export date, still booked
      ['A6', '2024-03-06T08:00', 'completed', 0],
      ['A7', '2024-03-06T08:15', 'no_show', 29], // DNA = did not attend; booked 02-06 (2024 is a leap year)
    ]);
  });
});

describe('fct_appointments on the fixture', () => {
  it('counts each day, department and provider', async () => {
    const rows = await warehouse.query<Record<string, unknown> & { appointment_date: Date }>(
      'select * from healthcare_marts.fct_appointments order by appointment_date, department',
    );
    expect(rows.map((r) => ({ ...r, appointment_date: r.appointment_date.toISOString().slice(0, 10) }))).toEqual([
      // A1 completed, A2 + A3 no-shows, A4 cancelled; no-show rate 2 / (1 + 2); lead (4 + 14 + 0 + 60) / 4.
      { appointment_date: '2024-03-05', department: 'cardiology', provider_id: 'P001', provider_name: 'Okafor, Adaeze MD', scheduled: 4, completed: 1, cancelled: 1, no_shows: 2, open: 0, no_show_rate: 0.6667, avg_lead_time_days: 19.5 },
      // A6 completed, A7 no-show; lead (0 + 29) / 2.
      { appointment_date: '2024-03-06', department: 'family medicine', provider_id: 'P007', provider_name: 'Brennan, Siobhan MD', scheduled: 2, completed: 1, cancelled: 0, no_shows: 1, open: 0, no_show_rate: 0.5, avg_lead_time_days: 14.5 },
      // A5 still open: no completed or no-show, so no rate.
      { appointment_date: '2024-07-15', department: 'family medicine', provider_id: 'P007', provider_name: 'Brennan, Siobhan MD', scheduled: 1, completed: 0, cancelled: 0, no_shows: 0, open: 1, no_show_rate: null, avg_lead_time_days: 25 },
    ]);
  });
});

describe('stg_dose_events on the fixture', () => {
  it('parses due and taken times and measures lateness', async () => {
    const rows = await warehouse.query('select dose_event_id, dose_status, minutes_late, is_late from healthcare_staging.stg_dose_events order by dose_event_id');
    expect(rows).toEqual([
      { dose_event_id: 'M1', dose_status: 'taken', minutes_late: 10, is_late: false },
      { dose_event_id: 'M10', dose_status: 'missed', minutes_late: null, is_late: false }, // 'null'
      { dose_event_id: 'M11', dose_status: 'taken', minutes_late: 5, is_late: false },
      { dose_event_id: 'M12', dose_status: 'taken', minutes_late: 0, is_late: false },
      { dose_event_id: 'M13', dose_status: 'taken', minutes_late: 20, is_late: false },
      { dose_event_id: 'M14', dose_status: 'taken', minutes_late: 45, is_late: false },
      { dose_event_id: 'M15', dose_status: 'taken', minutes_late: 60, is_late: false },
      { dose_event_id: 'M16', dose_status: 'missed', minutes_late: null, is_late: false }, // 'NULL'
      { dose_event_id: 'M2', dose_status: 'taken', minutes_late: 60, is_late: false }, // exactly 60 is on time
      { dose_event_id: 'M3', dose_status: 'taken', minutes_late: 61, is_late: true }, // 9:01 AM
      { dose_event_id: 'M4', dose_status: 'missed', minutes_late: null, is_late: false }, // 'N/A'
      { dose_event_id: 'M5', dose_status: 'missed', minutes_late: null, is_late: false }, // blank; m5 is its duplicate
      { dose_event_id: 'M6', dose_status: 'taken', minutes_late: -10, is_late: false }, // early
      { dose_event_id: 'M7', dose_status: 'taken', minutes_late: 240, is_late: true },
      { dose_event_id: 'M8', dose_status: 'taken', minutes_late: 0, is_late: false },
      { dose_event_id: 'M9', dose_status: 'taken', minutes_late: 30, is_late: false },
    ]);
  });
});

describe('med_adherence on the fixture', () => {
  it('summarises doses per patient and medication', async () => {
    const rows = await warehouse.query<Record<string, unknown> & { first_due_date: Date; last_due_date: Date }>(
      'select * from healthcare_marts.med_adherence order by medication',
    );
    expect(rows.map((r) => ({ ...r, first_due_date: r.first_due_date.toISOString().slice(0, 10), last_due_date: r.last_due_date.toISOString().slice(0, 10) }))).toEqual([
      // RX2 (M6–M10) and RX3 (M11) are the same medication: 6 due, M10 refused, M7 late; 5/6.
      { patient_key: bo, medication: 'lisinopril 10mg', prescriptions: 2, first_due_date: '2024-03-01', last_due_date: '2024-04-01', doses_scheduled: 6, doses_taken: 5, doses_missed: 1, doses_late: 1, adherence_rate: 0.8333, is_adherent: true },
      // M1–M5 (m5 is a duplicate): M4, M5 missed, M3 late; 3/5.
      { patient_key: ana, medication: 'metformin 500mg', prescriptions: 1, first_due_date: '2024-03-01', last_due_date: '2024-03-03', doses_scheduled: 5, doses_taken: 3, doses_missed: 2, doses_late: 1, adherence_rate: 0.6, is_adherent: false },
      // M12–M16: M16 held; 4/5 = 0.8 exactly, which is adherent (≥).
      { patient_key: cy, medication: 'omeprazole 20mg', prescriptions: 1, first_due_date: '2024-05-01', last_due_date: '2024-05-05', doses_scheduled: 5, doses_taken: 4, doses_missed: 1, doses_late: 0, adherence_rate: 0.8, is_adherent: true },
    ]);
  });
});

describe('dim_patients on the fixture', () => {
  it('joins demographics with appointment and medication activity', async () => {
    const rows = await warehouse.query(
      'select patient_key, appointments, appointments_completed, appointments_cancelled, no_shows, no_show_rate, medications, doses_scheduled, doses_taken, adherence_rate, is_adherent from healthcare_marts.dim_patients order by doses_taken',
    );
    expect(rows).toEqual([
      // A1 completed, A4 cancelled, A7 no-show → 1 / (1 + 1); metformin 3 of 5.
      { patient_key: ana, appointments: 3, appointments_completed: 1, appointments_cancelled: 1, no_shows: 1, no_show_rate: 0.5, medications: 1, doses_scheduled: 5, doses_taken: 3, adherence_rate: 0.6, is_adherent: false },
      // A3 no-show, A6 completed; omeprazole 4 of 5.
      { patient_key: cy, appointments: 2, appointments_completed: 1, appointments_cancelled: 0, no_shows: 1, no_show_rate: 0.5, medications: 1, doses_scheduled: 5, doses_taken: 4, adherence_rate: 0.8, is_adherent: true },
      // A2 no-show, A5 open → 1 / (0 + 1); lisinopril 5 of 6.
      { patient_key: bo, appointments: 2, appointments_completed: 0, appointments_cancelled: 0, no_shows: 1, no_show_rate: 1, medications: 1, doses_scheduled: 6, doses_taken: 5, adherence_rate: 0.8333, is_adherent: true },
    ]);
  });
});
