/** Small helpers shared by the banking generator's modules: time units, money, places, streams. */
import type { Rng } from '@strata/datagen';
import { DECIMALS, usdPerUnit, type Branch, type Currency } from './reference.js';

export const DAY = 86_400_000;
export const MINUTE = 60_000;

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

/** `usd` dollars in `currency` at the rate of the month of `at`, rounded to the currency's minor unit. */
export function fromUsd(usd: number, currency: Currency, at: number): number {
  const factor = 10 ** DECIMALS[currency];
  return Math.max(1 / factor, Math.round((usd / usdPerUnit(currency, at)) * factor) / factor);
}

/** A point within about 25 km of a branch. */
export function nearHome(rng: Rng, branch: Branch): { lat: number; lon: number } {
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return { lat: round(branch.city.lat + (rng.next() - 0.5) * 0.24), lon: round(branch.city.lon + (rng.next() - 0.5) * 0.3) };
}
