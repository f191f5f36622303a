/**
 * The clean truth about one customer before any dirt: who they are, their KYC facts, and every
 * transaction with its exact instant, amount, currency and place. Planted fraud (scenarios.ts)
 * is part of the plan, each planted transaction carrying the signals it must raise.
 *
 * Clean customers are built so that no rule can fire on them: one debit a day at most (no
 * bursts), every card payment within ~25 km of the home branch (never far, never fast), and debit
 * amounts at most three times the customer's typical spend, well under the 500 USD floor of
 * the unusual-amount rule.
 */
import { Rng } from '@strata/datagen';
import { applyDecoy, applyScenario, decoyFor, scenarioFor, type Decoy, type Scenario } from './scenarios.js';
import { AS_OF_DATE, BRANCHES, COUNTRIES, FIRST_NAMES, LAST_NAMES, MERCHANTS, ONLINE_MERCHANTS, WINDOW_START, type Branch, type Currency, type Direction, type TxnKind } from './reference.js';
import { DAY, fromUsd, MINUTE, nearHome, streamSeed } from './units.js';

const AS_OF = Date.parse(`${AS_OF_DATE}T00:00:00Z`);
/** Days in the export window (January to March 2024). */
export const WINDOW_DAYS = 91;

export type SignalType = 'unusual_amount' | 'round_amount_burst' | 'far_from_home' | 'impossible_travel';

export interface TxnPlan {
  id: string;
  at: number;
  kind: TxnKind;
  direction: Direction;
  /** In `currency` units, rounded to its minor unit. */
  amount: number;
  currency: Currency;
  lat: number | null;
  lon: number | null;
  merchant: string;
  /** Signals this transaction must raise; empty for every clean transaction. */
  signals: SignalType[];
}

export interface CustomerPlan {
  index: number;
  id: string;
  firstName: string;
  lastName: string;
  birth: number;
  phone: string;
  street: string;
  nationalId: string;
  residence: string;
  nationality: string;
  accountType: 'checking' | 'savings' | 'business';
  branch: Branch;
  currency: Currency;
  kycStatus: 'verified' | 'pending' | 'rejected';
  /** Expiry of the identity document, or null when none is on file. */
  documentExpiry: number | null;
  isPep: boolean;
  opened: number;
  /** Typical debit size in USD. */
  typicalUsd: number;
  scenario?: Scenario;
  decoy?: Decoy;
  transactions: TxnPlan[];
}

/** A round ATM amount: multiples of 20 (yen: of 1,000) worth about 20–200 USD. */
function atmAmount(rng: Rng, currency: Currency): number {
  return currency === 'JPY' ? rng.int(3, 30) * 1000 : rng.int(1, 10) * 20;
}

/** A clean debit of a kind, at an instant, for a customer. */
function debit(rng: Rng, c: CustomerPlan, kind: TxnKind, at: number, usd?: number): TxnPlan {
  const m = c.typicalUsd;
  const located = kind === 'card_purchase' || kind === 'atm_withdrawal';
  const where = located ? nearHome(rng, c.branch) : { lat: null, lon: null };
  let amount: number;
  if (kind === 'atm_withdrawal') amount = atmAmount(rng, c.currency);
  else if (kind === 'fee') amount = fromUsd(1 + rng.next() * 14, c.currency, at);
  else if (kind === 'transfer_out') amount = fromUsd(usd ?? m * (1 + rng.next() * 2), c.currency, at);
  else amount = fromUsd(usd ?? m * (0.3 + rng.next() * 1.9), c.currency, at);
  const merchant = kind === 'card_purchase' ? rng.pick(MERCHANTS) : kind === 'online_purchase' ? rng.pick(ONLINE_MERCHANTS) : '';
  return { id: '', at, kind, direction: 'debit', amount, currency: c.currency, ...where, merchant, signals: [] };
}

function credit(c: CustomerPlan, kind: TxnKind, at: number, usd: number): TxnPlan {
  return { id: '', at, kind, direction: 'credit', amount: fromUsd(usd, c.currency, at), currency: c.currency, lat: null, lon: null, merchant: '', signals: [] };
}

function timeline(rng: Rng, c: CustomerPlan): TxnPlan[] {
  const txns: TxnPlan[] = [credit(c, 'deposit', WINDOW_START + rng.int(9 * 60, 11 * 60) * MINUTE, 800 + rng.next() * 3200)];
  for (const month of [0, 1, 2]) {
    const monthStart = Date.UTC(2024, month, 1);
    const lastDay = Date.UTC(2024, month + 1, 0);
    txns.push(c.accountType === 'savings' ? credit(c, 'transfer_in', monthStart + 24 * DAY + 7 * 60 * MINUTE, 300 + rng.next() * 900) : credit(c, 'salary', monthStart + 24 * DAY + 6 * 60 * MINUTE, 2000 + rng.next() * 4000));
    txns.push(credit(c, 'interest', lastDay + 23 * 60 * MINUTE, 0.5 + rng.next() * 4.5));
  }
  // One debit a day at most, on distinct days after the first, between 08:00 and 21:59 UTC.
  const days = new Set<number>();
  const count = rng.int(26, 32);
  while (days.size < count) days.add(rng.int(1, WINDOW_DAYS - 1));
  for (const day of [...days].sort((a, b) => a - b)) {
    const at = WINDOW_START + day * DAY + rng.int(8 * 60, 21 * 60 + 59) * MINUTE;
    const kind = rng.weighted([['card_purchase', 55], ['online_purchase', 20], ['atm_withdrawal', 10], ['transfer_out', 10], ['fee', 5]] as const);
    txns.push(debit(rng, c, kind, at));
  }
  return txns;
}

function countryFor(rng: Rng, home: string): string {
  return rng.chance(0.9) ? home : rng.pick(COUNTRIES.slice(6, 14))[0];
}

/** The plan of customer `index` (0-based) for a generator seed. Pure: same arguments, same plan. */
export function planCustomer(seed: number, index: number): CustomerPlan {
  const rng = new Rng(streamSeed(seed, index, 1));
  const scenario = scenarioFor(index);
  const decoy = decoyFor(index);
  const branch = scenario === 'unusual_amount_fx' ? BRANCHES[index % 5]! : rng.pick(BRANCHES);
  const residence = countryFor(rng, branch.country);
  const age = rng.int(18, 85);
  const docRoll = rng.next();
  const c: CustomerPlan = {
    index,
    id: `C${String(index + 1).padStart(5, '0')}`,
    firstName: rng.pick(FIRST_NAMES),
    lastName: rng.pick(LAST_NAMES),
    birth: Date.UTC(2024 - age - 1, 0, 1) + rng.int(1, 365) * DAY,
    phone: `+${rng.pick(['1', '44', '49', '33', '34', '81'])} ${rng.int(200, 999)} ${rng.int(100, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`,
    street: `${rng.int(1, 240)} ${rng.pick(['High St', 'Market Rd', 'River Ave', 'Station Sq', 'Hill Ln'])}`,
    nationalId: `${rng.pick(['ID', 'PP', 'SSN'])}${rng.int(10_000_000, 99_999_999)}`,
    residence,
    nationality: rng.chance(0.8) ? residence : countryFor(rng, branch.country),
    accountType: rng.weighted([['checking', 60], ['savings', 25], ['business', 15]] as const),
    branch,
    currency: branch.currency,
    kycStatus: rng.weighted([['verified', 85], ['pending', 10], ['rejected', 5]] as const),
    documentExpiry: docRoll < 0.05 ? null : docRoll < 0.13 ? AS_OF - rng.int(1, 700) * DAY : AS_OF + rng.int(1, 2000) * DAY,
    isPep: rng.chance(0.03),
    opened: Date.UTC(2005, 0, 1) + rng.int(0, 6900) * DAY,
    typicalUsd: 25 + rng.next() * 95,
    scenario,
    decoy,
    transactions: [],
  };
  // A few residents or nationals of a FATF-listed country among clean customers, too.
  if (rng.chance(0.04)) c.nationality = rng.pick(['NG', 'PH', 'VN', 'ZA', 'TR', 'KE']);
  c.transactions = timeline(rng, c);
  const extra = new Rng(streamSeed(seed, index, 2));
  if (scenario) applyScenario(extra, c, scenario);
  if (decoy) applyDecoy(extra, c, decoy);
  c.transactions.sort((a, b) => a.at - b.at);
  c.transactions.forEach((t, i) => (t.id = `T${String(index * 100 + i + 1).padStart(9, '0')}`));
  return c;
}
