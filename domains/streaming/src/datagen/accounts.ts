import { Rng } from '@strata/datagen';
import { monthIndex, monthStart } from './calendar.js';

/** The plans, cheapest first; the index is the tier rank used for upgrades and downgrades. */
export const PLANS = [
  { plan: 'basic', price: 7.99 },
  { plan: 'standard', price: 13.99 },
  { plan: 'premium', price: 19.99 },
] as const;

/** One period on one plan; `endedAt` is undefined while the period is open. */
export interface PlanPeriod {
  subscriptionId: string;
  tier: number;
  startedAt: number;
  endedAt?: number;
}

/** A generated account: who signed up when, and their plan history. */
export interface Account {
  userId: string;
  signupAt: number;
  country: string;
  periods: PlanPeriod[];
  /** How likely the user is to watch in a subscribed month (before decay). */
  engagement: number;
}

const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'NL', 'ES', 'SE'] as const;

/**
 * Generates accounts with signups spread over the months (more in later months, as a growing
 * service has) and a plan history per account: a monthly chance to churn, to upgrade or to
 * downgrade. Periods are contiguous; a churned account's last period has an end.
 */
export function generateAccounts(rng: Rng, count: number, startMonth: string, months: number): Account[] {
  const end = monthStart(startMonth, months);
  const monthWeights = Array.from({ length: months }, (_, m) => [m, 1 + 0.15 * m] as const);
  const signups = Array.from({ length: count }, () => {
    const m = rng.weighted(monthWeights);
    const from = monthStart(startMonth, m);
    return from + Math.floor(rng.next() * (monthStart(startMonth, m + 1) - from) / 1000) * 1000;
  }).sort((a, b) => a - b);
  let subscriptionCounter = 0;
  return signups.map((signupAt, i) => {
    const nextId = () => `sub${String(++subscriptionCounter).padStart(7, '0')}`;
    let tier: number = rng.weighted([[0, 50], [1, 35], [2, 15]] as const);
    const periods: PlanPeriod[] = [{ subscriptionId: nextId(), tier, startedAt: signupAt }];
    for (let m = monthIndex(startMonth, signupAt) + 1; m < months; m++) {
      const at = monthStart(startMonth, m) + rng.int(0, 27 * 86400) * 1000 + rng.int(0, 86399) * 1000;
      if (at >= end) break;
      const current = periods[periods.length - 1]!;
      if (rng.chance(tier === 0 ? 0.09 : 0.06)) {
        current.endedAt = at;
        break;
      }
      if (rng.chance(0.07)) {
        const up = tier === 0 || (tier === 1 && rng.chance(0.6));
        tier = up ? tier + 1 : tier - 1;
        current.endedAt = at;
        periods.push({ subscriptionId: nextId(), tier, startedAt: at });
      }
    }
    return {
      userId: `u${String(i + 1).padStart(6, '0')}`,
      signupAt,
      country: rng.pick(COUNTRIES),
      periods,
      engagement: 0.55 + rng.next() * 0.4,
    };
  });
}

/**
 * The accounts as the app database had them just before `before` (ms): accounts created by
 * then, their plan periods started by then, and an end only where it came before it.
 * @example accountsAsOf(accounts, Date.UTC(2024, 2, 1)) // the replica on the morning of 1 March
 */
export function accountsAsOf(accounts: Account[], before: number): Account[] {
  return accounts
    .filter((account) => account.signupAt < before)
    .map((account) => ({
      ...account,
      periods: account.periods
        .filter((period) => period.startedAt < before)
        .map((period) => (period.endedAt !== undefined && period.endedAt >= before ? { ...period, endedAt: undefined } : period)),
    }));
}
