/**
 * Deterministic generator of the healthcare domain's raw tables — the EHR export `patients`,
 * `appointments` and `medications` (one row per scheduled dose) — and its reference seeds
 * (`appointment_status_codes`, `us_states`, `restricted_zip3`).
 *
 * The rows look like a real EHR export: names, SSNs, phone numbers, addresses and free-text notes;
 * MRNs in five formats; dates and times in several notations with the appointment's date and time
 * in separate columns; status codes from different scheduling systems (`CMP`, `NS`, `CXL`,
 * `no-show`, `Completed`, `DNA`); ZIPs that lost their leading zero; patients exported twice
 * (an older version after a move); duplicate rows; doses with blank, `N/A` or `null` taken times.
 *
 * Everything follows from the seed: the same `{ scale, seed }` gives byte-identical files on every
 * machine. Each patient has its own random streams, so rows are streamed patient by patient in
 * constant memory at any scale. `healthcareTruth(plans(...))` gives the mart values the build must
 * produce, computed from the clean plans rather than from SQL.
 *
 * The committed `seeds/*.csv` are `generateHealthcare({ scale: 1, seed: 42, outDir: 'seeds' })`.
 */
import { resolve } from 'node:path';
import { writeCsv, type CsvValue } from '@strata/datagen';
import { countAtScale, parseDatagenArgs } from '@strata/datagen';
import { planPatient, type PatientPlan } from './datagen/plan.js';
import { RESTRICTED_ZIP3, statusCodeRows, US_STATES } from './datagen/reference.js';
import { appointmentRows, medicationRows, patientRows } from './datagen/render.js';

export { healthcareTruth, ageBand, medicationKey } from './datagen/truth.js';
export type { HealthcareTruth, PatientTruth, AppointmentDayTruth, AdherenceTruth } from './datagen/truth.js';
export type { PatientPlan, AppointmentPlan, PrescriptionPlan, DosePlan } from './datagen/plan.js';
export { AS_OF_DATE, LATE_DOSE_MINUTES, ADHERENCE_THRESHOLD, RESTRICTED_ZIP3 } from './datagen/reference.js';

/** Scale of the committed seeds. */
export const DEFAULT_SCALE = 1;
/** Seed of the committed seeds. */
export const DEFAULT_SEED = 42;
/** Patients per unit of scale (each has about 2.8 appointments and 13 scheduled doses). */
export const PATIENTS_PER_SCALE = 150;

/** Header of each generated file, in order: the raw tables' column names. */
export const HEADERS = {
  patients: ['mrn', 'first_name', 'last_name', 'sex', 'date_of_birth', 'ssn', 'phone', 'email', 'street_address', 'city', 'state', 'zip_code', 'insurance', 'primary_language', 'notes', 'last_updated'],
  appointments: ['appointment_id', 'mrn', 'provider_id', 'provider_name', 'department', 'appt_date', 'appt_time', 'status', 'booked_at', 'visit_reason'],
  medications: ['mar_id', 'rx_number', 'mrn', 'drug_name', 'strength', 'frequency', 'scheduled_time', 'administered_time', 'admin_status', 'recorded_by', 'comment'],
  appointment_status_codes: ['code', 'status', 'description'],
  us_states: ['code', 'name'],
  restricted_zip3: ['zip3'],
} as const;

export type HealthcareTable = keyof typeof HEADERS;

/** Options of `generateHealthcare`. */
export interface GenerateOptions {
  /** Size multiplier: `150 × scale` patients. Default 1 (the committed seeds). */
  scale?: number;
  /** Random seed; the same seed gives the same files. Default 42. */
  seed?: number;
  /** Folder the CSV files are written to (created if missing). */
  outDir: string;
}

/** What `generateHealthcare` wrote. */
export interface GenerateResult {
  outDir: string;
  scale: number;
  seed: number;
  patients: number;
  /** Rows written per file (duplicates included). */
  rows: Record<HealthcareTable, number>;
  files: Record<HealthcareTable, string>;
}

/** Number of patients at a scale (at least one). */
export function patientCount(scale: number): number {
  return countAtScale(PATIENTS_PER_SCALE, scale);
}

/** The clean plans of every patient, lazily. Feed them to `healthcareTruth` for expected values. */
export function* plans(options: { scale?: number; seed?: number } = {}): Generator<PatientPlan> {
  const count = patientCount(options.scale ?? DEFAULT_SCALE);
  const seed = options.seed ?? DEFAULT_SEED;
  for (let i = 0; i < count; i++) yield planPatient(seed, i);
}

function* rowsOf(seed: number, scale: number, render: (seed: number, plan: PatientPlan) => Iterable<Record<string, CsvValue>>): Generator<Record<string, CsvValue>> {
  for (const plan of plans({ scale, seed })) yield* render(seed, plan);
}

/**
 * Writes the three EHR tables and the three reference seeds into `outDir`.
 *
 * @example await generateHealthcare({ scale: 100, seed: 7, outDir: '/tmp/healthcare-seeds' }) // 15,000 patients
 */
export async function generateHealthcare(options: GenerateOptions): Promise<GenerateResult> {
  const scale = options.scale ?? DEFAULT_SCALE;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const patients = patientCount(scale);
  const outDir = resolve(options.outDir);
  const files = Object.fromEntries(Object.keys(HEADERS).map((t) => [t, resolve(outDir, `${t}.csv`)])) as Record<HealthcareTable, string>;
  const write = (table: HealthcareTable, rows: Iterable<Record<string, CsvValue>>) => writeCsv(files[table], [...HEADERS[table]], rows);
  const rows: Record<HealthcareTable, number> = {
    patients: await write('patients', rowsOf(seed, scale, patientRows)),
    appointments: await write('appointments', rowsOf(seed, scale, appointmentRows)),
    medications: await write('medications', rowsOf(seed, scale, medicationRows)),
    appointment_status_codes: await write('appointment_status_codes', statusCodeRows()),
    us_states: await write('us_states', US_STATES.map(([code, name]) => ({ code, name }))),
    restricted_zip3: await write('restricted_zip3', RESTRICTED_ZIP3.map((zip3) => ({ zip3 }))),
  };
  return { outDir, scale, seed, patients, rows, files };
}

const USAGE = `Usage: pnpm datagen [--scale N] [--seed N] [--out DIR]

Writes the healthcare EHR export (patients, appointments, medications) and reference seeds as CSV.
  --scale N   ${PATIENTS_PER_SCALE} x N patients (default ${DEFAULT_SCALE}; fractions allowed)
  --seed N    random seed; the same seed gives the same files (default ${DEFAULT_SEED})
  --out DIR   output folder (default: the package's seeds/ folder, i.e. the committed seeds)`;

/**
 * The `datagen` command: parses arguments, writes the files, prints what it wrote. Resolves to
 * the exit code. `dist/datagen-cli.js` (what `pnpm datagen` runs) is a one-line call of this.
 */
export async function runDatagenCli(argv: string[], defaultOutDir: string, io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error }): Promise<number> {
  let options;
  try {
    options = parseDatagenArgs(argv, { scale: DEFAULT_SCALE, seed: DEFAULT_SEED, outDir: defaultOutDir });
  } catch (error) {
    io.err(`datagen: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const started = Date.now();
  const result = await generateHealthcare(options);
  io.out(`Generated healthcare seeds (scale ${result.scale}, seed ${result.seed}, ${result.patients} patients) into ${result.outDir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  for (const table of Object.keys(result.rows) as HealthcareTable[]) io.out(`  ${table.padEnd(26)} ${String(result.rows[table]).padStart(10)} rows`);
  return 0;
}
