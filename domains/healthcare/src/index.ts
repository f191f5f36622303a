/** @strata-domains/healthcare — the project folder and the typed schemas of its public marts. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import marts from '../models/marts/schema';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `dim_patients`: one row per patient, pseudonymised (no name, SSN, contact data, exact birth date). */
export const dimPatientsSchema = marts.models.dim_patients.columns;
/** `fct_appointments`: one row per day, department and provider. */
export const fctAppointmentsSchema = marts.models.fct_appointments.columns;
/** `med_adherence`: one row per patient and medication. */
export const medAdherenceSchema = marts.models.med_adherence.columns;

/** A row of `healthcare_marts.dim_patients`. */
export type DimPatientsRow = z.infer<typeof dimPatientsSchema>;
/** A row of `healthcare_marts.fct_appointments`. */
export type FctAppointmentsRow = z.infer<typeof fctAppointmentsSchema>;
/** A row of `healthcare_marts.med_adherence`. */
export type MedAdherenceRow = z.infer<typeof medAdherenceSchema>;

/** The marts as tables, for a Kysely `Database` interface: `new Kysely<HealthcareMarts>(…)` with `withSchema('healthcare_marts')`. */
export interface HealthcareMarts {
  dim_patients: DimPatientsRow;
  fct_appointments: FctAppointmentsRow;
  med_adherence: MedAdherenceRow;
}

export { APPOINTMENT_STATUSES, AGE_BANDS, SEXES, INSURANCE_TYPES } from '../models/staging/schema';
