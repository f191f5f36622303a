/**
 * Builds the project on its committed seeds and on a second generated data set, and checks the
 * marts against what the generator knows it wrote (independently of the SQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStreaming, type StreamingDatagenResult } from '../src/datagen.js';
import { buildProject, day, type FixtureBuild } from './helpers.js';

async function checkAgainstGenerator(build: FixtureBuild, truth: StreamingDatagenResult): Promise<void> {
  expect(build.failures).toEqual([]);
  const q = build.warehouse.query.bind(build.warehouse);
  const [raw] = await q<{ n: number }>('select count(*) as n from streaming_events.watch_history');
  expect(raw!.n).toBe(truth.watchHistory.rows);
  const [staged] = await q<{ n: number; anonymous: number }>('select count(*) as n, sum(case when is_anonymous then 1 else 0 end) as anonymous from streaming_staging.stg_watch_history');
  expect(staged).toEqual({ n: truth.watchHistory.validSessions, anonymous: truth.watchHistory.anonymousSessions });
  const [users] = await q<{ n: number; churned: number; upgrades: number; downgrades: number }>(
    "select count(*) as n, sum(case when subscription_status = 'churned' then 1 else 0 end) as churned, sum(upgrades) as upgrades, sum(downgrades) as downgrades from streaming_marts.dim_users",
  );
  expect(users).toEqual({ n: truth.users, churned: truth.churned, upgrades: truth.upgrades, downgrades: truth.downgrades });
  const cohorts = await q<{ cohort_month: Date; cohort_size: number }>('select distinct cohort_month, cohort_size from streaming_marts.retention_analysis order by cohort_month');
  expect(Object.fromEntries(cohorts.map((c) => [day(c.cohort_month).slice(0, 7), c.cohort_size]))).toEqual(truth.cohortSizes);
  // The triangle: cohort k (0-based, months of data M) has M − k rows.
  const months = Object.keys(truth.cohortSizes).length;
  const [shape] = await q<{ n: number }>('select count(*) as n from streaming_marts.retention_analysis');
  expect(shape!.n).toBe((months * (months + 1)) / 2);
}

describe('streaming on generated data', () => {
  let committed: FixtureBuild;
  let other: FixtureBuild;
  let otherDir: string;
  let committedTruth: StreamingDatagenResult;
  let otherTruth: StreamingDatagenResult;

  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'streaming-truth-'));
    committedTruth = await generateStreaming(scratch); // same as the committed seeds (datagen.test.ts)
    rmSync(scratch, { recursive: true, force: true });
    committed = await buildProject();
    otherDir = mkdtempSync(join(tmpdir(), 'streaming-seed-7-'));
    otherTruth = await generateStreaming(otherDir, { scale: 0.5, seed: 7, startMonth: '2023-07', months: 9 });
    other = await buildProject(otherDir);
  }, 120_000);

  afterAll(() => {
    committed?.dispose();
    other?.dispose();
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('committed seeds: every node builds and every expectation passes', async () => {
    await checkAgainstGenerator(committed, committedTruth);
    expect(committed.summary.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(100);
  });

  it('another seed, scale and period: the same invariants hold', async () => {
    await checkAgainstGenerator(other, otherTruth);
  });
});
