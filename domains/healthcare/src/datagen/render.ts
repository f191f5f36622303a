/**
 * Renders patient plans as the rows of a real EHR export, dirt included: MRNs in five formats,
 * dates and times in several notations, status codes from different scheduling systems, ZIPs that
 * lost their leading zero, state names spelt out, exact duplicate rows, free text with phone
 * numbers in it. Every kind of dirt here is something a staging model cleans.
 */
import { messyCase, Rng, type CsvValue } from '@strata/datagen';
import { streamSeed, type PatientPlan } from './plan.js';
import { NURSES, PROVIDERS, STATUS_SPELLINGS, US_STATES, VISIT_REASONS } from './reference.js';

type Row = Record<string, CsvValue>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const STATE_NAMES = new Map(US_STATES);

/** A date in one of the EHR's notations: ISO, US (m/d/Y, padded or not), compact, or d-Mon-Y. */
export function formatDate(rng: Rng, ts: number): string {
  const d = new Date(ts);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  switch (rng.weighted([[0, 5], [1, 3], [2, 1], [3, 1]] as const)) {
    case 0:
      return `${y}-${pad(m)}-${pad(day)}`;
    case 1:
      return rng.chance(0.5) ? `${pad(m)}/${pad(day)}/${y}` : `${m}/${day}/${y}`;
    case 2:
      return `${y}${pad(m)}${pad(day)}`;
    default:
      return `${day}-${MONTHS[m - 1]}-${y}`;
  }
}

/** A time of day: 09:30, 9:30 AM, 0930 or 09:30:00. */
export function formatTime(rng: Rng, ts: number): string {
  const d = new Date(ts);
  const [h, min] = [d.getUTCHours(), d.getUTCMinutes()];
  switch (rng.int(0, 3)) {
    case 0:
      return `${pad(h)}:${pad(min)}`;
    case 1:
      return `${h % 12 === 0 ? 12 : h % 12}:${pad(min)} ${h < 12 ? 'AM' : 'PM'}`;
    case 2:
      return `${pad(h)}${pad(min)}`;
    default:
      return `${pad(h)}:${pad(min)}:00`;
  }
}

/** A local date-time: 2024-03-01 08:00:00, 2024-03-01 08:00, 03/01/2024 08:00, 3/1/2024 8:00 PM or 2024-03-01T08:00:00. */
export function formatLocal(rng: Rng, ts: number): string {
  const d = new Date(ts);
  const [y, m, day, h, min, s] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  const iso = `${y}-${pad(m)}-${pad(day)}`;
  switch (rng.int(0, 4)) {
    case 0:
      return `${iso} ${pad(h)}:${pad(min)}:${pad(s)}`;
    case 1:
      return `${iso} ${pad(h)}:${pad(min)}`;
    case 2:
      return `${pad(m)}/${pad(day)}/${y} ${pad(h)}:${pad(min)}`;
    case 3:
      return `${m}/${day}/${y} ${h % 12 === 0 ? 12 : h % 12}:${pad(min)} ${h < 12 ? 'AM' : 'PM'}`;
    default:
      return `${iso}T${pad(h)}:${pad(min)}:${pad(s)}`;
  }
}

function formatMrn(rng: Rng, mrn: number): string {
  return rng.pick([`MRN-${pad(mrn, 8)}`, `MRN${mrn}`, String(mrn), `mrn ${mrn}`, pad(mrn, 8)]);
}

function formatPhone(rng: Rng, digits: string): string {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return rng.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, digits]);
}

function formatState(rng: Rng, code: string): string {
  const name = STATE_NAMES.get(code)!;
  return rng.weighted([[code, 6], [code.toLowerCase(), 2], [name, 2], [name.toUpperCase(), 1]] as const);
}

function formatZip(rng: Rng, zip: string): string {
  if (zip.startsWith('0') && rng.chance(0.4)) return zip.slice(1); // a spreadsheet ate the leading zero
  if (rng.chance(0.15)) return `${zip}-${pad(rng.int(1, 9999), 4)}`;
  return zip;
}

function sexCode(rng: Rng, sex: PatientPlan['sex']): string {
  if (sex === 'female') return rng.pick(['F', 'Female', 'female', 'FEMALE', 'f']);
  if (sex === 'male') return rng.pick(['M', 'Male', 'male', 'MALE', 'm']);
  return rng.pick(['U', 'Unknown', '']);
}

function notes(rng: Rng, plan: PatientPlan): string {
  return rng.weighted([
    ['', 5],
    ['Pt prefers morning appointments.', 2],
    [`Emergency contact: ${rng.pick(['daughter', 'son', 'spouse'])} ${rng.pick(['Ana', 'Tom', 'Lee'])} ${plan.lastName}, ${formatPhone(rng, plan.phone)}`, 2],
    ['Needs interpreter; call before visit.', 1],
    [`Prefers to be called ${plan.firstName.slice(0, 3)}.`, 1],
  ] as const);
}

/** The `patients` rows of one plan: the current version, after an older one when the patient moved. */
export function* patientRows(seed: number, plan: PatientPlan): Generator<Row> {
  const rng = new Rng(streamSeed(seed, plan.index, 11));
  const email = rng.chance(0.15) ? '' : `${plan.firstName}.${plan.lastName}`.replace(/'/g, '').toLowerCase() + '@example.com';
  const base = (v: { street: string; city: string; state: string; zip: string; insurance: string; phone: string; updated: number }): Row => ({
    mrn: formatMrn(rng, plan.mrn),
    first_name: rng.chance(0.1) ? plan.firstName.toUpperCase() : plan.firstName,
    last_name: rng.chance(0.1) ? plan.lastName.toUpperCase() : plan.lastName,
    sex: sexCode(rng, plan.sex),
    date_of_birth: formatDate(rng, plan.birth),
    ssn: rng.weighted([[plan.ssn, 7], [plan.ssn.replace(/-/g, ''), 2], ['', 1]] as const),
    phone: formatPhone(rng, v.phone),
    email,
    street_address: v.street,
    city: rng.chance(0.1) ? v.city.toUpperCase() : v.city,
    state: formatState(rng, v.state),
    zip_code: formatZip(rng, v.zip),
    insurance: rng.chance(0.1) ? `${v.insurance} ` : v.insurance,
    primary_language: plan.language ? messyCase(rng, plan.language) : '',
    notes: notes(rng, plan),
    last_updated: formatLocal(rng, v.updated),
  });
  if (plan.previous) yield base(plan.previous);
  yield base({ street: plan.street, city: plan.city, state: plan.state, zip: plan.zip, insurance: plan.insurance, phone: plan.phone, updated: plan.registered });
}

/** The `appointments` rows of one plan; about 3% are exported twice. */
export function* appointmentRows(seed: number, plan: PatientPlan): Generator<Row> {
  const rng = new Rng(streamSeed(seed, plan.index, 12));
  for (const appointment of plan.appointments) {
    const provider = PROVIDERS[appointment.providerIndex]!;
    const reason = rng.pick(VISIT_REASONS[provider.department]!);
    const row: Row = {
      appointment_id: rng.chance(0.05) ? appointment.id.toLowerCase() : appointment.id,
      mrn: formatMrn(rng, plan.mrn),
      provider_id: rng.weighted([[provider.id, 8], [provider.id.toLowerCase(), 1], [` ${provider.id}`, 1]] as const),
      provider_name: provider.name,
      department: messyCase(rng, provider.department),
      appt_date: formatDate(rng, appointment.start),
      appt_time: formatTime(rng, appointment.start),
      status: rng.pick(STATUS_SPELLINGS[appointment.status]),
      booked_at: formatLocal(rng, appointment.booked),
      visit_reason: rng.chance(0.1) ? `${reason}; ${rng.pick(['wife', 'son', 'daughter'])} ${plan.firstName} ${plan.lastName} will attend` : reason,
    };
    yield row;
    if (rng.chance(0.03)) yield { ...row };
  }
}

/** The `medications` rows (one per scheduled dose) of one plan; about 2% are exported twice. */
export function* medicationRows(seed: number, plan: PatientPlan): Generator<Row> {
  const rng = new Rng(streamSeed(seed, plan.index, 13));
  for (const rx of plan.prescriptions) {
    const frequencies = rx.drug.frequency === 'QD' ? ['QD', 'qd', 'daily', 'Once daily'] : ['BID', 'bid', 'twice daily', 'Twice Daily'];
    for (const dose of rx.doses) {
      const missed = dose.taken === null;
      const row: Row = {
        mar_id: dose.id,
        rx_number: rx.rx,
        mrn: formatMrn(rng, plan.mrn),
        drug_name: messyCase(rng, rx.drug.name),
        strength: rng.pick([rx.drug.strength, rx.drug.strength.replace(' ', ''), rx.drug.strength.replace(' ', '').toUpperCase()]),
        frequency: rng.pick(frequencies),
        scheduled_time: formatLocal(rng, dose.due),
        administered_time: missed ? rng.pick(['', 'N/A', 'null', 'NULL']) : formatLocal(rng, dose.taken!),
        admin_status: missed ? rng.pick(['Missed', 'MISSED', 'Not Given', 'Refused', 'Held', '']) : rng.pick(['Given', 'GIVEN', 'given', 'Taken', 'Self-administered', '']),
        recorded_by: missed && rng.chance(0.5) ? '' : rng.pick(NURSES),
        comment: rng.weighted([
          ['', 12],
          ['Pt c/o nausea', 1],
          [missed ? `Called pt at ${formatPhone(rng, plan.phone)}, no answer` : 'Taken with food', 1],
        ] as const),
      };
      yield row;
      if (rng.chance(0.02)) yield { ...row };
    }
  }
}
