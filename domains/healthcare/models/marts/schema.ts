import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';
import { AGE_BANDS, INSURANCE_TYPES, SEXES } from '../staging/schema';

/**
 * The public marts. Contracts hold: each built table has exactly these columns. src/index.ts
 * exports these schemas and their `z.infer` row types.
 */

const count = (description: string) => z.number().int().min(0).meta({ description });
const rate = (description: string) => z.number().min(0).max(1).meta({ description });
const patientKey = (meta: { unique?: boolean; references?: ReturnType<typeof ref> }) =>
  z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .meta({ description: 'Pseudonymous patient key (salted md5 of the MRN); the same patient has the same key in every mart', ...meta });

export default defineSchemas({
  models: {
    dim_patients: {
      description: 'One row per patient, pseudonymised: demographics a researcher may see, and the patient\'s appointment and medication activity.',
      contract: true,
      columns: z.object({
        patient_key: patientKey({ unique: true }),
        sex: z.enum(SEXES),
        age_band: z.enum(AGE_BANDS).meta({ description: 'Age on var(as_of_date), in bands; everyone 90 or older is 90+' }),
        state: z.string().length(2).nullable().meta({ description: 'Two-letter state code' }),
        zip3: z.string().regex(/^[0-9]{3}$/).nullable().meta({ description: 'First three ZIP digits, 000 for the Safe Harbor restricted areas' }),
        insurance_type: z.enum(INSURANCE_TYPES),
        primary_language: z.string().nullable(),
        appointments: count('Appointments booked, any status'),
        appointments_completed: count('Appointments attended'),
        appointments_cancelled: count('Appointments cancelled'),
        no_shows: count('Appointments missed without cancelling'),
        no_show_rate: rate('no_shows / (appointments_completed + no_shows); null when neither happened').nullable(),
        medications: count('Distinct medications with scheduled doses'),
        doses_scheduled: count('Doses due'),
        doses_taken: count('Doses taken, late or not'),
        adherence_rate: rate('doses_taken / doses_scheduled; null without medications').nullable(),
        is_adherent: z.boolean().nullable().meta({ description: 'adherence_rate ≥ var(adherence_threshold); null without medications' }),
      }),
      tests: [
        { name: 'expression_is_true', expression: 'appointments_completed + appointments_cancelled + no_shows <= appointments' },
        { name: 'expression_is_true', expression: 'doses_taken <= doses_scheduled' },
        { name: 'row_count_between', min: 1 },
      ],
    },
    fct_appointments: {
      description: 'Daily appointment facts per department and provider.',
      contract: true,
      columns: z.object({
        appointment_date: z.iso.date(),
        department: z.string().meta({ description: 'Lower-case department name' }),
        provider_id: z.string().regex(/^P[0-9]{3}$/),
        provider_name: z.string().nullable(),
        scheduled: z.number().int().min(1).meta({ description: 'Appointments booked for the day, any status (= completed + cancelled + no_shows + open)' }),
        completed: count('Attended'),
        cancelled: count('Cancelled'),
        no_shows: count('Not attended and not cancelled'),
        open: count('Still in scheduled status (after the export date, or not yet closed)'),
        no_show_rate: rate('no_shows / (completed + no_shows), rounded to 4 places; null when neither').nullable(),
        avg_lead_time_days: z.number().min(0).meta({ description: 'Average calendar days from booking to the appointment, rounded to 2 places' }),
      }),
      tests: [
        { name: 'unique_combination', columns: ['appointment_date', 'department', 'provider_id'] },
        { name: 'expression_is_true', expression: 'scheduled = completed + cancelled + no_shows + open' },
      ],
    },
    med_adherence: {
      description: 'Medication adherence per patient and medication: doses due, taken, missed and late.',
      contract: true,
      columns: z.object({
        patient_key: patientKey({ references: ref('dim_patients', 'patient_key') }),
        medication: z.string().meta({ description: 'Lower-case drug name and strength, e.g. metformin 500mg' }),
        prescriptions: z.number().int().min(1).meta({ description: 'Prescriptions (rx numbers) of this medication' }),
        first_due_date: z.iso.date(),
        last_due_date: z.iso.date(),
        doses_scheduled: z.number().int().min(1).meta({ description: 'Doses due' }),
        doses_taken: count('Doses with a taken time'),
        doses_missed: count('Doses without one (= doses_scheduled - doses_taken)'),
        doses_late: count('Doses taken more than var(late_dose_minutes) after they were due'),
        adherence_rate: rate('doses_taken / doses_scheduled, rounded to 4 places'),
        is_adherent: z.boolean().meta({ description: 'Unrounded adherence rate ≥ var(adherence_threshold) (0.8)' }),
      }),
      tests: [
        { name: 'unique_combination', columns: ['patient_key', 'medication'] },
        { name: 'expression_is_true', expression: 'doses_taken + doses_missed = doses_scheduled' },
        { name: 'expression_is_true', expression: 'doses_late <= doses_taken' },
      ],
    },
  },
});
