/**
 * Deterministic generator of the streaming domain's raw tables at any scale. The committed
 * seeds are its output at scale 1 with the default seed.
 *
 * @example import { generateStreaming } from '@strata-domains/streaming/datagen';
 *          const stats = await generateStreaming('/tmp/streaming-seeds', { scale: 10 });
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assertScale, Rng, messyCase, messyTimestamp, writeCsv } from '@strata/datagen';
import { PLANS, accountsAsOf, generateAccounts, type Account } from './datagen/accounts.js';
import { monthStart } from './datagen/calendar.js';
import { generateShows, popularityWeights } from './datagen/catalog.js';
import { watchHistoryRows, type WatchHistoryStats } from './datagen/watch-history.js';

export { MAX_SESSION_SECONDS } from './datagen/watch-history.js';
export type { WatchHistoryStats } from './datagen/watch-history.js';

/** How much data to generate, and from which seed. */
export interface StreamingDatagenOptions {
  /** Multiplies users (300 per unit) and so events; shows grow with its square root. Default 1. */
  scale?: number;
  /** Seed of the random generator; the same seed gives byte-identical files. Default 42. */
  seed?: number;
  /** First month of data, `YYYY-MM`. Default `2024-01`. */
  startMonth?: string;
  /** Number of months of data. Default 12. */
  months?: number;
  /**
   * Last UTC day loaded, `YYYY-MM-DD`: write the data as a daily load has it at the end of that
   * day — events uploaded by then (up to 60 hours after the session ends, retries up to six
   * hours after that), and the accounts and plan periods as the app database had them. The
   * files of one day later are an append of that day's uploads to the event log (the same
   * rows, in the same order, plus the new ones). Default: everything, however late it was
   * uploaded.
   */
  through?: string;
}

/** Row counts of the generated files, what the dirt amounts to, and facts the marts must reproduce (as of `through`). */
export interface StreamingDatagenResult {
  users: number;
  shows: number;
  subscriptions: number;
  watchHistory: WatchHistoryStats;
  /** Accounts whose last plan period has ended. */
  churned: number;
  /** Plan changes to a dearer / cheaper plan, over all accounts. */
  upgrades: number;
  downgrades: number;
  /** Signups per UTC month (`YYYY-MM`): the cohort sizes. */
  cohortSizes: Record<string, number>;
}

/** Column order of each generated file (the raw tables' columns). */
export const STREAMING_HEADERS = {
  users: ['user_id', 'email', 'country', 'signup_at'],
  shows: ['show_id', 'title', 'show_type', 'genre', 'release_year', 'runtime_minutes'],
  subscriptions: ['subscription_id', 'user_id', 'plan', 'monthly_price', 'started_at', 'ended_at'],
  watch_history: ['event_id', 'user_id', 'show_id', 'event_timestamp', 'session_duration', 'device'],
} as const;

const FIRST_NAMES = ['anna', 'ben', 'chloe', 'david', 'emma', 'felix', 'hana', 'ivan', 'julia', 'karim', 'lea', 'marco', 'nina', 'omar', 'paula'];
const MAIL_DOMAINS = ['example.com', 'mail.example', 'inbox.example', 'post.example'];

// The app tables are a replica as of the cutoff: accounts and plan periods created before it,
// with an end only if it came before it. Rows are drawn in full and filtered afterwards, so the
// random numbers, and every row that exists at both cutoffs, are the same at any cutoff.
function* userRows(rng: Rng, accounts: Account[], loadedBefore: number) {
  for (const [i, account] of accounts.entries()) {
    const email = `${rng.pick(FIRST_NAMES)}.${i + 1}@${rng.pick(MAIL_DOMAINS)}`;
    const row = {
      user_id: rng.chance(0.05) ? messyCase(rng, account.userId) : account.userId,
      email: rng.chance(0.1) ? email.toUpperCase() : email,
      country: rng.chance(0.1) ? account.country.toLowerCase() : account.country,
      signup_at: messyTimestamp(rng, new Date(account.signupAt)),
    };
    if (account.signupAt < loadedBefore) yield row;
  }
}

function* subscriptionRows(rng: Rng, accounts: Account[], loadedBefore: number) {
  for (const account of accounts) {
    for (const period of account.periods) {
      const { plan, price } = PLANS[period.tier]!;
      const row = {
        subscription_id: period.subscriptionId,
        user_id: account.userId,
        plan: rng.chance(0.2) ? messyCase(rng, plan) : plan,
        monthly_price: price.toFixed(2),
        started_at: messyTimestamp(rng, new Date(period.startedAt)),
        ended_at: period.endedAt === undefined ? null : messyTimestamp(rng, new Date(period.endedAt)),
      };
      if (period.startedAt >= loadedBefore) continue;
      yield period.endedAt !== undefined && period.endedAt >= loadedBefore ? { ...row, ended_at: null } : row;
    }
  }
}

/**
 * Writes `users.csv`, `shows.csv`, `subscriptions.csv` and `watch_history.csv` into `outDir`.
 * Event rows are streamed to disk, so any scale fits in memory (accounts are kept: ~300 per unit).
 */
export async function generateStreaming(outDir: string, options: StreamingDatagenOptions = {}): Promise<StreamingDatagenResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 42;
  const startMonth = options.startMonth ?? '2024-01';
  const months = options.months ?? 12;
  assertScale(scale);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(months) || months < 1) throw new Error(`months must be a positive integer, got ${months}`);
  if (!/^\d{4}-\d{2}$/.test(startMonth) || Number.isNaN(monthStart(startMonth, 0))) throw new Error(`startMonth must look like 2024-01, got ${startMonth}`);
  const loadedBefore = options.through === undefined ? Infinity : Date.parse(`${options.through}T00:00:00Z`) + 86_400_000;
  if (options.through !== undefined && (Number.isNaN(loadedBefore) || new Date(loadedBefore - 86_400_000).toISOString().slice(0, 10) !== options.through)) throw new Error(`through must look like 2024-03-15, got ${options.through}`);

  // One generator per table, so each file depends only on the seed, not on write order.
  const shows = generateShows(new Rng(seed * 7 + 1), Math.max(8, Math.round(40 * Math.sqrt(scale))));
  const accounts = generateAccounts(new Rng(seed * 7 + 2), Math.max(10, Math.round(300 * scale)), startMonth, months);
  const stats: WatchHistoryStats = { rows: 0, events: 0, retriedDuplicates: 0, rejectedDurations: 0, anonymousSessions: 0, validSessions: 0 };
  const file = (name: keyof typeof STREAMING_HEADERS) => join(outDir, `${name}.csv`);
  const header = (name: keyof typeof STREAMING_HEADERS) => [...STREAMING_HEADERS[name]];

  const showCount = await writeCsv(file('shows'), header('shows'), shows.map((s) => ({ ...s })));
  const users = await writeCsv(file('users'), header('users'), userRows(new Rng(seed * 7 + 3), accounts, loadedBefore));
  const subscriptions = await writeCsv(file('subscriptions'), header('subscriptions'), subscriptionRows(new Rng(seed * 7 + 4), accounts, loadedBefore));
  const events = watchHistoryRows(new Rng(seed * 7 + 5), new Rng(seed * 7 + 6), accounts, popularityWeights(shows), { startMonth, months, loadedBefore }, stats);
  await writeCsv(file('watch_history'), header('watch_history'), events);
  // The facts below describe the replica as of the cutoff, like the files.
  const known = accountsAsOf(accounts, loadedBefore);
  let upgrades = 0;
  let downgrades = 0;
  const cohortSizes: Record<string, number> = {};
  for (const account of known) {
    account.periods.forEach((period, i) => {
      const previous = account.periods[i - 1];
      if (previous && period.tier > previous.tier) upgrades++;
      if (previous && period.tier < previous.tier) downgrades++;
    });
    const month = new Date(account.signupAt).toISOString().slice(0, 7);
    cohortSizes[month] = (cohortSizes[month] ?? 0) + 1;
  }
  const churned = known.filter((a) => a.periods[a.periods.length - 1]!.endedAt !== undefined).length;
  return { users, shows: showCount, subscriptions, watchHistory: stats, churned, upgrades, downgrades, cohortSizes };
}

/** Usage line of the generator's command line. */
export const DATAGEN_USAGE = 'datagen [--scale N] [--seed N] [--out DIR] [--start YYYY-MM] [--months N] [--through YYYY-MM-DD]';

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
    start: { type: 'string', default: '2024-01' },
    months: { type: 'string', default: '12' },
    through: { type: 'string' },
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
    const result = await generateStreaming(outDir, { scale: Number(values.scale), seed: Number(values.seed), startMonth: values.start, months: Number(values.months), through: values.through });
    console.log(`wrote ${outDir}\n${JSON.stringify(result, null, 2)}`);
    return 0;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${DATAGEN_USAGE}`);
    return 1;
  }
}
