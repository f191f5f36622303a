/**
 * Builds the project on its committed seeds and on a second generated data set, and checks the
 * marts against what the generator knows it wrote (independently of the SQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStreaming, type StreamingDatagenResult } from '../src/datagen.js';
import { buildProject, checkAgainstGenerator, type FixtureBuild } from './helpers.js';

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
