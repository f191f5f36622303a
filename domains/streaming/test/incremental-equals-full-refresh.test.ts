/**
 * stg_watch_history is incremental (append: only uploads of events not loaded yet are parsed),
 * and int_daily_streams and fct_streams are incremental (delete+insert, recomputing the last
 * three days already built). A warehouse is built on the data loaded up to one day; the next day's
 * uploads — sessions of that day, sessions of the days before uploaded late, and retried uploads
 * of events already loaded — are appended to the event log and the project is built again,
 * incrementally. A second warehouse builds the same data with a full refresh. Both models and
 * the marts downstream must match row for row.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemporaryWarehouse } from '@strata/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStreaming, MAX_SESSION_SECONDS, STREAMING_HEADERS, type StreamingDatagenResult } from '../src/datagen.js';
import { checkAgainstGenerator, copyProject, day, durationSeconds, eventDay, failuresOf, type FixtureBuild } from './helpers.js';

// Three months of generated data; the last day of March is the day appended.
const OPTIONS = { scale: 1, seed: 42, startMonth: '2024-01', months: 3 } as const;
const DAY_BEFORE = '2024-03-30';
const DAY = '2024-03-31';

/** Each model's rows in a total order (its key), so two warehouses compare row for row. */
const MODELS = {
  stg_watch_history: 'select * from streaming_staging.stg_watch_history order by event_id',
  int_daily_streams: 'select * from streaming_intermediate.int_daily_streams order by user_id, stream_date',
  fct_streams: 'select * from streaming_marts.fct_streams order by stream_date, show_id',
  dim_users: 'select * from streaming_marts.dim_users order by user_id',
  retention_analysis: 'select * from streaming_marts.retention_analysis order by cohort_month, months_since_signup',
} as const;
type State = Record<keyof typeof MODELS, Record<string, unknown>[]>;

async function state(warehouse: TemporaryWarehouse): Promise<State> {
  const result: Partial<State> = {};
  for (const [model, sql] of Object.entries(MODELS)) result[model as keyof State] = await warehouse.query(sql);
  return result as State;
}

/** Data lines of a generated CSV. */
function lines(file: string): string[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
}

const column = (name: (typeof STREAMING_HEADERS.watch_history)[number]) => STREAMING_HEADERS.watch_history.indexOf(name);
const field = (line: string, name: (typeof STREAMING_HEADERS.watch_history)[number]) => line.split(',')[column(name)]!;

const shiftDay = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const messageOf = (summary: FixtureBuild['summary'], model: string) => summary.results.find((r) => r.uniqueId === `model.streaming.${model}`)?.message;
const result = (summary: FixtureBuild['summary'], model: string) => summary.results.find((r) => r.uniqueId === `model.streaming.${model}`)?.rowsAffected;
const sumSessions = (rows: Record<string, unknown>[], onDay: string) => rows.filter((r) => day(r.stream_date) === onDay).reduce((n, r) => n + Number(r.sessions), 0);

describe('streaming: an incremental build after one more day of events equals a full refresh', () => {
  const scratch: string[] = [];
  const incremental = new TemporaryWarehouse();
  const full = new TemporaryWarehouse();
  let truthBefore: StreamingDatagenResult;
  let truth: StreamingDatagenResult;
  let loadedBefore: string[];
  let loaded: string[];
  let appended: string[];
  const runs: Record<'dayBefore' | 'day' | 'again' | 'full', FixtureBuild['summary']> = {} as never;
  let beforeDay: State;
  let afterDay: State;
  let again: State;
  let fullState: State;

  beforeAll(async () => {
    const dayBeforeDir = mkdtempSync(join(tmpdir(), 'streaming-day-before-'));
    const dayDir = mkdtempSync(join(tmpdir(), 'streaming-day-'));
    scratch.push(dayBeforeDir, dayDir);
    truthBefore = await generateStreaming(dayBeforeDir, { ...OPTIONS, through: DAY_BEFORE });
    truth = await generateStreaming(dayDir, { ...OPTIONS, through: DAY });
    loadedBefore = lines(join(dayBeforeDir, 'watch_history.csv'));
    loaded = lines(join(dayDir, 'watch_history.csv'));
    const known = new Set(loadedBefore);
    appended = loaded.filter((line) => !known.has(line));

    const incrementalRoot = copyProject(dayBeforeDir);
    const fullRoot = copyProject(dayDir);
    scratch.push(incrementalRoot, fullRoot);
    [runs.dayBefore, runs.full] = await Promise.all([incremental.run([incrementalRoot], 'build'), full.run([fullRoot], 'build', { fullRefresh: true })]);
    beforeDay = await state(incremental);

    // The next day's load: the app tables are replaced by the replica of that day, the event
    // log gets the day's uploads appended at its end.
    for (const table of ['users', 'shows', 'subscriptions']) copyFileSync(join(dayDir, `${table}.csv`), join(incrementalRoot, 'seeds', `${table}.csv`));
    appendFileSync(join(incrementalRoot, 'seeds', 'watch_history.csv'), `${appended.join('\n')}\n`);
    runs.day = await incremental.run([incrementalRoot], 'build');
    afterDay = await state(incremental);
    fullState = await state(full);
    runs.again = await incremental.run([incrementalRoot], 'build');
    again = await state(incremental);
  }, 120_000);

  afterAll(() => {
    incremental.dispose();
    full.dispose();
    scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('appends one day of uploads: late sessions of earlier days and retries of loaded events among them', () => {
    // The later load holds every row of the earlier one, in the same order, plus the day's uploads.
    const known = new Set(loadedBefore);
    expect(loaded.filter((line) => known.has(line))).toEqual(loadedBefore);
    expect(appended.length).toBe(truth.watchHistory.rows - truthBefore.watchHistory.rows);
    expect(appended.length).toBeGreaterThan(50);
    const byDay: Record<string, number> = {};
    for (const line of appended) byDay[eventDay(field(line, 'event_timestamp'))] = (byDay[eventDay(field(line, 'event_timestamp'))] ?? 0) + 1;
    // Most are the day's own sessions; some started the day before or earlier.
    expect(byDay[DAY]).toBeGreaterThan(byDay[DAY_BEFORE]!);
    expect(byDay[DAY_BEFORE]).toBeGreaterThan(5);
    expect(Object.keys(byDay).filter((d) => d < DAY_BEFORE).length).toBeGreaterThan(0);
    // None older than the three days the models recompute (what makes the equality possible).
    expect(Object.keys(byDay).every((d) => d >= shiftDay(DAY_BEFORE, -3) && d <= DAY)).toBe(true);
    // Retried uploads of events the warehouse already has.
    const loadedIds = new Set(loadedBefore.map((line) => field(line, 'event_id')));
    expect(appended.filter((line) => loadedIds.has(field(line, 'event_id'))).length).toBeGreaterThan(0);
  });

  it('passes every test on both days and again, with the two models built incrementally', () => {
    for (const summary of Object.values(runs)) expect(failuresOf(summary)).toEqual([]);
    for (const [model, strategy] of [['stg_watch_history', 'append'], ['int_daily_streams', 'delete+insert'], ['fct_streams', 'delete+insert']] as const) {
      expect(messageOf(runs.dayBefore, model)).toBe('created');
      expect(messageOf(runs.day, model)).toBe(`incremental ${strategy}`);
      expect(messageOf(runs.again, model)).toBe(`incremental ${strategy}`);
      expect(messageOf(runs.full, model)).toBe('created');
    }
  });

  it('parses on the next day only the uploads of events not loaded yet, and adds each new event once', () => {
    // Appended lines whose event was not loaded the day before: the rows the staging run adds,
    // once per event, minus the ones it rejects (bad durations or timestamps).
    const loadedIds = new Set(loadedBefore.map((line) => field(line, 'event_id')));
    const newEvents = new Set(appended.map((line) => field(line, 'event_id')).filter((id) => !loadedIds.has(id)));
    const added = afterDay.stg_watch_history.length - beforeDay.stg_watch_history.length;
    expect(added).toBe(truth.watchHistory.validSessions - truthBefore.watchHistory.validSessions);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(newEvents.size);
    // The day before's rows are all still there, unchanged: retries of loaded events added nothing.
    const after = new Set(afterDay.stg_watch_history.map((row) => JSON.stringify(row)));
    expect(beforeDay.stg_watch_history.filter((row) => !after.has(JSON.stringify(row)))).toEqual([]);
    expect(result(runs.day, 'stg_watch_history')).toBe(added);
    expect(result(runs.again, 'stg_watch_history')).toBe(0);
  });

  it('equals the full refresh row for row, in both models and the marts downstream', async () => {
    for (const model of Object.keys(MODELS) as Array<keyof State>) {
      expect(afterDay[model].length, model).toBeGreaterThan(0);
      expect(afterDay[model], model).toEqual(fullState[model]);
    }
    // Both also match what the generator wrote for the day (users, churn, cohorts, sessions).
    await checkAgainstGenerator({ warehouse: incremental, failures: failuresOf(runs.day) }, truth);
    await checkAgainstGenerator({ warehouse: full, failures: failuresOf(runs.full) }, truth);
  });

  it('counts the late sessions on the day they started, once each', () => {
    // New events (not retries of loaded ones) that started the day before, with a duration
    // staging keeps, counted once per event_id.
    const loadedIds = new Set(loadedBefore.map((line) => field(line, 'event_id')));
    const late = new Map<string, string>();
    for (const line of appended) {
      const seconds = durationSeconds(field(line, 'session_duration'));
      if (loadedIds.has(field(line, 'event_id')) || eventDay(field(line, 'event_timestamp')) !== DAY_BEFORE) continue;
      if (seconds > 0 && seconds <= MAX_SESSION_SECONDS) late.set(field(line, 'event_id'), field(line, 'user_id').trim());
    }
    const signedIn = [...late.values()].filter((user) => user !== '').length;
    expect(signedIn).toBeGreaterThan(0);
    expect(sumSessions(afterDay.int_daily_streams, DAY_BEFORE) - sumSessions(beforeDay.int_daily_streams, DAY_BEFORE)).toBe(signedIn);
    expect(sumSessions(afterDay.fct_streams, DAY_BEFORE) - sumSessions(beforeDay.fct_streams, DAY_BEFORE)).toBe(late.size);
  });

  it('changes nothing when built again without new data', () => {
    expect(again).toEqual(afterDay);
  });
});
