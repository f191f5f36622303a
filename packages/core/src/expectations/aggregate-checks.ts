import type { Dialect } from '../adapter/dialect.js';
import type { CheckDefinition, CheckValue } from './check-definition.js';
import { literal, scoped } from './row-predicates.js';

type Aggregate = Extract<CheckDefinition, { kind: 'aggregate_between' | 'distinct_values' | 'recent_data' | 'row_count_between' }>;

/**
 * The aggregate columns one check adds to the scan's select list, as `[alias, expression]`.
 * `prefix` names them (`a4` → `a4`, `a4_outside`, `a4_m0`…). Row and null counts come from the
 * scan's shared counts and need no column here.
 */
export function aggregateSelects(dialect: Dialect, check: Aggregate, prefix: string, where: string | undefined): Array<[string, string]> {
  const q = (c: string) => dialect.quoteIdentifier(c);
  switch (check.kind) {
    case 'row_count_between':
      return [];
    case 'recent_data':
      return [[prefix, `max(${scoped(q(check.column), where)})`]];
    case 'distinct_values': {
      const c = q(check.column);
      const scope = where ? `(${where}) and ` : '';
      const list = check.values.map((v) => literal(dialect, v)).join(', ');
      return [
        [`${prefix}_outside`, `count(distinct case when ${scope}${c} is not null and ${c} not in (${list}) then ${c} end)`],
        ...check.values.map((v, j) => [`${prefix}_m${j}`, `max(case when ${scope}${c} = ${literal(dialect, v)} then 1 else 0 end)`] as [string, string]),
      ];
    }
    case 'aggregate_between': {
      const x = scoped(q(check.column), where);
      switch (check.stat) {
        case 'min':
          return [[prefix, `min(${x})`]];
        case 'max':
          return [[prefix, `max(${x})`]];
        case 'sum':
          return [[prefix, `sum(${x})`]];
        case 'mean':
          return [[prefix, `avg(${x})`]];
        case 'stdev':
          return [[prefix, `stddev_samp(${x})`]];
        case 'median':
          return [[prefix, dialect.median ? dialect.median(x) : `percentile_cont(0.5) within group (order by ${x})`]];
        case 'distinct_count':
        case 'proportion_unique':
          return [[prefix, `count(distinct ${x})`]];
        case 'null_proportion':
          return [];
      }
    }
  }
}

/** What an aggregate check measured and whether that is within its bounds. */
export interface AggregateJudgement {
  success: boolean;
  observed: number | string | null | CheckValue[];
  /** Failing items (values outside the set) — a sample is fetched separately. */
  unexpected: number;
  summary?: string;
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

function within(value: number | null, min: number | undefined, max: number | undefined, strictMin = false, strictMax = false): boolean {
  if (value === null || Number.isNaN(value)) return min === undefined && max === undefined;
  if (min !== undefined && (strictMin ? value <= min : value < min)) return false;
  if (max !== undefined && (strictMax ? value >= max : value > max)) return false;
  return true;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** Subtracts `interval` date parts from `now` (calendar months and years in UTC). */
export function freshnessThreshold(now: Date, interval: number, part: Extract<CheckDefinition, { kind: 'recent_data' }>['datepart']): Date {
  const t = new Date(now.getTime());
  const ms = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as Record<string, number>;
  if (ms[part]) return new Date(t.getTime() - interval * ms[part]!);
  if (part === 'month') t.setUTCMonth(t.getUTCMonth() - interval);
  else t.setUTCFullYear(t.getUTCFullYear() - interval);
  return t;
}

/**
 * Reads an aggregate check's columns from the scan's one row and judges them.
 * `elements` and `nonNull` are the in-scope row and non-null counts.
 */
export function judgeAggregate(check: Aggregate, row: Record<string, unknown>, prefix: string, elements: number, nonNull: number, now: Date): AggregateJudgement {
  switch (check.kind) {
    case 'row_count_between': {
      const ok = within(elements, check.min, check.max);
      return { success: ok, observed: elements, unexpected: ok ? 0 : 1, summary: ok ? undefined : `${elements} rows, expected ${range(check.min, check.max)}` };
    }
    case 'recent_data': {
      const raw = row[prefix];
      const newest = raw === null || raw === undefined ? null : raw instanceof Date ? raw : new Date(String(raw));
      const threshold = freshnessThreshold(now, check.interval, check.datepart);
      const ok = newest !== null && newest.getTime() >= threshold.getTime();
      const observed = newest ? newest.toISOString() : null;
      return { success: ok, observed, unexpected: ok ? 0 : 1, summary: ok ? undefined : `newest value ${observed ?? 'none'} is older than ${check.interval} ${check.datepart}(s) before ${now.toISOString()}` };
    }
    case 'distinct_values': {
      const outside = num(row[`${prefix}_outside`]) ?? 0;
      const present = check.values.filter((_, j) => num(row[`${prefix}_m${j}`]) === 1);
      const missing = check.mode === 'equal' ? check.values.filter((v) => !present.includes(v)) : [];
      const unexpected = outside + missing.length;
      const parts = [outside ? `${outside} value(s) outside the set` : '', missing.length ? `missing ${missing.map((v) => JSON.stringify(v)).join(', ')}` : ''].filter(Boolean);
      return { success: unexpected === 0, observed: present, unexpected, summary: parts.join('; ') || undefined };
    }
    case 'aggregate_between': {
      let observed: number | null;
      if (check.stat === 'null_proportion') observed = elements === 0 ? null : (elements - nonNull) / elements;
      else if (check.stat === 'proportion_unique') observed = nonNull === 0 ? null : (num(row[prefix]) ?? 0) / nonNull;
      else observed = num(row[prefix]);
      const ok = within(observed, check.min, check.max, check.strictMin, check.strictMax);
      return { success: ok, observed, unexpected: ok ? 0 : 1, summary: ok ? undefined : `${check.stat} is ${observed ?? 'null'}, expected ${range(check.min, check.max)}` };
    }
  }
}
