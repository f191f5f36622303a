/**
 * @strata-domains/healthcare — the project (its folder and definition), the zod schemas of its
 * public marts, and their generated row types and Kysely `Database` interfaces.
 *
 * @example
 *   const db = new Kysely<HealthcareMarts>({ dialect }).withSchema('healthcare_marts');
 *   const adherence = await db.selectFrom('med_adherence').selectAll().execute();
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import marts from '../models/marts/schema';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The project definition (`strata.config.ts`): name, schemas, folder settings, sources, vars. */
export { default as project } from '../strata.config';

/** `dim_patients`: one row per patient, pseudonymised (no name, SSN, contact data, exact birth date). */
export const dimPatientsSchema = marts.models.dim_patients.columns;
/** `fct_appointments`: one row per day, department and provider. */
export const fctAppointmentsSchema = marts.models.fct_appointments.columns;
/** `med_adherence`: one row per patient and medication. */
export const medAdherenceSchema = marts.models.med_adherence.columns;

export type { DimPatientsRow, FctAppointmentsRow, MedAdherenceRow, HealthcareMarts, HealthcareDatabase } from './database.generated';
export { healthcareRelations } from './database.generated';

export { APPOINTMENT_STATUSES, AGE_BANDS, SEXES, INSURANCE_TYPES } from '../models/staging/schema';
