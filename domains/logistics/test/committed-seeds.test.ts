/**
 * Builds the project on its committed seeds and on a second generated data set, and checks the
 * marts against what the generator knows it wrote (independently of the SQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLogistics, type LogisticsDatagenResult } from '../src/datagen.js';
import { buildProject, type FixtureBuild } from './helpers.js';

async function checkAgainstGenerator(build: FixtureBuild, truth: LogisticsDatagenResult): Promise<void> {
  expect(build.failures).toEqual([]);
  const q = build.warehouse.query.bind(build.warehouse);
  const quality = await q<{ coordinate_quality: string; n: number }>('select coordinate_quality, count(*) as n from logistics_staging.stg_orders group by 1 order by 1');
  expect(Object.fromEntries(quality.map((r) => [r.coordinate_quality, r.n]))).toEqual({ valid: truth.coordinates.valid, swapped: truth.coordinates.swapped, rejected: truth.coordinates.rejected });
  const [totals] = await q<Record<string, number>>(
    'select sum(deliveries) as total, sum(delivered) as delivered, sum(failed) as failed, sum(cancelled) as cancelled, sum(timed_deliveries) as timed, sum(on_time_rate * timed_deliveries) as on_time from logistics_marts.fct_deliveries',
  );
  expect(totals!.total).toBe(truth.deliveries.total);
  expect({ delivered: totals!.delivered, failed: totals!.failed, cancelled: totals!.cancelled }).toEqual({ delivered: truth.deliveries.delivered, failed: truth.deliveries.failed, cancelled: truth.deliveries.cancelled });
  expect(totals!.timed).toBe(truth.timedDeliveries);
  expect(totals!.on_time).toBeCloseTo(truth.onTimeDeliveries, 6);
  const [invalid] = await q<{ n: number }>("select count(*) as n from logistics_staging.stg_deliveries where status <> 'cancelled' and not has_valid_timing");
  expect(invalid!.n).toBe(truth.invalidTimings);
  const [drivers] = await q<{ n: number; scored: number }>('select count(*) as n, count(performance_score) as scored from logistics_marts.dim_drivers');
  expect(drivers).toEqual({ n: truth.drivers, scored: truth.drivers });
  const [routes] = await q<{ n: number }>('select count(*) as n from logistics_marts.route_efficiency');
  expect(routes!.n).toBe(truth.routes);
}

describe('logistics on generated data', () => {
  let committed: FixtureBuild;
  let other: FixtureBuild;
  let otherDir: string;
  let committedTruth: LogisticsDatagenResult;
  let otherTruth: LogisticsDatagenResult;

  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'logistics-truth-'));
    committedTruth = await generateLogistics(scratch); // same as the committed seeds (datagen.test.ts)
    rmSync(scratch, { recursive: true, force: true });
    committed = await buildProject();
    otherDir = mkdtempSync(join(tmpdir(), 'logistics-seed-7-'));
    otherTruth = await generateLogistics(otherDir, { scale: 0.6, seed: 7, startDate: '2023-11-20', days: 21 });
    other = await buildProject(otherDir);
  }, 120_000);

  afterAll(() => {
    committed?.dispose();
    other?.dispose();
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('committed seeds: every node builds and every expectation passes', async () => {
    await checkAgainstGenerator(committed, committedTruth);
    expect(committed.summary.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(200);
  });

  it('another seed, scale and period: the same invariants hold', async () => {
    await checkAgainstGenerator(other, otherTruth);
  });
});
