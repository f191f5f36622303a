/**
 * Golden values on a twelve-delivery fixture (test/fixtures/small-fleet). Punctuality,
 * percentiles and scores were worked out by hand (comments show the working); distances are
 * computed here in plain TypeScript from the fixture coordinates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildProject, day, type FixtureBuild } from './helpers.js';

let build: FixtureBuild;

beforeAll(async () => {
  build = await buildProject(join(import.meta.dirname, 'fixtures', 'small-fleet'));
}, 60_000);

afterAll(() => build?.dispose());

const ROAD_FACTOR = 1.3;
type P = [lat: number, lon: number];
/** Great-circle km, written independently of the SQL macro. */
function greatCircleKm([lat1, lon1]: P, [lat2, lon2]: P): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}
const roadTourKm = (depot: P, stops: P[]) => [depot, ...stops, depot].slice(1).reduce((km, p, i, all) => km + greatCircleKm(i === 0 ? depot : all[i - 1]!, p), 0) * ROAD_FACTOR;

describe('logistics on the small-fleet fixture', () => {
  it('builds every node and passes every expectation', () => {
    expect(build.failures).toEqual([]);
    expect(build.summary.success).toBe(true);
  });

  it('cleans coordinates: swapped pairs fixed, 0,0 rejected, points outside the grid kept without a zone', async () => {
    const rows = await build.warehouse.query<{ delivery_id: string; dropoff_lat: number | null; dropoff_lon: number | null; coordinate_quality: string; zone_id: string | null }>(
      "select delivery_id, dropoff_lat, dropoff_lon, coordinate_quality, zone_id from logistics_marts.geo_routes where delivery_id in ('dl01', 'dl02', 'dl07', 'dl09', 'dl11', 'dl12') order by delivery_id",
    );
    expect(rows).toEqual([
      // on the meridian 13.40, the boundary between the west and east columns: [min, max) puts it east
      { delivery_id: 'dl01', dropoff_lat: 52.51, dropoff_lon: 13.4, coordinate_quality: 'valid', zone_id: 'N2' },
      // exported as (13.40, 52.52)
      { delivery_id: 'dl02', dropoff_lat: 52.52, dropoff_lon: 13.4, coordinate_quality: 'swapped', zone_id: 'N2' },
      { delivery_id: 'dl07', dropoff_lat: 52.46, dropoff_lon: 13.35, coordinate_quality: 'valid', zone_id: 'S1' },
      { delivery_id: 'dl09', dropoff_lat: null, dropoff_lon: null, coordinate_quality: 'rejected', zone_id: null },
      // 52.62 is north of the grid; (13.35, 52.62) is no better
      { delivery_id: 'dl11', dropoff_lat: 52.62, dropoff_lon: 13.35, coordinate_quality: 'out_of_area', zone_id: null },
      // on the parallel 52.50, the boundary between the rows: north
      { delivery_id: 'dl12', dropoff_lat: 52.5, dropoff_lon: 13.39, coordinate_quality: 'valid', zone_id: 'N1' },
    ]);
  });

  it('measures delivery time and lateness against the promised window', async () => {
    const rows = await build.warehouse.query<Record<string, unknown>>(
      'select delivery_id, status, has_valid_timing, delivery_minutes, lateness_minutes, delay_minutes, is_on_time, customer_rating from logistics_staging.stg_deliveries order by delivery_id',
    );
    const by = Object.fromEntries(rows.map((r) => [r.delivery_id, r]));
    // dl02: picked up 08:00, dropped off 10:30+02:00 = 08:30, window ends 08:30 → on time, 0 late; rating '6' dropped.
    expect(by.dl02).toEqual({ delivery_id: 'dl02', status: 'delivered', has_valid_timing: true, delivery_minutes: 30, lateness_minutes: 0, delay_minutes: 0, is_on_time: true, customer_rating: null });
    // dl03: 08:00 → 08:10, window ends 09:00 → 50 minutes early.
    expect(by.dl03).toMatchObject({ status: 'delivered', delivery_minutes: 10, lateness_minutes: -50, delay_minutes: 0, is_on_time: true, customer_rating: 4 });
    // dl06: 08:00 → 09:40, window ends 09:30 → 10 minutes late.
    expect(by.dl06).toMatchObject({ delivery_minutes: 100, lateness_minutes: 10, delay_minutes: 10, is_on_time: false, customer_rating: 1 });
    // dl08: dropped off 05:40, before its 06:00 pickup: not timed (its rating stays).
    expect(by.dl08).toMatchObject({ has_valid_timing: false, delivery_minutes: null, is_on_time: null, customer_rating: 2 });
    expect(by.dl05).toMatchObject({ status: 'cancelled', has_valid_timing: false, delivery_minutes: null });
    expect(by.dl09).toMatchObject({ status: 'failed', has_valid_timing: true, delivery_minutes: null, is_on_time: null });
    expect(by.dl10).toMatchObject({ customer_rating: null, delay_minutes: 20 });
  });

  it('computes delivery KPIs by day and zone, p90 included', async () => {
    const rows = await build.warehouse.query<Record<string, unknown>>('select * from logistics_marts.fct_deliveries order by delivery_date, zone_id');
    const view: Array<Record<string, unknown>> = rows.map((r) => ({ ...r, delivery_date: day(r.delivery_date) }));
    expect(view.map((r) => `${r.delivery_date} ${r.zone_id}`)).toEqual(['2024-03-04 N2', '2024-03-04 S1', '2024-03-04 unzoned', '2024-03-05 N1']);
    // N2 on 4 March: dl01–dl06; dl05 cancelled. Timed minutes 20, 30, 10, 50, 100 → sorted 10 20 30 50 100.
    // avg 210 / 5 = 42; p90 at position 0.9 × 4 = 3.6 → 50 + 0.6 × (100 − 50) = 80.
    // On time: dl01, dl02 (at the window's end), dl03 → 3 / 5; delays 0 0 0 5 10 → 3.
    expect(view[0]).toMatchObject({ zone_name: 'North East', deliveries: 6, delivered: 5, failed: 0, cancelled: 1, timed_deliveries: 5 });
    expect(view[0]!.avg_delivery_minutes).toBeCloseTo(42, 9);
    expect(view[0]!.p90_delivery_minutes).toBeCloseTo(80, 9);
    expect(view[0]!.on_time_rate).toBeCloseTo(0.6, 12);
    expect(view[0]!.avg_delay_minutes).toBeCloseTo(3, 9);
    // S1: dl07 (25 min, on time), dl08 (not timed), dl10 (80 min, 20 late).
    // avg 52.5; p90 at 0.9 × 1 = 0.9 → 25 + 0.9 × 55 = 74.5; on time 1 / 2; delay (0 + 20) / 2 = 10.
    expect(view[1]).toMatchObject({ deliveries: 3, delivered: 3, timed_deliveries: 2, on_time_rate: 0.5 });
    expect(view[1]!.avg_delivery_minutes).toBeCloseTo(52.5, 9);
    expect(view[1]!.p90_delivery_minutes).toBeCloseTo(74.5, 9);
    expect(view[1]!.avg_delay_minutes).toBeCloseTo(10, 9);
    // unzoned: dl09 (failed, 0,0) and dl11 (outside the grid, 90 min, on time).
    expect(view[2]).toMatchObject({ zone_name: 'Unzoned', deliveries: 2, delivered: 1, failed: 1, cancelled: 0, timed_deliveries: 1, avg_delivery_minutes: 90, p90_delivery_minutes: 90, on_time_rate: 1, avg_delay_minutes: 0 });
    expect(view[3]).toMatchObject({ deliveries: 1, timed_deliveries: 1, avg_delivery_minutes: 15, p90_delivery_minutes: 15, on_time_rate: 1, avg_delay_minutes: 0 });
  });

  it('scores drivers from documented components', async () => {
    const rows = await build.warehouse.query<Record<string, number | string | null>>('select * from logistics_marts.dim_drivers order by driver_id');
    const [d1, d2, d3] = rows;
    // d1: R1 + R3 → 7 jobs, 6 delivered, 1 cancelled; timed 20 30 10 50 100 15 → avg 37.5; on time 4 / 6;
    // delays 0 0 0 5 10 0 → 2.5; valid ratings 5 4 1 3 → 3.25.
    expect(d1).toMatchObject({ vehicle_type: 'bike', routes_driven: 2, assigned_deliveries: 7, delivered: 6, failed: 0, cancelled_jobs: 1, timed_deliveries: 6, rated_deliveries: 4, drop_offs_outside_shift: 0, speed_score: 1, performance_rank: 1 });
    expect(d1!.avg_delivery_minutes).toBeCloseTo(37.5, 9);
    expect(d1!.on_time_rate).toBeCloseTo(4 / 6, 12);
    expect(d1!.avg_delay_minutes).toBeCloseTo(2.5, 9);
    expect(d1!.avg_rating).toBeCloseTo(3.25, 12);
    expect(d1!.rating_score).toBeCloseTo(0.5625, 12);
    expect(d1!.reliability_score).toBeCloseTo(6 / 7, 12);
    // 100 × (0.4 × 4/6 + 0.25 × 1 + 0.2 × 0.5625 + 0.15 × 6/7) = 75.77380952…
    expect(d1!.performance_score).toBeCloseTo(75.7738095238, 8);
    // d2: 5 jobs, 4 delivered, 1 failed; timed 25 80 90 → avg 65; on time 2 / 3; ratings 4 2 → 3;
    // speed 45 / 65; one drop-off (dl07, 06:25) before the 06:30 shift start.
    expect(d2).toMatchObject({ vehicle_type: 'van', routes_driven: 1, assigned_deliveries: 5, delivered: 4, failed: 1, cancelled_jobs: 0, timed_deliveries: 3, rated_deliveries: 2, drop_offs_outside_shift: 1, rating_score: 0.5, reliability_score: 1, performance_rank: 2 });
    expect(d2!.speed_score).toBeCloseTo(45 / 65, 12);
    // 100 × (0.4 × 2/3 + 0.25 × 9/13 + 0.2 × 0.5 + 0.15 × 1) = 68.97435897…
    expect(d2!.performance_score).toBeCloseTo(68.9743589744, 8);
    // d3 never drove: no score rather than a made-up one.
    expect(d3).toMatchObject({ routes_driven: 0, assigned_deliveries: 0, on_time_rate: null, on_time_score: null, performance_score: null, performance_rank: null });
  });

  it('compares planned and driven stop orders and ranks routes by wasted distance', async () => {
    const rows = await build.warehouse.query<Record<string, number | string | null>>('select * from logistics_marts.route_efficiency order by route_id');
    const [r1, r2, r3] = rows;
    // R1 runs up the meridian 13.40 from the depot at 52.50. Traced stops (dl05 cancelled):
    // 52.51 52.52 52.53 52.54 52.56. Driven (by drop-off time): 52.53 52.51 52.52 52.54 52.56 →
    // legs in hundredths of a degree 3+2+1+2+2, back 6 = 16; planned and sweep order: 1+1+1+1+2+6 = 12.
    const hundredth = 6371 * (0.01 * Math.PI / 180) * ROAD_FACTOR;
    expect(r1).toMatchObject({ assigned_deliveries: 6, visited_stops: 5, traced_stops: 5, planned_distance_km: 18, planned_minutes: 120, actual_minutes: 100, time_variance_minutes: -20, waste_rank: 1 });
    expect(r1!.actual_distance_km).toBeCloseTo(16 * hundredth, 6);
    expect(r1!.planned_order_distance_km).toBeCloseTo(12 * hundredth, 6);
    expect(r1!.sweep_order_distance_km).toBeCloseTo(12 * hundredth, 6);
    expect(r1!.wasted_distance_km).toBeCloseTo(4 * hundredth, 6);
    expect(r1!.wasted_share).toBeCloseTo(0.25, 9);
    expect(r1!.distance_variance_km).toBeCloseTo(16 * hundredth - 18, 6);
    // R2 from (52.45, 13.35): traced dl07, dl10, dl11 (dl08 not timed, dl09 rejected). Driven = planned:
    // dl07 → dl10 → dl11. Sweep by bearing: dl10 (south-west) first, then dl07 and dl11 (both due
    // north, nearer first).
    const depot: P = [52.45, 13.35];
    const [dl07, dl10, dl11]: P[] = [[52.46, 13.35], [52.44, 13.34], [52.62, 13.35]];
    const driven = roadTourKm(depot, [dl07, dl10, dl11]);
    const sweep = roadTourKm(depot, [dl10, dl07, dl11]);
    expect(sweep).toBeLessThan(driven);
    expect(r2).toMatchObject({ visited_stops: 5, traced_stops: 3, planned_minutes: 90, actual_minutes: 90, time_variance_minutes: 0, waste_rank: 2 });
    expect(r2!.actual_distance_km).toBeCloseTo(driven, 6);
    expect(r2!.planned_order_distance_km).toBeCloseTo(driven, 6);
    expect(r2!.sweep_order_distance_km).toBeCloseTo(sweep, 6);
    expect(r2!.wasted_distance_km).toBeCloseTo(driven - sweep, 6);
    // R3: one stop, nothing to reorder.
    const single = roadTourKm([52.5, 13.4], [[52.5, 13.39]]);
    expect(r3).toMatchObject({ traced_stops: 1, wasted_distance_km: 0, wasted_share: 0, planned_minutes: 30, actual_minutes: 15, waste_rank: 3 });
    expect(r3!.actual_distance_km).toBeCloseTo(single, 6);
  });

  it('numbers the driven order on the map and gives legs planned vs actual', async () => {
    const rows = await build.warehouse.query<{ delivery_id: string; actual_stop_sequence: number | null; planned_leg_km: number | null; actual_leg_km: number | null }>(
      "select delivery_id, actual_stop_sequence, planned_leg_km, actual_leg_km from logistics_marts.geo_routes where route_id = 'R1' order by planned_stop_sequence",
    );
    const hundredth = 6371 * (0.01 * Math.PI / 180) * ROAD_FACTOR;
    // planned legs 1 1 1 1 (dl05 cancelled) 2; driven order dl03 dl01 dl02 dl04 dl06 with legs 3 2 1 2 2.
    expect(rows.map((r) => r.delivery_id)).toEqual(['dl01', 'dl02', 'dl03', 'dl04', 'dl05', 'dl06']);
    expect(rows.map((r) => r.actual_stop_sequence)).toEqual([2, 3, 1, 4, null, 5]);
    const inHundredths = (v: number | null) => (v === null ? null : Math.round((v / hundredth) * 1e6) / 1e6);
    expect(rows.map((r) => inHundredths(r.planned_leg_km))).toEqual([1, 1, 1, 1, null, 2]);
    expect(rows.map((r) => inHundredths(r.actual_leg_km))).toEqual([2, 1, 3, 2, null, 2]);
  });
});
