import { messyCase, messyTimestamp, type CsvValue, type Rng } from '@strata/datagen';
import type { Account } from './accounts.js';
import { monthIndex, monthStart } from './calendar.js';
import type { Show } from './catalog.js';

/** What the generator put into the event log, to check staging against without reading SQL. */
export interface WatchHistoryStats {
  /** Rows written, retries included. */
  rows: number;
  /** Distinct events (distinct `event_id`). */
  events: number;
  /** Extra rows that repeat an event because the client retried the upload. */
  retriedDuplicates: number;
  /** Distinct events whose duration is negative, zero or absurd (staging must reject them). */
  rejectedDurations: number;
  /** Distinct events without a user (logged-out playback), valid durations only. */
  anonymousSessions: number;
  /** Distinct events staging must keep. */
  validSessions: number;
}

/** Devices the apps run on (stg_watch_history accepts exactly these). */
export const DEVICES = ['tv', 'mobile', 'web', 'tablet'] as const;

/** Longest session staging accepts, in seconds (the `max_session_seconds` var). */
export const MAX_SESSION_SECONDS = 43_200;

function formatTimestamp(rng: Rng, at: number, epoch: boolean): string {
  return epoch ? String(at) : messyTimestamp(rng, new Date(at));
}

/** Seconds as `1834` or `00:30:34` / `0:30:34`, as different client versions report them. */
function formatDuration(rng: Rng, seconds: number): string {
  if (rng.chance(0.55)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${rng.chance(0.5) ? pad(h) : h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

interface Session {
  userId: string | undefined;
  show: Show;
  at: number;
  seconds: number;
}

/** The period to generate and the load cutoff. */
export interface WatchHistoryWindow {
  startMonth: string;
  months: number;
  /** Rows uploaded at or after this instant (ms) are left out: not loaded yet. */
  loadedBefore: number;
}

/** Longest upload delay after a session ends, in ms: offline devices catch up within 60 hours. */
const MAX_UPLOAD_DELAY_MS = 60 * 3_600_000;

/**
 * When the client uploads a session, after it ends: most right away, some when the app is next
 * opened, a few days late from devices that were offline — late enough that a daily load gets
 * sessions of the days before. Always two draws, so the stream of upload times is the same
 * whatever the cutoff.
 */
function uploadDelay(uploads: Rng): number {
  const kind = uploads.next();
  const share = uploads.next();
  if (kind < 0.8) return 5_000 + Math.floor(share * 15 * 60_000); // live: within 15 minutes
  if (kind < 0.95) return 15 * 60_000 + Math.floor(share * 12 * 3_600_000); // next app launch
  return 12 * 3_600_000 + Math.floor(share * (MAX_UPLOAD_DELAY_MS - 12 * 3_600_000)); // offline device
}

/**
 * Streams the client event log: one row per playback session with the dirt real logs have —
 * epoch-millisecond and ISO timestamps mixed, user ids with stray case and whitespace,
 * anonymous sessions, durations in seconds or `HH:MM:SS`, negative and absurd durations, and
 * rows repeated by client retries (same `event_id`, timestamp re-serialised).
 *
 * Each row also gets an upload time from its own generator (`uploads`), and only rows uploaded
 * before `window.loadedBefore` are written: the log as a daily load has it. Every random number
 * is drawn whether or not its row is written, so a later cutoff writes the same rows plus the
 * ones uploaded in between, in the same order — one more day of data is an append.
 */
export function* watchHistoryRows(
  rng: Rng,
  uploads: Rng,
  accounts: Account[],
  weightedShows: Array<readonly [Show, number]>,
  window: WatchHistoryWindow,
  stats: WatchHistoryStats,
): Generator<Record<string, CsvValue>> {
  const { startMonth, months, loadedBefore } = window;
  const end = monthStart(startMonth, months);
  const begin = monthStart(startMonth, 0);
  let counter = 0;

  const emit = function* (session: Session): Generator<Record<string, CsvValue>> {
    const eventId = `ev${String(++counter).padStart(9, '0')}`;
    const roll = rng.next();
    let seconds = session.seconds;
    let valid = true;
    if (roll < 0.015) {
      seconds = -rng.int(1, session.seconds); // client clock went backwards
      valid = false;
    } else if (roll < 0.025) {
      seconds = session.seconds + 86_400 * rng.int(2, 40); // player left open, never stopped
      valid = false;
    } else if (roll < 0.03) {
      seconds = 0;
      valid = false;
    }
    const epoch = rng.chance(0.4);
    const userText = session.userId === undefined ? '' : rng.chance(0.15) ? messyCase(rng, session.userId) : session.userId;
    const row = {
      event_id: eventId,
      user_id: userText,
      show_id: rng.chance(0.03) ? session.show.show_id.toUpperCase() : session.show.show_id,
      event_timestamp: formatTimestamp(rng, session.at, epoch),
      session_duration: formatDuration(rng, seconds),
      device: rng.chance(0.1) ? messyCase(rng, rng.pick(DEVICES)) : rng.pick(DEVICES),
    };
    // The upload follows the real end of the session, whatever duration the client reported.
    const uploadedAt = session.at + session.seconds * 1000 + uploadDelay(uploads);
    if (uploadedAt < loadedBefore) {
      stats.events++;
      stats.rows++;
      if (valid) stats.validSessions++;
      else stats.rejectedDurations++;
      if (valid && session.userId === undefined) stats.anonymousSessions++;
      yield row;
    }
    if (rng.chance(0.04)) {
      // A retry: the client got no acknowledgement and sent the event again, up to six hours later.
      const retry = { ...row, event_timestamp: formatTimestamp(rng, session.at, !epoch) };
      if (uploadedAt + 30_000 + Math.floor(uploads.next() * 6 * 3_600_000) < loadedBefore) {
        stats.rows++;
        stats.retriedDuplicates++;
        yield retry;
      }
    }
  };

  const session = (userId: string | undefined, from: number, to: number): Session => {
    const show = rng.weighted(weightedShows);
    const full = show.runtime_minutes * 60;
    const ratio = rng.chance(0.45) ? 0.92 + rng.next() * 0.08 : 0.05 + rng.next() * 0.85;
    const at = from + Math.floor(rng.next() * (to - from));
    return { userId, show, at, seconds: Math.max(30, Math.min(full, Math.round(full * ratio))) };
  };

  for (const account of accounts) {
    const subscribedFrom = account.periods[0]!.startedAt;
    const subscribedTo = account.periods[account.periods.length - 1]!.endedAt ?? end;
    const first = monthIndex(startMonth, account.signupAt);
    for (let m = first; m < months; m++) {
      const from = Math.max(monthStart(startMonth, m), subscribedFrom);
      const to = Math.min(monthStart(startMonth, m + 1), subscribedTo);
      if (to - from < 3_600_000) continue;
      if (!rng.chance(account.engagement * Math.pow(0.92, m - first))) continue;
      const sessions = rng.int(1, 8);
      for (let s = 0; s < sessions; s++) {
        yield* emit(session(account.userId, from, to));
        if (rng.chance(0.03)) yield* emit(session(undefined, begin, end));
      }
    }
  }
}
