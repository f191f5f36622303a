import { Rng } from '@strata/datagen';
import { type Driver, SPEED_KMH, generateDrivers } from './fleet.js';
import { GRID, type Point, haversineKm, nearestNeighbourOrder, tourKm } from './geography.js';

/** Road distance is this many times the great-circle distance (the `road_factor` var). */
export const ROAD_FACTOR = 1.3;
const MINUTE = 60_000;

/** Outcome of a delivery job. */
export type Status = 'delivered' | 'failed' | 'cancelled';
/** What the export does to a drop-off point. */
export type CoordinateDirt = 'none' | 'swapped' | 'null_island' | 'missing';
/** What the export does to a drop-off time. */
export type TimingDirt = 'none' | 'clock_skew' | 'late_upload';

/** One delivery job of a route, with its true values and the dirt its export will carry. */
export interface SimStop {
  deliveryId: string;
  orderId: string;
  customerId: string;
  placedAt: number;
  value: number;
  point: Point;
  plannedSequence: number;
  status: Status;
  promisedFrom: number;
  promisedTo: number;
  pickedUpAt?: number;
  /** True drop-off (or failed attempt) time. */
  droppedOffAt?: number;
  /** Drop-off time as exported (differs from the truth when timingDirt is set). */
  exportedDropOffAt?: number;
  rating?: string;
  coordinateDirt: CoordinateDirt;
  timingDirt: TimingDirt;
}

/** One driver's route of one day, stops in planned order. */
export interface SimRoute {
  routeId: string;
  driver: Driver;
  date: string;
  plannedStart: number;
  plannedEnd: number;
  plannedKm: number;
  stops: SimStop[];
}

/** Size, period and seed of one simulation. */
export interface SimulationOptions {
  seed: number;
  drivers: number;
  startDate: string;
  days: number;
}

const roundSecond = (ms: number) => Math.round(ms / 1000) * 1000;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Drivers of a simulation (the same for the same options). */
export function simulatedDrivers(options: SimulationOptions): Driver[] {
  return generateDrivers(new Rng(options.seed * 11 + 1), options.drivers);
}

/**
 * Simulates every route day by day. Deterministic for the same options, so each output file
 * re-runs it instead of holding all routes in memory.
 */
export function* simulateRoutes(options: SimulationOptions): Generator<SimRoute> {
  const drivers = simulatedDrivers(options);
  const rng = new Rng(options.seed * 11 + 2);
  const start = Date.parse(`${options.startDate}T00:00:00Z`);
  let routes = 0;
  let deliveries = 0;
  for (let d = 0; d < options.days; d++) {
    const midnight = start + d * 86_400_000;
    const date = new Date(midnight).toISOString().slice(0, 10);
    for (const driver of drivers) {
      if (!rng.chance(5 / 7)) continue;
      const count = rng.int(4, 10);
      const points: Point[] = Array.from({ length: count }, () => ({
        lat: Number(clamp(driver.depot.lat + rng.normal(0, 0.025), GRID.lat0 + 0.001, GRID.lat0 + GRID.rows * GRID.latStep - 0.001).toFixed(5)),
        lon: Number(clamp(driver.depot.lon + rng.normal(0, 0.045), GRID.lon0 + 0.001, GRID.lon0 + GRID.cols * GRID.lonStep - 0.001).toFixed(5)),
      }));
      const planned = nearestNeighbourOrder(driver.depot, points).map((i) => points[i]!);
      const speed = SPEED_KMH[driver.vehicle];
      const plannedStart = midnight + driver.shiftStart * MINUTE;
      // Planned ETAs: nominal speed, 4 minutes per stop. Promised window: the hour slot around the ETA.
      let eta = plannedStart;
      let at: Point = driver.depot;
      const stops: SimStop[] = planned.map((point, i) => {
        eta += ((haversineKm(at, point) * ROAD_FACTOR) / speed) * 60 * MINUTE + 4 * MINUTE;
        at = point;
        const promisedFrom = Math.floor(eta / (30 * MINUTE)) * 30 * MINUTE - 30 * MINUTE;
        deliveries++;
        const roll = rng.next();
        return {
          deliveryId: `dl${String(deliveries).padStart(7, '0')}`,
          orderId: `o${String(deliveries).padStart(7, '0')}`,
          customerId: `c${String(rng.int(1, Math.max(50, options.drivers * 80))).padStart(5, '0')}`,
          placedAt: roundSecond(midnight - rng.int(2 * 60, 30 * 60) * MINUTE + rng.int(0, 59) * 1000),
          value: Math.round((8 + rng.next() * 110) * 100) / 100,
          point,
          plannedSequence: i + 1,
          status: rng.chance(driver.cancelRate) ? 'cancelled' : rng.chance(0.03) ? 'failed' : 'delivered',
          promisedFrom,
          promisedTo: promisedFrom + 60 * MINUTE,
          coordinateDirt: roll < 0.03 ? 'swapped' : roll < 0.045 ? 'null_island' : roll < 0.05 ? 'missing' : 'none',
          timingDirt: 'none',
        };
      });
      const plannedKm = tourKm(driver.depot, planned) * ROAD_FACTOR;
      // The plan ends at the last drop-off (the way back to the depot is not part of the job).
      const plannedEnd = roundSecond(eta);

      // The driver's order: the plan, or the plan with a stretch of stops driven backwards.
      const driven = stops.filter((s) => s.status !== 'cancelled');
      if (driven.length > 2 && rng.chance(driver.improvisation)) {
        const i = rng.int(0, driven.length - 2);
        const j = rng.int(i + 1, driven.length - 1);
        driven.splice(i, j - i + 1, ...driven.slice(i, j + 1).reverse());
      }
      const departure = plannedStart + Math.round(clamp(rng.normal(4, 6), -5, 40)) * MINUTE;
      let clock = departure;
      at = driver.depot;
      for (const stop of driven) {
        stop.pickedUpAt = roundSecond(departure - rng.int(1, 10) * MINUTE);
        clock += ((haversineKm(at, stop.point) * ROAD_FACTOR) / (speed * driver.pace)) * 60 * MINUTE + rng.int(2, 6) * MINUTE;
        at = stop.point;
        stop.droppedOffAt = roundSecond(clock);
        stop.exportedDropOffAt = stop.droppedOffAt;
        const dirt = rng.next();
        if (dirt < 0.01) {
          stop.timingDirt = 'clock_skew';
          stop.exportedDropOffAt = stop.pickedUpAt - rng.int(1, 30) * MINUTE;
        } else if (dirt < 0.015) {
          stop.timingDirt = 'late_upload';
          stop.exportedDropOffAt = stop.droppedOffAt + rng.int(2, 3) * 86_400_000;
        }
        if (stop.status === 'delivered' && rng.chance(0.55)) {
          const late = stop.droppedOffAt > stop.promisedTo;
          stop.rating = rng.chance(0.02)
            ? rng.pick(['0', '6', 'n/a'])
            : String(late ? rng.weighted([[1, 2], [2, 3], [3, 3], [4, 2]] as const) : rng.weighted([[3, 1], [4, 3], [5, 6]] as const));
        }
      }
      yield { routeId: `r${String(++routes).padStart(6, '0')}`, driver, date, plannedStart, plannedEnd, plannedKm, stops };
    }
  }
}
