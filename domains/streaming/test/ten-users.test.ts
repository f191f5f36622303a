/**
 * Golden values on a ten-user fixture (test/fixtures/ten-users). Every expected number below
 * was worked out by hand from the CSV rows; the comments show the working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildProject, day, type FixtureBuild } from './helpers.js';

let build: FixtureBuild;

beforeAll(async () => {
  build = await buildProject(join(import.meta.dirname, 'fixtures', 'ten-users'));
}, 60_000);

afterAll(() => build?.dispose());

describe('streaming on the ten-user fixture', () => {
  it('builds every node and passes every expectation', () => {
    expect(build.failures).toEqual([]);
    expect(build.summary.success).toBe(true);
  });

  it('stages 21 of 26 events: retries removed, bad durations rejected, ids and timestamps cleaned', async () => {
    // 29 rows = 26 event ids + 3 retries (e03, e09, e17). Rejected: e04 (-300 s), e05 (99 h),
    // e15 (0 s), e24 (999 h), e26 (-10 min as HH:MM:SS) → 21 sessions, 2 of them anonymous.
    const [counts] = await build.warehouse.query<{ n: number; anonymous: number; ids: number }>(
      'select count(*) as n, sum(case when is_anonymous then 1 else 0 end) as anonymous, count(distinct event_id) as ids from streaming_staging.stg_watch_history',
    );
    expect(counts).toEqual({ n: 21, anonymous: 2, ids: 21 });
    const rejected = await build.warehouse.query<{ event_id: string }>(
      "select event_id from streaming_staging.stg_watch_history where event_id in ('e04','e05','e15','e24','e26')",
    );
    expect(rejected).toEqual([]);
    // e03: '2024-02-01T01:30:00+02:00' is 23:30 UTC on 31 January; its retry says the same in epoch ms.
    const [e03] = await build.warehouse.query('select user_id, show_id, started_at, stream_date, watch_seconds, device from streaming_staging.stg_watch_history where event_id = \'e03\'');
    expect(e03).toMatchObject({ user_id: 'u000003', show_id: 's0002', watch_seconds: 1620, device: 'web' });
    expect((e03!.started_at as Date).toISOString()).toBe('2024-01-31T23:30:00.000Z');
    expect(day(e03!.stream_date)).toBe('2024-01-31');
    // e08 '1:40:00' = 6000 s; e10 '2024-02-14T18:00:00-05:00' = 23:00 UTC.
    const rows = await build.warehouse.query<{ event_id: string; watch_seconds: number; started_at: Date }>(
      "select event_id, watch_seconds, started_at from streaming_staging.stg_watch_history where event_id in ('e02', 'e08', 'e10') order by event_id",
    );
    expect(rows.map((r) => [r.event_id, r.watch_seconds, r.started_at.toISOString()])).toEqual([
      ['e02', 1800, '2024-01-11T12:00:00.000Z'],
      ['e08', 6000, '2024-02-14T20:00:00.000Z'],
      ['e10', 600, '2024-02-14T23:00:00.000Z'],
    ]);
  });

  it('aggregates streams per user and day', async () => {
    const rows = await build.warehouse.query<{ user_id: string; stream_date: Date; sessions: number; minutes_watched: number; distinct_shows: number }>(
      'select * from streaming_intermediate.int_daily_streams order by user_id, stream_date',
    );
    // u1: Jan 10, Feb 5, Mar 3, Apr 2; u2: Jan 11, Mar 3; u3: Jan 31; u5: Feb 14, Mar 4; u6: Feb 14;
    // u7: Apr 3; u8: Mar 20, Apr 4; u9: Mar 21; u10: Apr 5 → 15 user-days.
    expect(rows).toHaveLength(15);
    // u1 on 3 March: e12 (3000 s, s0001), e18 (600 s, s0003), e19 (1200 s, s0001) → 3 sessions, 80 minutes, 2 titles.
    const march3 = rows.find((r) => r.user_id === 'u000001' && day(r.stream_date) === '2024-03-03')!;
    expect(march3).toMatchObject({ sessions: 3, distinct_shows: 2 });
    expect(march3.minutes_watched).toBeCloseTo(80, 9);
    // u1 on 10 January: e01 (3600 s) and e06 ('0:20:00' = 1200 s) → 80 minutes.
    const jan10 = rows.find((r) => r.user_id === 'u000001' && day(r.stream_date) === '2024-01-10')!;
    expect(jan10).toMatchObject({ sessions: 2, distinct_shows: 2 });
    expect(jan10.minutes_watched).toBeCloseTo(80, 9);
  });

  it('ranks titles within the day and computes completion', async () => {
    const rows = await build.warehouse.query<Record<string, unknown>>(
      "select show_id, viewers, sessions, anonymous_sessions, minutes_watched, completed_sessions, completion_rate, daily_rank from streaming_marts.fct_streams where stream_date = '2024-02-14' order by daily_rank",
    );
    // s0001 (100 min, completed at ≥ 5400 s): e08 u5 6000 s (completed), e09 u6 5399 s (not), e10 anonymous 600 s.
    //   → 2 viewers, 3 sessions, 1 anonymous, 11999 s = 199.98… min, 1 of 3 completed, rank 1.
    // s0002 (30 min, completed at ≥ 1620 s): e11 u5 1800 s → 1 viewer, 30 min, completed, rank 2.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ show_id: 's0001', viewers: 2, sessions: 3, anonymous_sessions: 1, completed_sessions: 1, daily_rank: 1 });
    expect(rows[0]!.minutes_watched).toBeCloseTo(11999 / 60, 9);
    expect(rows[0]!.completion_rate).toBeCloseTo(1 / 3, 12);
    expect(rows[1]).toMatchObject({ show_id: 's0002', viewers: 1, sessions: 1, anonymous_sessions: 0, completed_sessions: 1, completion_rate: 1, daily_rank: 2 });
    expect(rows[1]!.minutes_watched).toBeCloseTo(30, 9);
    // 31 January: e03 watched exactly 1620 s of a 30-minute episode: the 90 % threshold is inclusive.
    const [jan31] = await build.warehouse.query("select completion_rate from streaming_marts.fct_streams where stream_date = '2024-01-31'");
    expect(jan31).toEqual({ completion_rate: 1 });
    const [total] = await build.warehouse.query<{ n: number }>('select count(*) as n from streaming_marts.fct_streams');
    // Title-days: Jan 10 (s0001, s0002), Jan 11, Jan 31, Feb 5, Feb 14 (s0001, s0002),
    // Mar 3 (s0001, s0003), Mar 4, Mar 20, Mar 21, Apr 2, Apr 3, Apr 4, Apr 5, Apr 7 → 17.
    expect(total!.n).toBe(17);
  });

  it('keeps each user\'s plan history: first and current plan, upgrades, churn date', async () => {
    const rows = await build.warehouse.query<Record<string, unknown>>(
      'select user_id, first_plan, current_plan, subscription_status, plan_changes, upgrades, downgrades, churn_date, lifetime_sessions, active_days from streaming_marts.dim_users order by user_id',
    );
    const byUser = Object.fromEntries(rows.map((r) => [r.user_id, { ...r, churn_date: r.churn_date ? day(r.churn_date) : null }]));
    expect(Object.keys(byUser)).toHaveLength(10);
    // u1 basic → standard → premium, still open.
    expect(byUser.u000001).toMatchObject({ first_plan: 'basic', current_plan: 'premium', subscription_status: 'active', plan_changes: 2, upgrades: 2, downgrades: 0, churn_date: null, lifetime_sessions: 7, active_days: 4 });
    // u2 premium → basic, ended 10 April.
    expect(byUser.u000002).toMatchObject({ first_plan: 'premium', current_plan: null, subscription_status: 'churned', plan_changes: 1, upgrades: 0, downgrades: 1, churn_date: '2024-04-10' });
    expect(byUser.u000003).toMatchObject({ first_plan: 'standard', current_plan: null, subscription_status: 'churned', plan_changes: 0, churn_date: '2024-02-02' });
    // u4 never paid and never watched a valid session.
    expect(byUser.u000004).toMatchObject({ first_plan: null, current_plan: null, subscription_status: 'never_subscribed', plan_changes: 0, churn_date: null, lifetime_sessions: 0, active_days: 0 });
    expect(byUser.u000005).toMatchObject({ first_plan: 'basic', current_plan: 'basic', subscription_status: 'active', plan_changes: 0 });
    // u6 ended at '2024-03-01T01:00:00+02:00' = 29 February 23:00 UTC.
    expect(byUser.u000006).toMatchObject({ subscription_status: 'churned', churn_date: '2024-02-29' });
    expect(byUser.u000007).toMatchObject({ first_plan: 'basic', current_plan: 'standard', upgrades: 1, downgrades: 0, subscription_status: 'active' });
    expect(byUser.u000008).toMatchObject({ first_plan: 'premium', current_plan: 'premium', plan_changes: 0 });
    expect(byUser.u000009).toMatchObject({ subscription_status: 'churned', churn_date: '2024-03-30' });
    // u10 cancelled on 5 April and came back on the same plan on 20 April: active, no plan change.
    expect(byUser.u000010).toMatchObject({ first_plan: 'standard', current_plan: 'standard', subscription_status: 'active', plan_changes: 0, churn_date: null });
  });

  it('builds the cohort triangle worked out by hand', async () => {
    const rows = await build.warehouse.query<{ cohort_month: Date; months_since_signup: number; cohort_size: number; active_users: number; retained_users: number; retention_rate: number; active_rate: number }>(
      'select * from streaming_marts.retention_analysis order by cohort_month, months_since_signup',
    );
    // Cohorts: Jan = u1, u2, u3, u4 (u4 signed up 1 Feb 00:30 +02:00 = 31 Jan UTC); Feb = u5, u6, u7;
    // Mar = u8, u9, u10 (u10 signed up 30 Mar 23:00 −02:00 = 31 Mar UTC). Data ends in April.
    // Active months: u1 Jan–Apr; u2 Jan, Mar (Apr rejected); u3 Jan (its session is 31 Jan UTC); u4 none;
    // u5 Feb, Mar; u6 Feb (Mar rejected); u7 Apr; u8 Mar, Apr; u9 Mar (Apr rejected); u10 Apr.
    // Retained at month k = members whose last active month is k or later.
    const expected = [
      // cohort, k, size, active, retained
      ['2024-01-01', 0, 4, 3, 3], // u1 u2 u3 active; last active: u1 3, u2 2, u3 0
      ['2024-01-01', 1, 4, 1, 2], // u1 active; u1 u2 not gone yet
      ['2024-01-01', 2, 4, 2, 2], // u1 u2 active
      ['2024-01-01', 3, 4, 1, 1], // u1
      ['2024-02-01', 0, 3, 2, 3], // u5 u6 active; u7 comes back later (last active 2)
      ['2024-02-01', 1, 3, 1, 2], // u5 active; u5 (last 1) and u7 (last 2) retained
      ['2024-02-01', 2, 3, 1, 1], // u7
      ['2024-03-01', 0, 3, 2, 3], // u8 u9 active; u10 watches in April
      ['2024-03-01', 1, 3, 2, 2], // u8 u10
    ];
    expect(rows.map((r) => [day(r.cohort_month), r.months_since_signup, r.cohort_size, r.active_users, r.retained_users])).toEqual(expected);
    for (const [i, row] of rows.entries()) {
      expect(row.retention_rate).toBeCloseTo((expected[i]![4] as number) / (expected[i]![2] as number), 12);
      expect(row.active_rate).toBeCloseTo((expected[i]![3] as number) / (expected[i]![2] as number), 12);
    }
  });
});
