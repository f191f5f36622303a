import type { UnitRow } from './define-unit-test.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** True when an actual warehouse value equals what a unit test expects (dates and numbers leniently). */
export function sameValue(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  if (actual instanceof Date) {
    if (expected instanceof Date) return expected.getTime() === actual.getTime();
    if (typeof expected !== 'string') return false;
    if (DATE_ONLY.test(expected)) return actual.toISOString().slice(0, 10) === expected && actual.getUTCHours() + actual.getUTCMinutes() + actual.getUTCSeconds() === 0;
    const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(expected) ? expected : `${expected.replace(' ', 'T')}Z`);
    return parsed === actual.getTime();
  }
  if (typeof expected === 'number' || typeof actual === 'number' || typeof actual === 'bigint') {
    const a = Number(actual);
    const e = Number(expected);
    return Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
  }
  return expected === actual;
}

/** A row shown in messages: dates as ISO strings. */
export function showRow(row: UnitRow): string {
  return JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Rows the model should have returned but did not, and rows it returned that were not expected. */
export interface RowDiff {
  missing: UnitRow[];
  unexpected: UnitRow[];
}

/**
 * Compares actual rows with expected ones on the expected rows' columns, as a multiset (or in
 * order when `ordered`).
 */
export function compareRows(expected: UnitRow[], actual: UnitRow[], ordered = false): RowDiff {
  const columns = [...new Set(expected.flatMap((r) => Object.keys(r)))];
  const project = (row: UnitRow): UnitRow => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
  const matches = (e: UnitRow, a: UnitRow) => columns.every((c) => sameValue(e[c] ?? null, a[c]));
  const diff: RowDiff = { missing: [], unexpected: [] };
  if (ordered) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const e = expected[i];
      const a = actual[i];
      if (e && a && matches(e, a)) continue;
      if (e) diff.missing.push(e);
      if (a) diff.unexpected.push(project(a));
    }
    return diff;
  }
  const unused = [...actual];
  for (const e of expected) {
    const at = unused.findIndex((a) => matches(e, a));
    if (at < 0) diff.missing.push(e);
    else unused.splice(at, 1);
  }
  diff.unexpected = unused.map(project);
  return diff;
}
