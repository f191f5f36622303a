/**
 * Planted fraud and decoys. Every 16th customer (index ≡ 5 mod 16) gets one of six fraud
 * scenarios, in turn; every 16th customer (index ≡ 11 mod 16) gets one of six decoys — behaviour
 * that looks odd but must not be flagged. The transactions a scenario adds carry the signals
 * they must raise, and nothing else in the data raises any.
 */
import type { Rng } from '@strata/datagen';
import { haversineKm } from './geo.js';
import type { CustomerPlan, SignalType, TxnPlan } from './plan.js';
import { FAR_CITIES, WINDOW_START, type City, type Currency, type TxnKind } from './reference.js';
import { DAY, fromUsd, MINUTE, nearHome } from './units.js';

export const SCENARIOS = ['unusual_amount', 'unusual_amount_fx', 'round_amount_burst', 'far_from_home', 'impossible_travel_far', 'impossible_travel_near'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const DECOYS = ['big_spender', 'near_burst', 'regional_trip', 'big_credit', 'kyc_risk', 'small_round_burst'] as const;
export type Decoy = (typeof DECOYS)[number];

/** The fraud scenario planted on a customer, if any. */
export function scenarioFor(index: number): Scenario | undefined {
  return index % 16 === 5 ? SCENARIOS[Math.floor(index / 16) % SCENARIOS.length] : undefined;
}

/** The decoy behaviour given to a customer, if any. */
export function decoyFor(index: number): Decoy | undefined {
  return index % 16 === 11 ? DECOYS[Math.floor(index / 16) % DECOYS.length] : undefined;
}

/** Round amounts in each currency worth 200–330 USD: multiples of 100, under the 500 USD floor. */
const ROUND_WITHDRAWAL: Record<Currency, number> = { USD: 300, EUR: 300, GBP: 200, JPY: 30_000 };
/** Small amounts worth about 50 USD: round in yen, but under one round unit (100 USD). */
const SMALL_AMOUNT: Record<Currency, number> = { USD: 50, EUR: 50, GBP: 40, JPY: 7_000 };

const dayOf = (at: number) => Math.floor((at - WINDOW_START) / DAY);
const at = (day: number, hour: number, minute = 0) => WINDOW_START + day * DAY + (hour * 60 + minute) * MINUTE;

function debits(c: CustomerPlan): TxnPlan[] {
  return c.transactions.filter((t) => t.direction === 'debit').sort((a, b) => a.at - b.at);
}

/** Removes the customer's debits on days [from, to]. */
function clearDays(c: CustomerPlan, from: number, to: number): void {
  c.transactions = c.transactions.filter((t) => t.direction !== 'debit' || dayOf(t.at) < from || dayOf(t.at) > to);
}

function located(c: CustomerPlan, kind: TxnKind, when: number, where: { lat: number; lon: number }, amount: number, signals: SignalType[] = []): TxnPlan {
  return { id: '', at: when, kind, direction: 'debit', amount, currency: c.currency, lat: where.lat, lon: where.lon, merchant: kind === 'card_purchase' ? 'Card Present Merchant' : '', signals };
}

function farCity(rng: Rng, c: CustomerPlan): City {
  const far = FAR_CITIES.filter((city) => haversineKm(city.lat, city.lon, c.branch.city.lat, c.branch.city.lon) > 1500);
  return rng.pick(far);
}

/** Plants a fraud scenario into a clean customer's transactions. */
export function applyScenario(rng: Rng, c: CustomerPlan, scenario: Scenario): void {
  const list = debits(c);
  /** An ordinary amount for this customer, as at an instant. */
  const normal = (when: number) => fromUsd(c.typicalUsd * (0.3 + rng.next() * 1.9), c.currency, when);
  switch (scenario) {
    case 'unusual_amount': {
      // After 24 ordinary debits, one card payment of 2,500–6,000 USD near home.
      const target = list[24]!;
      const replacement = located(c, 'card_purchase', target.at, nearHome(rng, c.branch), fromUsd(2500 + rng.next() * 3500, c.currency, target.at), ['unusual_amount']);
      c.transactions.splice(c.transactions.indexOf(target), 1, replacement);
      break;
    }
    case 'unusual_amount_fx': {
      // A USD account pays 6,000–9,000 EUR online: unusual only once converted.
      const target = list[24]!;
      const amount = Math.round((6000 + rng.next() * 3000) * 100) / 100;
      c.transactions.splice(c.transactions.indexOf(target), 1, { ...target, kind: 'online_purchase', amount, currency: 'EUR', lat: null, lon: null, merchant: 'Luxury Goods EU', signals: ['unusual_amount'] });
      break;
    }
    case 'round_amount_burst': {
      // Four round ATM withdrawals within 41 minutes: a card cashed out.
      const day = dayOf(list[14]!.at);
      clearDays(c, day, day);
      for (const minute of [0, 12, 25, 41]) c.transactions.push(located(c, 'atm_withdrawal', at(day, 13, minute), nearHome(rng, c.branch), ROUND_WITHDRAWAL[c.currency], ['round_amount_burst']));
      break;
    }
    case 'far_from_home': {
      // A card payment on another continent, two quiet days before and after: far, not fast.
      const day = dayOf(list[11]!.at);
      clearDays(c, day - 2, day + 2);
      const city = farCity(rng, c);
      c.transactions.push(located(c, 'card_purchase', at(day, 15), city, normal(at(day, 15)), ['far_from_home']));
      break;
    }
    case 'impossible_travel_far': {
      // At home at 10:00, on another continent at 10:40.
      const day = dayOf(list[17]!.at);
      clearDays(c, day - 1, day + 2);
      const home = { lat: c.branch.city.lat, lon: c.branch.city.lon };
      c.transactions.push(located(c, 'card_purchase', at(day, 10), home, normal(at(day, 10))));
      c.transactions.push(located(c, 'card_purchase', at(day, 10, 40), farCity(rng, c), normal(at(day, 10)), ['impossible_travel', 'far_from_home']));
      break;
    }
    case 'impossible_travel_near': {
      // At home, then a city 120–330 km away a few minutes later (about 1,800 km/h), still within the home radius.
      const day = dayOf(list[19]!.at);
      clearDays(c, day, day);
      const home = { lat: c.branch.city.lat, lon: c.branch.city.lon };
      const km = haversineKm(home.lat, home.lon, c.branch.nearby.lat, c.branch.nearby.lon);
      c.transactions.push(located(c, 'card_purchase', at(day, 9), home, normal(at(day, 9))));
      c.transactions.push(located(c, 'card_purchase', at(day, 9, Math.ceil(km / 30)), c.branch.nearby, normal(at(day, 9)), ['impossible_travel']));
      break;
    }
  }
}

/** Gives a clean customer behaviour that looks odd but breaks no rule. */
export function applyDecoy(rng: Rng, c: CustomerPlan, decoy: Decoy): void {
  const list = debits(c);
  switch (decoy) {
    case 'big_spender': {
      // Always spends 1,000–3,000 USD: large, but never unusual for this customer.
      for (const t of list) if (t.kind === 'card_purchase' || t.kind === 'online_purchase' || t.kind === 'transfer_out') t.amount = fromUsd(1000 + rng.next() * 2000, c.currency, t.at);
      break;
    }
    case 'near_burst': {
      // Two round withdrawals 25 minutes apart: one short of a burst.
      const day = dayOf(list[9]!.at);
      clearDays(c, day, day);
      for (const minute of [0, 25]) c.transactions.push(located(c, 'atm_withdrawal', at(day, 12, minute), nearHome(rng, c.branch), ROUND_WITHDRAWAL[c.currency]));
      break;
    }
    case 'regional_trip': {
      // Home in the morning, the nearby city six hours later and the next day: plausible by road.
      const day = dayOf(list[13]!.at);
      clearDays(c, day, day + 1);
      c.transactions.push(located(c, 'card_purchase', at(day, 8, 30), { lat: c.branch.city.lat, lon: c.branch.city.lon }, fromUsd(c.typicalUsd, c.currency, at(day, 8))));
      c.transactions.push(located(c, 'card_purchase', at(day, 14, 30), c.branch.nearby, fromUsd(c.typicalUsd, c.currency, at(day, 14))));
      c.transactions.push(located(c, 'card_purchase', at(day + 1, 11), c.branch.nearby, fromUsd(c.typicalUsd * 1.5, c.currency, at(day + 1, 11))));
      break;
    }
    case 'big_credit': {
      // A 50,000 USD transfer in (a house sale): credits are not scored.
      c.transactions.push({ id: '', at: at(40, 12), kind: 'transfer_in', direction: 'credit', amount: fromUsd(50_000, c.currency, at(40, 12)), currency: c.currency, lat: null, lon: null, merchant: '', signals: [] });
      break;
    }
    case 'kyc_risk': {
      // Every KYC red flag at once — a compliance case, not a fraud signal.
      c.residence = 'NG';
      c.isPep = true;
      c.kycStatus = 'pending';
      c.documentExpiry = Date.UTC(2023, 10, 30);
      break;
    }
    case 'small_round_burst': {
      // Three quick small payments: round in yen, but each under one round unit (100 USD).
      const day = dayOf(list[7]!.at);
      clearDays(c, day, day);
      for (const minute of [0, 10, 25]) c.transactions.push(located(c, 'card_purchase', at(day, 18, minute), nearHome(rng, c.branch), SMALL_AMOUNT[c.currency]));
      break;
    }
  }
}
