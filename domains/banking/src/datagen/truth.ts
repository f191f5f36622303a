/**
 * What the marts must contain for a generated data set, computed from the clean plans in plain
 * TypeScript — never from the SQL: the planted fraud signals, each customer's KYC facts and
 * balance, and the daily debit and credit totals in the reporting currency.
 */
import type { CustomerPlan, SignalType } from './plan.js';
import { AS_OF_DATE, HIGH_RISK_COUNTRIES, REPORTING_CURRENCY, usdPerUnit, type Currency } from './reference.js';

const AS_OF = Date.parse(`${AS_OF_DATE}T00:00:00Z`);
const HIGH_RISK = new Set(HIGH_RISK_COUNTRIES.map(([iso2]) => iso2));

/** A signal planted in the data: the transaction and the rule it must trip. */
export interface PlantedSignal {
  transactionId: string;
  customerId: string;
  signal: SignalType;
  scenario: string;
}

export interface CustomerTruth {
  customerId: string;
  age: number;
  accountType: string;
  homeBranchId: string;
  isKycVerified: boolean;
  documentsExpired: boolean;
  isHighRiskCountry: boolean;
  isPep: boolean;
  transactions: number;
  /** Credits minus debits in the reporting currency, each amount rounded to cents first. */
  balance: number;
}

export interface DayTruth {
  debitCount: number;
  debitTotal: number;
  creditCount: number;
  creditTotal: number;
}

export interface BankingTruth {
  planted: PlantedSignal[];
  customers: Map<string, CustomerTruth>;
  /** Keyed `customer_id|YYYY-MM-DD` (UTC day). */
  days: Map<string, DayTruth>;
}

/** An amount in the reporting currency, rounded to cents as stg_transactions does. */
export function toReporting(amount: number, currency: Currency, at: number): number {
  const converted = (amount * usdPerUnit(currency, at)) / usdPerUnit(REPORTING_CURRENCY as Currency, at);
  return Math.round(converted * 100) / 100;
}

function ageOn(birth: number, day: number): number {
  const b = new Date(birth);
  const d = new Date(day);
  const beforeBirthday = d.getUTCMonth() * 100 + d.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate();
  return d.getUTCFullYear() - b.getUTCFullYear() - (beforeBirthday ? 1 : 0);
}

/** Folds plans into the expected values. Memory grows with transactions: use it on test scales. */
export function bankingTruth(plans: Iterable<CustomerPlan>): BankingTruth {
  const truth: BankingTruth = { planted: [], customers: new Map(), days: new Map() };
  for (const c of plans) {
    let balance = 0;
    for (const t of c.transactions) {
      for (const signal of t.signals) truth.planted.push({ transactionId: t.id, customerId: c.id, signal, scenario: c.scenario! });
      const amount = toReporting(t.amount, t.currency, t.at);
      const key = `${c.id}|${new Date(t.at).toISOString().slice(0, 10)}`;
      const day = truth.days.get(key) ?? { debitCount: 0, debitTotal: 0, creditCount: 0, creditTotal: 0 };
      if (t.direction === 'debit') {
        day.debitCount++;
        day.debitTotal += amount;
        balance -= amount;
      } else {
        day.creditCount++;
        day.creditTotal += amount;
        balance += amount;
      }
      truth.days.set(key, day);
    }
    truth.customers.set(c.id, {
      customerId: c.id,
      age: ageOn(c.birth, AS_OF),
      accountType: c.accountType,
      homeBranchId: c.branch.id,
      isKycVerified: c.kycStatus === 'verified',
      documentsExpired: c.documentExpiry === null || c.documentExpiry < AS_OF,
      isHighRiskCountry: HIGH_RISK.has(c.residence) || HIGH_RISK.has(c.nationality),
      isPep: c.isPep,
      transactions: c.transactions.length,
      balance,
    });
  }
  return truth;
}
