import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemporaryWarehouse } from '@strata/testkit';
import { expect } from 'vitest';
import type { StreamingDatagenResult } from '../src/datagen.js';
import { projectDir } from '../src/index.js';

/** A copy of this project whose seeds are replaced by a fixture folder, built into a fresh warehouse. */
export interface FixtureBuild {
  warehouse: TemporaryWarehouse;
  summary: Awaited<ReturnType<TemporaryWarehouse['run']>>;
  /** Failed or errored nodes, as `name: message`, for assertion messages. */
  failures: string[];
  dispose(): void;
}

/** Builds the project into a fresh warehouse: on its own seeds, or on a copy with the seeds of `seedsDir` (see copyProject). */
export async function buildProject(seedsDir?: string): Promise<FixtureBuild> {
  const copy = seedsDir ? copyProject(seedsDir) : undefined;
  const warehouse = new TemporaryWarehouse();
  const summary = await warehouse.run([copy ?? projectDir], 'build');
  const failures = failuresOf(summary);
  return {
    warehouse,
    summary,
    failures,
    dispose() {
      warehouse.dispose();
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}

/**
 * Copies the project (config, models, macros, singular tests) into a temporary folder whose
 * seeds/ holds the CSVs of `seedsDir` (a project reads whatever CSVs its `seeds/` holds), and
 * returns the copy's folder. The copy links this package's node_modules so its TypeScript files
 * resolve `zod` and `@strata/core`. The caller removes it.
 */
export function copyProject(seedsDir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'strata-streaming-fixture-'));
  for (const entry of ['strata.config.ts', 'models', 'macros', 'tests']) cpSync(join(projectDir, entry), join(copy, entry), { recursive: true });
  cpSync(seedsDir, join(copy, 'seeds'), { recursive: true, filter: (src) => !src.endsWith('.md') });
  symlinkSync(join(projectDir, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/** The nodes of a run that errored, failed or were skipped, as `id: message`, for assertion messages. */
export function failuresOf(summary: FixtureBuild['summary']): string[] {
  return summary.results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'skipped').map((r) => `${r.uniqueId}: ${r.message ?? r.status}`);
}

/** The CSV files of a folder, sorted. */
export function csvFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
}

/**
 * Checks a build against what the generator says it wrote (independently of the SQL): raw and
 * staged event counts, anonymous sessions, users, churn, plan changes, cohort sizes and the
 * shape of the cohort triangle.
 */
export async function checkAgainstGenerator(build: Pick<FixtureBuild, 'warehouse' | 'failures'>, truth: StreamingDatagenResult): Promise<void> {
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

/** ISO `YYYY-MM-DD` of a Date returned by DuckDB for a DATE column. */
export function day(value: unknown): string {
  return (value as Date).toISOString().slice(0, 10);
}

/** UTC day of a raw event timestamp: epoch ms, or ISO with 'T' or ' ', '-' or '/', optional Z or ±hh:mm. */
export function eventDay(text: string): string {
  if (/^\d+$/.test(text)) return new Date(Number(text)).toISOString().slice(0, 10);
  const iso = text.replace(/\//g, '-').replace(' ', 'T');
  return new Date(/(Z|[+-]\d\d:\d\d)$/.test(iso) ? iso : `${iso}Z`).toISOString().slice(0, 10);
}

/** Seconds of a raw duration: `1834`, `-300`, `00:30:34`, `-0:10:00`. */
export function durationSeconds(text: string): number {
  if (!text.includes(':')) return Number(text);
  const seconds = text.replace('-', '').split(':').reduce((s, part) => s * 60 + Number(part), 0);
  return text.startsWith('-') ? -seconds : seconds;
}
