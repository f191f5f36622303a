/** Month arithmetic in UTC, shared by the streaming generators. */

/** Milliseconds of the first instant of month `index` counted from `startMonth` (`YYYY-MM`). */
export function monthStart(startMonth: string, index: number): number {
  const [year, month] = startMonth.split('-').map(Number) as [number, number];
  return Date.UTC(year, month - 1 + index, 1);
}

/** Zero-based month index of an instant, counted from `startMonth`. */
export function monthIndex(startMonth: string, at: number): number {
  const [year, month] = startMonth.split('-').map(Number) as [number, number];
  const date = new Date(at);
  return (date.getUTCFullYear() - year) * 12 + date.getUTCMonth() - (month - 1);
}
