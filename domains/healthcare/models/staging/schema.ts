import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

/**
 * The EHR export (`ehr.*`, every column VARCHAR: the export is text and staging parses it) and
 * the staging models that clean it. Columns tagged `.meta({ pii: true })` hold personal data:
 * staging reads them, and no model may expose them (see tests/assert_no_pii_after_staging.sql).
 */

/** A raw text column that carries personal data. */
const pii = (description: string) => z.string().nullable().meta({ pii: true, description });
/** A raw text column without personal data. */
const text = (description: string) => z.string().nullable().meta({ description });

/** The documented appointment statuses every raw code maps to (seeds/appointment_status_codes.csv). */
export const APPOINTMENT_STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
/** Age bands of the HIPAA Safe Harbor spirit: everyone 90 or older shares one band. */
export const AGE_BANDS = ['0-17', '18-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+'] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const INSURANCE_TYPES = ['medicare', 'medicaid', 'commercial', 'self_pay', 'unknown'] as const;

/** The pseudonymous patient key column, with extra metadata (unique, references). */
const patientKey = (meta: { unique?: boolean; references?: ReturnType<typeof ref> } = {}) =>
  z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .meta({ description: 'Pseudonymous patient key: md5 of the salt and the normalised MRN (see macros/pii.sql)', ...meta });

export default defineSchemas({
  sources: {
    ehr: {
      patients: {
        description: 'Patient demographics as the EHR exports them: one row per patient version (a patient updated twice appears twice).',
        columns: z.object({
          mrn: z.string().meta({ pii: true, description: 'Medical record number, written MRN-000123, 123, mrn 123 …' }),
          first_name: pii('Given name'),
          last_name: pii('Family name'),
          sex: text('M, F, Female, male, U, blank …'),
          date_of_birth: pii('Date of birth in ISO, US (m/d/Y), compact (YYYYMMDD) or d-Mon-Y form'),
          ssn: pii('Social security number, with or without dashes'),
          phone: pii('Phone number in any format'),
          email: pii('E-mail address'),
          street_address: pii('Street and house number'),
          city: pii('City (a geographic unit smaller than a state: an identifier under HIPAA Safe Harbor)'),
          state: text('US state as a code in any case or as a full name'),
          zip_code: pii('ZIP code, ZIP+4, or a ZIP that lost its leading zero in a spreadsheet'),
          insurance: text('Payer name as typed at registration'),
          primary_language: text('Preferred language'),
          notes: pii('Free-text registration notes; may contain names and phone numbers'),
          last_updated: z.string().meta({ description: 'When this version of the patient row was written (local time, mixed formats)' }),
        }),
      },
      appointments: {
        description: 'Appointments with date and time in separate, inconsistently formatted columns and status codes from several scheduling systems.',
        columns: z.object({
          appointment_id: z.string().meta({ description: 'Appointment number (an exported row may repeat)' }),
          mrn: z.string().meta({ pii: true, description: 'Patient MRN in any of the patient table formats' }),
          provider_id: z.string().meta({ description: 'Treating provider, P012 or p012' }),
          provider_name: text('Provider display name (staff, not patient data)'),
          department: text('Department in any case'),
          appt_date: z.string().meta({ description: 'Appointment date: 2024-03-05, 03/05/2024, 20240305 or 5-Mar-2024' }),
          appt_time: z.string().meta({ description: 'Appointment time: 09:30, 9:30 AM, 0930 or 09:30:00' }),
          status: text('Status code: CMP, NS, CXL, no-show, Completed, booked, DNA …'),
          booked_at: z.string().meta({ description: 'When the appointment was booked (local time, mixed formats)' }),
          visit_reason: pii('Free-text reason for the visit'),
        }),
      },
      medications: {
        description: 'Medication administration record: one row per scheduled dose of a prescription, with the time it was taken (blank when missed).',
        columns: z.object({
          mar_id: z.string().meta({ description: 'Dose record number (an exported row may repeat)' }),
          rx_number: z.string().meta({ description: 'Prescription number' }),
          mrn: z.string().meta({ pii: true, description: 'Patient MRN' }),
          drug_name: z.string().meta({ description: 'Drug name in any case' }),
          strength: text('Strength: 500 mg, 500mg, 500MG'),
          frequency: text('QD, BID …'),
          scheduled_time: z.string().meta({ description: 'When the dose was due (local time, mixed formats)' }),
          administered_time: text('When it was taken; blank, N/A or null when it was not'),
          admin_status: text('Given, Taken, Self-administered, Missed, Refused, Held, blank …'),
          recorded_by: pii('Nurse who charted the dose (staff personal data)'),
          comment: pii('Free-text charting comment'),
        }),
      },
    },
  },
  models: {
    stg_patients: {
      description: 'One row per patient, latest version, with every identifier removed: a salted pseudonymous key, age band, sex, state and 3-digit ZIP.',
      columns: z.object({
        patient_key: patientKey({ unique: true }),
        sex: z.enum(SEXES),
        age_band: z.enum(AGE_BANDS).meta({ description: 'Age on var(as_of_date), banded; 90+ is one band' }),
        state: z.string().length(2).nullable().meta({ description: 'Two-letter state code' }),
        zip3: z.string().regex(/^[0-9]{3}$/).nullable().meta({ description: 'First three ZIP digits; 000 where fewer than 20,000 people share them (Safe Harbor)' }),
        insurance_type: z.enum(INSURANCE_TYPES),
        primary_language: z.string().nullable().meta({ description: 'Lower-case language name' }),
      }),
      tests: [{ name: 'row_count_between', min: 1 }],
    },
    stg_appointments: {
      description: 'One row per appointment: one timestamp, a status from the documented set, booking lead time.',
      columns: z.object({
        appointment_id: z.string().meta({ unique: true }),
        patient_key: patientKey({ references: ref('stg_patients', 'patient_key') }),
        provider_id: z.string().regex(/^P[0-9]{3}$/),
        provider_name: z.string().nullable(),
        department: z.string().meta({ description: 'Lower-case department name' }),
        scheduled_at: z.iso.datetime().meta({ description: 'Appointment start (local time)' }),
        appointment_date: z.iso.date(),
        booked_at: z.iso.datetime(),
        lead_time_days: z.number().int().min(0).meta({ description: 'Calendar days from booking to the appointment' }),
        status: z.enum(APPOINTMENT_STATUSES),
      }),
    },
    stg_dose_events: {
      description: 'One row per scheduled medication dose: due and taken times, taken or missed, late when taken more than var(late_dose_minutes) after it was due.',
      columns: z.object({
        dose_event_id: z.string().meta({ unique: true }),
        rx_number: z.string(),
        patient_key: patientKey({ references: ref('stg_patients', 'patient_key') }),
        medication: z.string().meta({ description: 'Lower-case drug name and strength: metformin 500mg' }),
        frequency: z.enum(['once_daily', 'twice_daily']).meta({ description: 'QD, daily → once_daily; BID → twice_daily' }),
        scheduled_at: z.iso.datetime(),
        taken_at: z.iso.datetime().nullable(),
        dose_status: z.enum(['taken', 'missed']),
        minutes_late: z.number().int().nullable().meta({ description: 'Minutes between due and taken (negative when early); null when missed' }),
        is_late: z.boolean(),
      }),
      tests: [{ name: 'expression_is_true', expression: "(dose_status = 'taken') = (taken_at is not null)" }],
    },
  },
});
