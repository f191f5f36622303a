/**
 * Renders customer plans as a core-banking export, dirt included: transaction types spelt a dozen
 * ways, amounts with currency symbols, codes, thousands separators, minus signs and accounting
 * parentheses, currencies in any case or only in the amount, timestamps in four formats and two
 * offsets, customer and branch ids in several forms, countries as codes or names, yes/no flags
 * as Y, TRUE or 1, coordinates with hemisphere letters, and duplicate rows.
 */
import { messyCase, messyTimestamp, Rng, type CsvValue } from '@strata/datagen';
import type { CustomerPlan, TxnPlan } from './plan.js';
import { BRANCHES, COUNTRIES, DECIMALS, SYMBOLS, TYPE_SPELLINGS, type Currency } from './reference.js';
import { streamSeed } from './units.js';

type Row = Record<string, CsvValue>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const COUNTRY = new Map(COUNTRIES.map(([iso2, iso3, name]) => [iso2, { iso3, name }]));

/** `1234567.5` → `1,234,567.50` (not toLocaleString: output must not depend on the ICU build). */
function withThousands(text: string): string {
  const [whole, fraction] = text.split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
}

/** An amount as the export writes it, and the currency column beside it (blank when the amount says it). */
export function formatAmount(rng: Rng, amount: number, currency: Currency, isDebit: boolean): { amount: string; currency: string } {
  const plain = amount.toFixed(DECIMALS[currency]);
  const negative = isDebit && rng.chance(0.25);
  const code = () => rng.weighted([[currency, 6], [currency.toLowerCase(), 2], [` ${messyCase(rng, currency)}`, 1]] as const);
  const sign = (text: string) => (negative ? (rng.chance(0.5) ? `-${text}` : `(${text})`) : text);
  switch (rng.weighted([[0, 3], [1, 3], [2, 3], [3, 1], [4, 1]] as const)) {
    case 0:
      return { amount: sign(plain), currency: code() };
    case 1:
      return { amount: sign(withThousands(plain)), currency: code() };
    case 2:
      return { amount: sign(`${SYMBOLS[currency]}${withThousands(plain)}`), currency: rng.chance(0.5) ? '' : code() };
    case 3:
      return { amount: `${currency} ${sign(withThousands(plain))}`, currency: '' };
    default:
      return { amount: `${sign(plain)} ${currency.toLowerCase()}`, currency: '' };
  }
}

function formatDate(rng: Rng, ts: number): string {
  const d = new Date(ts);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return rng.pick([`${y}-${pad(m)}-${pad(day)}`, `${y}/${pad(m)}/${pad(day)}`, `${day}-${MONTHS[m - 1]}-${y}`, `${y}${pad(m)}${pad(day)}`]);
}

function formatCountry(rng: Rng, iso2: string): string {
  const c = COUNTRY.get(iso2)!;
  return rng.weighted([[iso2, 6], [iso2.toLowerCase(), 2], [c.iso3, 2], [c.name, 2], [c.name.toUpperCase(), 1]] as const);
}

function formatCustomerId(rng: Rng, id: string): string {
  return rng.weighted([[id, 8], [id.toLowerCase(), 1], [` ${id}`, 1]] as const);
}

function formatBranchId(rng: Rng, id: string): string {
  return rng.weighted([[id, 6], [id.toLowerCase(), 2], [`${id.slice(0, 2)}-${id.slice(2)}`, 1], [`br ${id.slice(2)}`, 1]] as const);
}

/** A coordinate as decimal degrees, sometimes with a hemisphere letter instead of a sign. */
function formatCoordinate(rng: Rng, value: number, axis: 'lat' | 'lon'): string {
  if (rng.chance(0.25)) return `${Math.abs(value).toFixed(4)} ${axis === 'lat' ? (value < 0 ? 'S' : 'N') : value < 0 ? 'W' : 'E'}`;
  return rng.chance(0.1) ? ` ${value.toFixed(4)} ` : value.toFixed(4);
}

function flag(rng: Rng, value: boolean): string {
  return value ? rng.pick(['Y', 'yes', 'TRUE', '1']) : rng.pick(['N', 'no', 'FALSE', '0', '']);
}

/** The `branches` rows: one per branch, the same at every scale. */
export function* branchRows(seed: number): Generator<Row> {
  const rng = new Rng(streamSeed(seed, 0, 30));
  for (const b of BRANCHES) {
    yield {
      branch_id: formatBranchId(rng, b.id),
      branch_name: b.name,
      city: b.city.name,
      country: formatCountry(rng, b.country),
      latitude: formatCoordinate(rng, b.city.lat, 'lat'),
      longitude: formatCoordinate(rng, b.city.lon, 'lon'),
      opened_on: formatDate(rng, Date.parse(`${b.opened}T00:00:00Z`)),
    };
  }
}

/** The `customers` rows of one plan; about 3% are exported twice. */
export function* customerRows(seed: number, c: CustomerPlan): Generator<Row> {
  const rng = new Rng(streamSeed(seed, c.index, 31));
  const kyc = { verified: ['Verified', 'VERIFIED', 'verified', 'V'], pending: ['Pending', 'PENDING', 'in review'], rejected: ['Rejected', 'REJECTED', 'failed'] }[c.kycStatus];
  const accountType = { checking: ['Checking', 'CHK', 'checking '], savings: ['Savings', 'SAV', 'savings'], business: ['Business', 'BUS', 'biz'] }[c.accountType];
  const row: Row = {
    customer_id: formatCustomerId(rng, c.id),
    full_name: rng.chance(0.2) ? `${c.lastName.toUpperCase()}, ${c.firstName.toUpperCase()}` : `${c.firstName} ${c.lastName}`,
    date_of_birth: formatDate(rng, c.birth),
    email: rng.chance(0.1) ? '' : `${c.firstName}.${c.lastName}`.toLowerCase().replace(/[^a-z.]/g, '') + `${c.index}@example.com`,
    phone: c.phone,
    street_address: c.street,
    national_id: c.nationalId,
    residence_country: formatCountry(rng, c.residence),
    nationality: formatCountry(rng, c.nationality),
    account_type: rng.pick(accountType),
    account_currency: rng.pick([c.currency, c.currency.toLowerCase(), ` ${c.currency}`]),
    home_branch: formatBranchId(rng, c.branch.id),
    kyc_status: rng.pick(kyc),
    id_document_expiry: c.documentExpiry === null ? '' : formatDate(rng, c.documentExpiry),
    is_pep: flag(rng, c.isPep),
    opened_on: formatDate(rng, c.opened),
  };
  yield row;
  if (rng.chance(0.03)) yield { ...row };
}

function channelOf(rng: Rng, t: TxnPlan): string {
  if (t.kind === 'card_purchase') return rng.pick(['card', 'CARD', 'pos']);
  if (t.kind === 'atm_withdrawal') return rng.pick(['atm', 'ATM']);
  if (t.kind === 'online_purchase') return rng.pick(['online', 'web', 'ECOM']);
  return rng.pick(['branch', 'online', 'system']);
}

/** The `transactions` rows of one plan; about 1% are exported twice. */
export function* transactionRows(seed: number, c: CustomerPlan): Generator<Row> {
  const rng = new Rng(streamSeed(seed, c.index, 32));
  for (const t of c.transactions) {
    const money = formatAmount(rng, t.amount, t.currency, t.direction === 'debit');
    const located = t.lat !== null && t.lon !== null;
    const row: Row = {
      txn_id: rng.chance(0.05) ? t.id.toLowerCase() : t.id,
      customer_id: formatCustomerId(rng, c.id),
      posted_at: messyTimestamp(rng, new Date(t.at)),
      txn_type: rng.pick(TYPE_SPELLINGS[t.kind]),
      amount: money.amount,
      currency: money.currency,
      channel: channelOf(rng, t),
      merchant: t.merchant,
      latitude: located ? t.lat!.toFixed(5) : '',
      longitude: located ? t.lon!.toFixed(5) : '',
      description: t.kind === 'transfer_out' ? `Transfer to ${rng.pick(['Ana', 'Ben', 'Chen', 'Dana'])} ${rng.pick(['Okoye', 'Smith', 'Ito'])}` : t.kind === 'salary' ? `Salary ${c.lastName.toUpperCase()}` : '',
    };
    yield row;
    if (rng.chance(0.01)) yield { ...row };
  }
}
