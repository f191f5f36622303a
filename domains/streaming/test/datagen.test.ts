import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateStreaming, runDatagenCli, MAX_SESSION_SECONDS, STREAMING_HEADERS } from '../src/datagen.js';
import { projectDir } from '../src/index.js';
import { csvFiles, eventDay } from './helpers.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'streaming-datagen-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Rows of a generated CSV (no field of these files holds a comma or a quote). */
function rows(file: string): string[][] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(','));
}

describe('streaming datagen', () => {
  it('reproduces the committed seeds byte for byte at the default scale and seed', async () => {
    const out = scratch();
    await generateStreaming(out);
    expect(csvFiles(out)).toEqual(['shows.csv', 'subscriptions.csv', 'users.csv', 'watch_history.csv']);
    for (const file of csvFiles(out)) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(projectDir, 'seeds', file), 'utf8'));
    }
  });

  it('is deterministic per seed and different across seeds', async () => {
    const [a, b, c] = [scratch(), scratch(), scratch()];
    await generateStreaming(a, { scale: 0.2, seed: 7 });
    await generateStreaming(b, { scale: 0.2, seed: 7 });
    await generateStreaming(c, { scale: 0.2, seed: 8 });
    const text = (dir: string) => readFileSync(join(dir, 'watch_history.csv'), 'utf8');
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe(text(c));
  });

  it('scales users linearly and keeps the dirt the staging models must clean', async () => {
    const out = scratch();
    const result = await generateStreaming(out, { scale: 2, seed: 3 });
    expect(result.users).toBe(600);
    expect(rows(join(out, 'users.csv'))).toHaveLength(600);
    const events = rows(join(out, 'watch_history.csv'));
    expect(events).toHaveLength(result.watchHistory.rows);
    const ids = new Set(events.map((e) => e[0]));
    expect(ids.size).toBe(result.watchHistory.events);
    expect(result.watchHistory.rows - ids.size).toBe(result.watchHistory.retriedDuplicates);
    const header: string[] = [...STREAMING_HEADERS.watch_history];
    const at = (name: string) => header.indexOf(name);
    // Every kind of dirt is present, in plausible proportions.
    const share = (predicate: (e: string[]) => boolean) => events.filter(predicate).length / events.length;
    expect(share((e) => /^\d{13}$/.test(e[at('event_timestamp')]!))).toBeGreaterThan(0.3);
    expect(share((e) => /\+02:00$/.test(e[at('event_timestamp')]!))).toBeGreaterThan(0.1);
    expect(share((e) => /^\d+:\d\d:\d\d$/.test(e[at('session_duration')]!))).toBeGreaterThan(0.3);
    expect(share((e) => e[at('session_duration')]!.startsWith('-'))).toBeGreaterThan(0.005);
    expect(share((e) => e[at('user_id')] === '')).toBeGreaterThan(0.01);
    expect(share((e) => e[at('user_id')] !== '' && e[at('user_id')] !== e[at('user_id')]!.trim().toLowerCase())).toBeGreaterThan(0.03);
    // The absurd durations are all beyond the ceiling staging applies.
    const seconds = (text: string) => (text.includes(':') ? text.replace('-', '').split(':').reduce((s, p) => s * 60 + Number(p), 0) : Math.abs(Number(text)));
    expect(events.filter((e) => seconds(e[at('session_duration')]!) > MAX_SESSION_SECONDS).length).toBeGreaterThan(0);
    expect(result.churned).toBeGreaterThan(0);
    expect(Object.values(result.cohortSizes).reduce((a, b) => a + b, 0)).toBe(600);
  });

  it('writes the data as loaded at the end of a day; one day later appends to the event log', async () => {
    const options = { scale: 0.5, seed: 5, startMonth: '2024-01', months: 2 } as const;
    const [day, next, everything, late] = [scratch(), scratch(), scratch(), scratch()];
    const truth = await generateStreaming(day, { ...options, through: '2024-02-10' });
    const truthNext = await generateStreaming(next, { ...options, through: '2024-02-11' });
    await generateStreaming(everything, options);
    await generateStreaming(late, { ...options, through: '2024-06-30' }); // after every upload
    for (const file of csvFiles(everything)) expect(readFileSync(join(late, file), 'utf8'), file).toBe(readFileSync(join(everything, file), 'utf8'));

    const text = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
    const events = rows(join(day, 'watch_history.csv')).map((e) => e.join(','));
    const eventsNext = rows(join(next, 'watch_history.csv')).map((e) => e.join(','));
    expect(events).toHaveLength(truth.watchHistory.rows);
    expect(eventsNext).toHaveLength(truthNext.watchHistory.rows);
    // Same rows in the same order, plus the next day's uploads.
    const known = new Set(events);
    expect(eventsNext.filter((e) => known.has(e))).toEqual(events);
    expect(eventsNext.length).toBeGreaterThan(events.length);
    // Nothing that started after the cutoff; accounts are a prefix (sorted by signup).
    const at = STREAMING_HEADERS.watch_history.indexOf('event_timestamp');
    expect(events.every((e) => eventDay(e.split(',')[at]!) <= '2024-02-10')).toBe(true);
    expect(text(next, 'users.csv').startsWith(text(day, 'users.csv'))).toBe(true);
    expect(rows(join(day, 'users.csv'))).toHaveLength(truth.users);
    expect(Object.keys(truth.cohortSizes)).toEqual(['2024-01', '2024-02']);
    // Plan periods still open on the day have no end yet, even if they ended later.
    const ended = (dir: string) => new Map(rows(join(dir, 'subscriptions.csv')).map((r) => [r[0], r[5]]));
    const [periods, periodsLater] = [ended(day), ended(everything)];
    expect([...periods.keys()].every((id) => periodsLater.has(id))).toBe(true);
    expect([...periods].some(([id, end]) => end === '' && periodsLater.get(id) !== '')).toBe(true);
    await expect(generateStreaming(scratch(), { through: '2024-02-30' })).rejects.toThrow('through must look like 2024-03-15, got 2024-02-30');
  });

  it('rejects a scale that is not positive', async () => {
    await expect(generateStreaming(scratch(), { scale: 0 })).rejects.toThrow('scale must be a positive number, got 0');
  });

  it('runs as a command line: writes the files, or explains bad arguments', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const out = scratch();
      expect(await runDatagenCli([...['--scale', '0.1', '--seed', '3', '--months', '3'], '--out', out], '/nonexistent')).toBe(0);
      expect(log.mock.calls[0]![0]).toContain(`wrote ${out}`);
      expect(csvFiles(out).length).toBeGreaterThan(3);
      expect(await runDatagenCli(['--bogus'], out)).toBe(2);
      expect(error.mock.calls[0]![0]).toMatch(/Unknown option '--bogus'[\s\S]*usage: datagen \[--scale N\]/);
      expect(await runDatagenCli(['--seed', 'abc'], out)).toBe(1);
      expect(error.mock.calls[1]![0]).toContain('seed must be an integer, got NaN');
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
