/**
 * What the marts must contain for a generated data set, computed from the clean plans in plain
 * TypeScript — never from the SQL. Tests compare the built marts with this; a difference means
 * staging failed to see through some dirt, or a mart computes something else than documented.
 */
import { ageOn, type PatientPlan } from './plan.js';
import { ADHERENCE_THRESHOLD, AS_OF_DATE, LATE_DOSE_MINUTES, PROVIDERS, RESTRICTED_ZIP3 } from './reference.js';

const AS_OF = Date.parse(`${AS_OF_DATE}T00:00:00Z`);
const DAY = 86_400_000;

/** Expected `dim_patients` values of one patient (keyed by MRN; tests hash it into the patient key). */
export interface PatientTruth {
  mrn: number;
  sex: PatientPlan['sex'];
  ageBand: string;
  state: string;
  zip3: string;
  insuranceType: string;
  appointments: number;
  completed: number;
  noShows: number;
  medications: number;
  dosesScheduled: number;
  dosesTaken: number;
}

/** Expected `fct_appointments` row, keyed `date|department|provider_id`. */
export interface AppointmentDayTruth {
  scheduled: number;
  completed: number;
  cancelled: number;
  noShows: number;
  open: number;
  leadDaysSum: number;
}

/** Expected `med_adherence` row, keyed `mrn|medication`. */
export interface AdherenceTruth {
  scheduled: number;
  taken: number;
  late: number;
  isAdherent: boolean;
}

export interface HealthcareTruth {
  patients: Map<number, PatientTruth>;
  appointmentDays: Map<string, AppointmentDayTruth>;
  adherence: Map<string, AdherenceTruth>;
}

/** The band of an age, as stg_patients defines them. */
export function ageBand(age: number): string {
  if (age >= 90) return '90+';
  if (age < 18) return '0-17';
  if (age < 30) return '18-29';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}`;
}

/** The medication key of stg_dose_events: lower-case name and strength without spaces. */
export function medicationKey(name: string, strength: string): string {
  return `${name.toLowerCase()} ${strength.replace(/ /g, '').toLowerCase()}`;
}

const isoDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/** Folds plans into the expected mart values. Memory grows with patients, so use it on test scales. */
export function healthcareTruth(plans: Iterable<PatientPlan>): HealthcareTruth {
  const truth: HealthcareTruth = { patients: new Map(), appointmentDays: new Map(), adherence: new Map() };
  for (const plan of plans) {
    const zip3 = plan.zip.slice(0, 3);
    const patient: PatientTruth = {
      mrn: plan.mrn,
      sex: plan.sex,
      ageBand: ageBand(ageOn(plan.birth, AS_OF)),
      state: plan.state,
      zip3: RESTRICTED_ZIP3.includes(zip3) ? '000' : zip3,
      insuranceType: plan.insuranceType,
      appointments: plan.appointments.length,
      completed: plan.appointments.filter((a) => a.status === 'completed').length,
      noShows: plan.appointments.filter((a) => a.status === 'no_show').length,
      medications: new Set(plan.prescriptions.map((p) => medicationKey(p.drug.name, p.drug.strength))).size,
      dosesScheduled: 0,
      dosesTaken: 0,
    };
    for (const a of plan.appointments) {
      const provider = PROVIDERS[a.providerIndex]!;
      const key = `${isoDay(a.start)}|${provider.department.toLowerCase()}|${provider.id}`;
      const day = truth.appointmentDays.get(key) ?? { scheduled: 0, completed: 0, cancelled: 0, noShows: 0, open: 0, leadDaysSum: 0 };
      day.scheduled++;
      if (a.status === 'completed') day.completed++;
      if (a.status === 'cancelled') day.cancelled++;
      if (a.status === 'no_show') day.noShows++;
      if (a.status === 'scheduled') day.open++;
      day.leadDaysSum += Math.round((Date.parse(isoDay(a.start)) - Date.parse(isoDay(a.booked))) / DAY);
      truth.appointmentDays.set(key, day);
    }
    for (const rx of plan.prescriptions) {
      const key = `${plan.mrn}|${medicationKey(rx.drug.name, rx.drug.strength)}`;
      const a = truth.adherence.get(key) ?? { scheduled: 0, taken: 0, late: 0, isAdherent: false };
      for (const dose of rx.doses) {
        a.scheduled++;
        if (dose.taken !== null) {
          a.taken++;
          if (dose.taken - dose.due > LATE_DOSE_MINUTES * 60_000) a.late++;
        }
      }
      a.isAdherent = a.taken / a.scheduled >= ADHERENCE_THRESHOLD;
      truth.adherence.set(key, a);
      patient.dosesScheduled += rx.doses.length;
      patient.dosesTaken += rx.doses.filter((d) => d.taken !== null).length;
    }
    truth.patients.set(plan.mrn, patient);
  }
  return truth;
}
