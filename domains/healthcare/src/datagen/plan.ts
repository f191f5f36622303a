/**
 * The clean truth about one patient, before any dirt: who they are, their appointments and the
 * doses of their prescriptions. The raw tables are renderings of plans (render.ts), and the
 * expected mart values are computed from plans (truth.ts), so tests know the right answer
 * without reading the SQL.
 *
 * Each patient has its own random stream (seed, patient index), so any table can be streamed
 * patient by patient and the tables agree with each other at any scale.
 */
import { Rng } from '@strata/datagen';
import {
  APPOINTMENTS_END,
  APPOINTMENTS_START,
  AS_OF_DATE,
  DRUGS,
  FIRST_NAMES,
  INSURANCE,
  LANGUAGES,
  LAST_NAMES,
  LOCALITIES,
  PROVIDERS,
  RX_LAST_START,
  RX_START,
  STREETS,
  type AppointmentStatus,
  type Drug,
} from './reference.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const AS_OF = Date.parse(`${AS_OF_DATE}T00:00:00Z`);

export type Sex = 'female' | 'male' | 'unknown';
export type InsuranceType = keyof typeof INSURANCE;

export interface AppointmentPlan {
  id: string;
  providerIndex: number;
  /** Start, wall-clock local time stored as a UTC instant. */
  start: number;
  booked: number;
  status: AppointmentStatus;
}

export interface DosePlan {
  id: string;
  due: number;
  /** When it was taken, or null when missed. */
  taken: number | null;
}

export interface PrescriptionPlan {
  rx: string;
  drug: Drug;
  doses: DosePlan[];
}

export interface PatientPlan {
  index: number;
  mrn: number;
  firstName: string;
  lastName: string;
  sex: Sex;
  /** Date of birth, midnight UTC. */
  birth: number;
  ssn: string;
  phone: string;
  city: string;
  state: string;
  zip: string;
  street: string;
  insurance: string;
  insuranceType: InsuranceType;
  language: string;
  registered: number;
  /** An older version of the row (moved house, changed insurer) the export also contains. */
  previous?: { street: string; city: string; state: string; zip: string; insurance: string; phone: string; updated: number };
  appointments: AppointmentPlan[];
  prescriptions: PrescriptionPlan[];
}

/** A 32-bit seed for one (seed, index, stream) triple, so every stream is independent. */
export function streamSeed(seed: number, index: number, stream: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [index, stream]) {
    h = Math.imul(h ^ v, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/** Whole years between a birth date and a day, both midnight UTC. */
export function ageOn(birth: number, day: number): number {
  const b = new Date(birth);
  const d = new Date(day);
  const beforeBirthday = d.getUTCMonth() * 100 + d.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate();
  return d.getUTCFullYear() - b.getUTCFullYear() - (beforeBirthday ? 1 : 0);
}

function pickAge(rng: Rng): number {
  const bucket = rng.weighted([[[0, 17], 2], [[18, 39], 4], [[40, 64], 5], [[65, 89], 4], [[90, 101], 1]] as const);
  return rng.int(bucket[0], bucket[1]);
}

function insuranceFor(rng: Rng, age: number): InsuranceType {
  if (age >= 65) return rng.chance(0.85) ? 'medicare' : rng.pick(['commercial', 'unknown'] as const);
  return rng.weighted([['commercial', 6], ['medicaid', 2], ['self_pay', 1], ['unknown', 1]] as const);
}

function phoneNumber(rng: Rng): string {
  return `${rng.pick(['617', '212', '312', '415', '303', '206'])}555${String(rng.int(100, 9999)).padStart(4, '0')}`;
}

function ssnNumber(rng: Rng): string {
  return `${rng.int(100, 665)}-${String(rng.int(1, 99)).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
}

function planAppointments(rng: Rng, index: number, age: number): AppointmentPlan[] {
  const count = rng.weighted([[0, 1], [1, 2], [2, 3], [3, 3], [4, 2], [5, 1], [7, 1]] as const);
  const eligible = PROVIDERS.map((p, i) => ({ p, i })).filter(({ p }) => (age < 18 ? p.department === 'Pediatrics' || p.department === 'Dermatology' : p.department !== 'Pediatrics'));
  const usual = [rng.pick(eligible).i, rng.pick(eligible).i];
  const appointments: AppointmentPlan[] = [];
  for (let k = 0; k < count; k++) {
    let day = APPOINTMENTS_START + rng.int(0, (APPOINTMENTS_END - APPOINTMENTS_START) / DAY) * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) day += (weekday === 6 ? 2 : 1) * DAY;
    const slot = rng.int(0, 35);
    const start = day + (8 * 60 + slot * 15) * MINUTE;
    const leadDays = rng.weighted([[0, 1], [rng.int(1, 7), 3], [rng.int(8, 30), 4], [rng.int(31, 60), 2]] as const);
    const bookedHour = leadDays === 0 ? rng.int(6, 7) : rng.int(7, 18);
    const booked = day - leadDays * DAY + bookedHour * 60 * MINUTE + rng.int(0, 59) * MINUTE;
    const status: AppointmentStatus =
      day > AS_OF ? 'scheduled' : rng.weighted([['completed', 76], ['cancelled', 12], ['no_show', 12]] as const);
    appointments.push({ id: `A${String(index * 20 + k + 1).padStart(7, '0')}`, providerIndex: rng.pick(usual), start, booked, status });
  }
  return appointments;
}

function planPrescriptions(rng: Rng, index: number): PrescriptionPlan[] {
  const count = rng.weighted([[0, 5], [1, 4], [2, 2], [3, 1]] as const);
  const prescriptions: PrescriptionPlan[] = [];
  for (let k = 0; k < count; k++) {
    const drug = rng.pick(DRUGS);
    const rx = `RX${String(index * 5 + k + 1).padStart(7, '0')}`;
    const first = RX_START + rng.int(0, (RX_LAST_START - RX_START) / DAY) * DAY;
    const days = rng.int(5, 18);
    // How reliably this patient takes this drug, and how often late when they do.
    const pTake = rng.weighted([[0.97, 4], [0.88, 3], [0.72, 2], [0.45, 1]] as const);
    const hours = drug.frequency === 'BID' ? [8, 20] : [8];
    const doses: DosePlan[] = [];
    for (let d = 0; d < days; d++) {
      for (const hour of hours) {
        const due = first + d * DAY + hour * 60 * MINUTE;
        let taken: number | null = null;
        if (rng.chance(pTake)) taken = due + (rng.chance(0.12) ? rng.int(61, 240) : rng.int(-20, 60)) * MINUTE;
        doses.push({ id: `MAR${rx.slice(2)}${String(doses.length + 1).padStart(2, '0')}`, due, taken });
      }
    }
    prescriptions.push({ rx, drug, doses });
  }
  return prescriptions;
}

/** The plan of patient `index` (0-based) for a generator seed. Pure: same arguments, same plan. */
export function planPatient(seed: number, index: number): PatientPlan {
  const rng = new Rng(streamSeed(seed, index, 1));
  const age = pickAge(rng);
  const birth = Date.UTC(new Date(AS_OF).getUTCFullYear() - age - 1, 0, 1) + rng.int(1, 365) * DAY;
  const [city, state, zip] = rng.weighted(LOCALITIES.map((l) => [l, l[3]] as const));
  const insuranceType = insuranceFor(rng, ageOn(birth, AS_OF));
  const sex = rng.weighted([['female', 52], ['male', 46], ['unknown', 2]] as const);
  const firstName = rng.pick(FIRST_NAMES[sex === 'unknown' ? rng.pick(['female', 'male'] as const) : sex]);
  const lastName = rng.pick(LAST_NAMES);
  const plan: PatientPlan = {
    index,
    mrn: 100001 + index,
    firstName,
    lastName,
    sex,
    birth,
    ssn: ssnNumber(rng),
    phone: phoneNumber(rng),
    city,
    state,
    zip,
    street: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    insurance: rng.pick(INSURANCE[insuranceType]),
    insuranceType,
    language: rng.weighted(LANGUAGES),
    registered: Date.UTC(2019, 0, 1) + rng.int(0, 1800) * DAY + rng.int(8 * 60, 17 * 60) * MINUTE,
    appointments: [],
    prescriptions: [],
  };
  if (rng.chance(0.08)) {
    const [oldCity, oldState, oldZip] = rng.weighted(LOCALITIES.map((l) => [l, l[3]] as const));
    const oldType = rng.pick(['commercial', 'self_pay', 'unknown'] as const);
    plan.previous = {
      street: `${rng.int(1, 999)} Old Mill Rd`,
      city: oldCity,
      state: oldState,
      zip: oldZip,
      insurance: rng.pick(INSURANCE[oldType]),
      phone: phoneNumber(rng),
      updated: plan.registered,
    };
    plan.registered += rng.int(30, 900) * DAY;
  }
  plan.appointments = planAppointments(new Rng(streamSeed(seed, index, 2)), index, ageOn(birth, AS_OF));
  plan.prescriptions = planPrescriptions(new Rng(streamSeed(seed, index, 3)), index);
  return plan;
}
