import type { Rng } from './rng.js';

/** Real exports are messy: these helpers add the kinds of dirt staging models must clean. */

/** Random letter case and stray whitespace: `' Completed'`, `'CANCELLED '`. */
export function messyCase(rng: Rng, value: string): string {
  const cased = rng.pick([value, value.toUpperCase(), value[0]!.toUpperCase() + value.slice(1), value.toLowerCase()]);
  return rng.chance(0.15) ? rng.pick([` ${cased}`, `${cased} `, ` ${cased} `]) : cased;
}

/** An ISO date-time at a UTC instant, written in one of several formats/time zones. */
export function messyTimestamp(rng: Rng, date: Date): string {
  const iso = date.toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (rng.int(0, 3)) {
    case 0:
      return iso; // 2024-03-01T10:15:00.000Z
    case 1:
      return iso.replace('T', ' ').replace(/\.\d+Z$/, ''); // naive UTC
    case 2: {
      // the same instant written at +02:00
      const local = new Date(date.getTime() + 2 * 3600_000);
      return `${local.toISOString().slice(0, 19)}+02:00`;
    }
    default:
      return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  }
}

/** Formats a Date as `YYYY-MM-DD`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
