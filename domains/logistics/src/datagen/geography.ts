/** The service area: a grid of zones over the city, the depots, and distances on the sphere. */

/** One rectangular zone of the grid; bounds are half-open: [min, max). */
export interface Zone {
  zone_id: string;
  zone_name: string;
  min_lat: number;
  max_lat: number;
  min_lon: number;
  max_lon: number;
}

/** South-west corner and cell size of the 4 × 4 grid (about 5.5 km × 6.8 km per cell). */
export const GRID = { lat0: 52.4, lon0: 13.2, latStep: 0.05, lonStep: 0.1, rows: 4, cols: 4 } as const;

const NAMES = [
  'Havelufer', 'Lindenhof', 'Gartenfeld', 'Ostkreuz',
  'Westhafen', 'Schlossberg', 'Marktviertel', 'Spreebogen',
  'Nordpark', 'Mitte', 'Alexanderplatz', 'Friedrichshain',
  'Tegel Nord', 'Weissensee', 'Pankow', 'Hohenschoenhausen',
];

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The zones seed: rows A (south) to D (north), columns 1 (west) to 4 (east). */
export function gridZones(): Zone[] {
  const zones: Zone[] = [];
  for (let r = 0; r < GRID.rows; r++) {
    for (let c = 0; c < GRID.cols; c++) {
      zones.push({
        zone_id: `${'ABCD'[r]}${c + 1}`,
        zone_name: NAMES[r * GRID.cols + c]!,
        min_lat: round(GRID.lat0 + r * GRID.latStep, 4),
        max_lat: round(GRID.lat0 + (r + 1) * GRID.latStep, 4),
        min_lon: round(GRID.lon0 + c * GRID.lonStep, 4),
        max_lon: round(GRID.lon0 + (c + 1) * GRID.lonStep, 4),
      });
    }
  }
  return zones;
}

/** Depots (hubs) drivers load at. */
export const DEPOTS = [
  { depot_id: 'H1', lat: 52.455, lon: 13.285 },
  { depot_id: 'H2', lat: 52.515, lon: 13.405 },
  { depot_id: 'H3', lat: 52.555, lon: 13.515 },
] as const;

/** A point in degrees. */
export interface Point {
  lat: number;
  lon: number;
}

/** Great-circle distance in km (haversine, earth radius 6371 km). */
export function haversineKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Length of the closed tour depot → stops in the given order → depot, in km. */
export function tourKm(depot: Point, stops: Point[]): number {
  let km = 0;
  let at: Point = depot;
  for (const stop of stops) {
    km += haversineKm(at, stop);
    at = stop;
  }
  return km + haversineKm(at, depot);
}

/** The planner's stop order: nearest neighbour from the depot. Returns indexes into `stops`. */
export function nearestNeighbourOrder(depot: Point, stops: Point[]): number[] {
  const left = new Set(stops.map((_, i) => i));
  const order: number[] = [];
  let at: Point = depot;
  while (left.size > 0) {
    let best = -1;
    let bestKm = Infinity;
    for (const i of left) {
      const km = haversineKm(at, stops[i]!);
      if (km < bestKm) [best, bestKm] = [i, km];
    }
    order.push(best);
    left.delete(best);
    at = stops[best]!;
  }
  return order;
}
