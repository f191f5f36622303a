/**
 * Deterministic generator of the logistics domain's raw tables at any scale. The committed
 * seeds are its output at scale 1 with the default seed.
 *
 * @example import { generateLogistics } from '@strata-domains/logistics/datagen';
 *          const stats = await generateLogistics('/tmp/logistics-seeds', { scale: 10 });
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assertScale, Rng, messyCase, messyTimestamp, writeCsv, type CsvValue } from '@strata/datagen';
import { gridZones } from './datagen/geography.js';
import { type SimRoute, type SimulationOptions, simulateRoutes, simulatedDrivers } from './datagen/simulation.js';

export { ROAD_FACTOR } from './datagen/simulation.js';
export { GRID, haversineKm, tourKm, gridZones } from './datagen/geography.js';

/** How much data to generate, and from which seed. */
export interface LogisticsDatagenOptions {
  /** Multiplies the fleet (10 drivers per unit) and so routes, orders and deliveries. Default 1. */
  scale?: number;
  /** Seed of the random generator; the same seed gives byte-identical files. Default 42. */
  seed?: number;
  /** First day, `YYYY-MM-DD`. Default `2024-03-01`. */
  startDate?: string;
  /** Number of days. Default 30. */
  days?: number;
}

/** Row counts, the dirt written, and facts the marts must reproduce. */
export interface LogisticsDatagenResult {
  zones: number;
  drivers: number;
  routes: number;
  orders: number;
  deliveries: { total: number; delivered: number; failed: number; cancelled: number };
  /** Drop-offs exported before their pickup or days late (staging must not time them). */
  invalidTimings: number;
  /** Orders by what happened to their coordinates. */
  coordinates: { valid: number; swapped: number; rejected: number };
  /** Delivered with a valid timing, and of those, dropped off by the end of the promised window. */
  timedDeliveries: number;
  onTimeDeliveries: number;
}

/** Column order of each generated file (the raw tables' columns). */
export const LOGISTICS_HEADERS = {
  zones: ['zone_id', 'zone_name', 'min_lat', 'max_lat', 'min_lon', 'max_lon'],
  drivers: ['driver_id', 'driver_name', 'vehicle_type', 'hired_at', 'shift_start', 'shift_end'],
  routes: ['route_id', 'driver_id', 'route_date', 'depot_id', 'depot_lat', 'depot_lon', 'planned_start', 'planned_end', 'planned_distance_km', 'planned_stops'],
  orders: ['order_id', 'customer_id', 'placed_at', 'order_value', 'dropoff_lat', 'dropoff_lon'],
  deliveries: ['delivery_id', 'order_id', 'route_id', 'stop_sequence', 'status', 'promised_from', 'promised_to', 'picked_up_at', 'dropped_off_at', 'customer_rating'],
} as const;

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function* routeRows(rng: Rng, routes: Iterable<SimRoute>): Generator<Record<string, CsvValue>> {
  for (const route of routes) {
    yield {
      route_id: route.routeId,
      driver_id: route.driver.driverId,
      route_date: route.date,
      depot_id: route.driver.depot.depot_id,
      depot_lat: route.driver.depot.lat,
      depot_lon: route.driver.depot.lon,
      planned_start: messyTimestamp(rng, new Date(route.plannedStart)),
      planned_end: messyTimestamp(rng, new Date(route.plannedEnd)),
      planned_distance_km: route.plannedKm.toFixed(1),
      planned_stops: route.stops.length,
    };
  }
}

function* orderRows(rng: Rng, routes: Iterable<SimRoute>, result: LogisticsDatagenResult): Generator<Record<string, CsvValue>> {
  for (const route of routes) {
    for (const stop of route.stops) {
      const { lat, lon } = stop.point;
      const [dropoffLat, dropoffLon] = {
        none: [String(lat), String(lon)],
        swapped: [String(lon), String(lat)],
        null_island: rng.chance(0.5) ? ['0', '0'] : ['0.0', '0.0'],
        missing: ['', ''],
      }[stop.coordinateDirt];
      if (stop.coordinateDirt === 'none') result.coordinates.valid++;
      else if (stop.coordinateDirt === 'swapped') result.coordinates.swapped++;
      else result.coordinates.rejected++;
      result.orders++;
      yield {
        order_id: stop.orderId,
        customer_id: stop.customerId,
        placed_at: messyTimestamp(rng, new Date(stop.placedAt)),
        order_value: stop.value.toFixed(2),
        dropoff_lat: dropoffLat,
        dropoff_lon: dropoffLon,
      };
    }
  }
}

function* deliveryRows(rng: Rng, routes: Iterable<SimRoute>, result: LogisticsDatagenResult): Generator<Record<string, CsvValue>> {
  const ts = (ms: number | undefined) => (ms === undefined ? null : messyTimestamp(rng, new Date(ms)));
  for (const route of routes) {
    for (const stop of route.stops) {
      result.deliveries.total++;
      result.deliveries[stop.status]++;
      if (stop.status !== 'cancelled' && stop.timingDirt !== 'none') result.invalidTimings++;
      if (stop.status === 'delivered' && stop.timingDirt === 'none') {
        result.timedDeliveries++;
        if (stop.droppedOffAt! <= stop.promisedTo) result.onTimeDeliveries++;
      }
      yield {
        delivery_id: stop.deliveryId,
        order_id: stop.orderId,
        route_id: route.routeId,
        stop_sequence: stop.plannedSequence,
        status: rng.chance(0.15) ? messyCase(rng, stop.status) : stop.status,
        promised_from: ts(stop.promisedFrom),
        promised_to: ts(stop.promisedTo),
        picked_up_at: ts(stop.pickedUpAt),
        dropped_off_at: ts(stop.exportedDropOffAt),
        customer_rating: stop.rating ?? null,
      };
    }
  }
}

/**
 * Writes `zones.csv`, `drivers.csv`, `routes.csv`, `orders.csv` and `deliveries.csv` into
 * `outDir`. Rows are streamed; the simulation is re-run per file (it is deterministic), so
 * memory stays flat at any scale.
 */
export async function generateLogistics(outDir: string, options: LogisticsDatagenOptions = {}): Promise<LogisticsDatagenResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 42;
  assertScale(scale);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const startDate = options.startDate ?? '2024-03-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(Date.parse(startDate))) throw new Error(`startDate must look like 2024-03-01, got ${startDate}`);
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer, got ${days}`);
  const sim: SimulationOptions = { seed, drivers: Math.max(3, Math.round(10 * scale)), startDate, days };
  const file = (name: keyof typeof LOGISTICS_HEADERS) => join(outDir, `${name}.csv`);
  const header = (name: keyof typeof LOGISTICS_HEADERS): string[] => [...LOGISTICS_HEADERS[name]];
  const result: LogisticsDatagenResult = {
    zones: 0, drivers: 0, routes: 0, orders: 0,
    deliveries: { total: 0, delivered: 0, failed: 0, cancelled: 0 },
    invalidTimings: 0,
    coordinates: { valid: 0, swapped: 0, rejected: 0 },
    timedDeliveries: 0,
    onTimeDeliveries: 0,
  };
  result.zones = await writeCsv(file('zones'), header('zones'), gridZones().map((z) => ({ ...z })));
  const driverRng = new Rng(seed * 11 + 3);
  result.drivers = await writeCsv(file('drivers'), header('drivers'), simulatedDrivers(sim).map((d) => ({
    driver_id: d.driverId,
    driver_name: d.name,
    vehicle_type: driverRng.chance(0.3) ? messyCase(driverRng, d.vehicle) : d.vehicle,
    hired_at: d.hiredAt,
    shift_start: hhmm(d.shiftStart),
    shift_end: hhmm(d.shiftEnd),
  })));
  result.routes = await writeCsv(file('routes'), header('routes'), routeRows(new Rng(seed * 11 + 4), simulateRoutes(sim)));
  await writeCsv(file('orders'), header('orders'), orderRows(new Rng(seed * 11 + 5), simulateRoutes(sim), result));
  await writeCsv(file('deliveries'), header('deliveries'), deliveryRows(new Rng(seed * 11 + 6), simulateRoutes(sim), result));
  return result;
}

/** Usage line of the generator's command line. */
export const DATAGEN_USAGE = 'datagen [--scale N] [--seed N] [--out DIR] [--start YYYY-MM-DD] [--days N]';

/**
 * The generator's command line: parses `argv`, writes into `defaultOut` unless `--out` says
 * otherwise, prints what it wrote. Returns the exit code (2 for bad arguments, 1 for bad values).
 * @example process.exitCode = await runDatagenCli(['--scale', '10', '--out', '/tmp/x'], seedsDir);
 */
export async function runDatagenCli(argv: string[], defaultOut: string): Promise<number> {
  const options = {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    start: { type: 'string', default: '2024-03-01' },
    days: { type: 'string', default: '30' },
  } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options }));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${DATAGEN_USAGE}`);
    return 2;
  }
  const outDir = resolve(values.out ?? defaultOut);
  try {
    const result = await generateLogistics(outDir, { scale: Number(values.scale), seed: Number(values.seed), startDate: values.start, days: Number(values.days) });
    console.log(`wrote ${outDir}\n${JSON.stringify(result, null, 2)}`);
    return 0;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${DATAGEN_USAGE}`);
    return 1;
  }
}
