import type { Rng } from '@strata/datagen';
import { DEPOTS } from './geography.js';

/** Vehicles of the fleet (stg_drivers accepts exactly these). */
export type Vehicle = 'bike' | 'scooter' | 'van';

/** Average road speed by vehicle, km/h, as the planner assumes it. */
export const SPEED_KMH: Record<Vehicle, number> = { bike: 14, scooter: 20, van: 18 };

/** One driver of the fleet, with the traits that drive the simulation. */
export interface Driver {
  driverId: string;
  name: string;
  vehicle: Vehicle;
  hiredAt: string;
  /** Shift start and end, minutes after midnight UTC. */
  shiftStart: number;
  shiftEnd: number;
  depot: (typeof DEPOTS)[number];
  /** Multiplier on planned speed (1.1 = 10 % faster than planned). */
  pace: number;
  /** Chance to drive the stops in an order of their own rather than the plan's. */
  improvisation: number;
  /** Chance to cancel a job. */
  cancelRate: number;
}

const FIRST = ['Ali', 'Bea', 'Chen', 'Dana', 'Emil', 'Fatma', 'Goran', 'Hanna', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mia', 'Noah', 'Olga', 'Piotr'];
const LAST = ['Berg', 'Costa', 'Demir', 'Engel', 'Fischer', 'Gruber', 'Horvat', 'Ivanova', 'Jansen', 'Kowalski', 'Lang', 'Moreau'];
const SHIFTS = [[6 * 60, 14 * 60], [8 * 60, 16 * 60], [10 * 60, 18 * 60], [12 * 60, 20 * 60]] as const;

/** Generates the fleet: vehicles, shifts, home depots and driving habits. */
export function generateDrivers(rng: Rng, count: number): Driver[] {
  return Array.from({ length: count }, (_, i) => {
    const [shiftStart, shiftEnd] = rng.pick(SHIFTS);
    return {
      driverId: `d${String(i + 1).padStart(4, '0')}`,
      name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
      vehicle: rng.weighted([['bike', 4], ['scooter', 3], ['van', 3]] as const),
      hiredAt: `20${rng.int(19, 23)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      shiftStart,
      shiftEnd,
      depot: DEPOTS[i % DEPOTS.length]!,
      pace: Math.min(1.3, Math.max(0.75, rng.normal(1, 0.12))),
      improvisation: rng.pick([0.05, 0.15, 0.3, 0.5]),
      cancelRate: rng.pick([0.01, 0.03, 0.05, 0.1]),
    };
  });
}
