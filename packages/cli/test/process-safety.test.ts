import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { writeProject } from './helpers.js';

const RUNNER = join(import.meta.dirname, 'fixtures', 'run-build.mjs');
const MODELS = ['m1', 'm2', 'm3', 'm4', 'm5'];
const BIG = 500_000;

/** Five table models and an append-only incremental one; each version writes a known row count. */
const FILES = Object.fromEntries([
  ...MODELS.map((m) => [`models/marts/${m}.sql`, "select {{ var('version') }} as version, t.i, md5(cast(t.i as varchar)) as h from range({{ var('rows') }}) as t(i)"]),
  ['models/marts/a_log.sql', "{{ config(materialized='incremental', incremental_strategy='append') }}\nselect {{ var('version') }} as version, t.i from range({{ var('rows') }}) as t(i)"],
]);

interface Runner {
  child: ChildProcess;
  events: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Resolves once an event matching `predicate` was printed. */
  waitFor(predicate: (event: Record<string, unknown>) => boolean): Promise<void>;
}

function startRunner(root: string, warehouse: string, vars: Record<string, unknown>, lockTimeout = 60): Runner {
  const child = spawn(process.execPath, [RUNNER, root, warehouse, JSON.stringify(vars), String(lockTimeout)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const events: Array<Record<string, unknown>> = [];
  const waiters: Array<{ predicate: (e: Record<string, unknown>) => boolean; resolve: () => void }> = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      for (const w of waiters.filter((x) => x.predicate(event))) w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    events,
    exited,
    waitFor: (predicate) => (events.some(predicate) ? Promise.resolve() : new Promise((resolve) => waiters.push({ predicate, resolve }))),
  };
}

async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const adapter = await DuckDbAdapter.open({ path });
  try {
    return await (await adapter.connect()).query(sql);
  } finally {
    await adapter.close();
  }
}

/** `[rows, min version, max version]` of each model table. */
async function tableStates(warehouse: string): Promise<Record<string, [number, number, number]>> {
  const out: Record<string, [number, number, number]> = {};
  for (const m of ['a_log', ...MODELS]) {
    const [row] = await query(warehouse, `select count(*) as n, min(version) as lo, max(version) as hi from shop_marts.${m}`);
    out[m] = [Number(row!.n), Number(row!.lo), Number(row!.hi)];
  }
  return out;
}

const leftovers = (warehouse: string) => query(warehouse, "select table_name from information_schema.tables where table_name like '__strata_tmp_%'");

describe('runner processes and the warehouse file', () => {
  it('a SIGKILL in the middle of a multi-model build leaves every table at its previous or its new version, and the next run just works', async () => {
    const { root, warehouse } = writeProject(FILES);
    const first = startRunner(root, warehouse, { version: 1, rows: 1000 });
    expect(await first.exited).toBe(0);

    const second = startRunner(root, warehouse, { version: 2, rows: BIG });
    await second.waitFor((e) => e.event === 'finished' && e.name === 'm2');
    second.child.kill('SIGKILL');
    expect(await second.exited).toBe(null);
    expect(second.events.some((e) => e.event === 'summary')).toBe(false);

    const states = await tableStates(warehouse);
    const previous: [number, number, number] = [1000, 1, 1];
    const next: [number, number, number] = [BIG, 2, 2];
    for (const m of MODELS) expect([previous, next]).toContainEqual(states[m]);
    // The incremental model is the old table, or the old table plus exactly one new batch.
    expect([[1000, 1, 1], [1000 + BIG, 1, 2]]).toContainEqual(states.a_log);
    const rebuilt = MODELS.filter((m) => states[m]![2] === 2);
    expect(rebuilt.length).toBeGreaterThanOrEqual(2); // m1 and m2 finished before the kill…
    expect(rebuilt.length).toBeLessThan(MODELS.length); // …and the build did not.

    const third = startRunner(root, warehouse, { version: 2, rows: BIG });
    expect(await third.exited).toBe(0);
    const after = await tableStates(warehouse);
    for (const m of MODELS) expect(after[m]).toEqual(next);
    expect(await leftovers(warehouse)).toEqual([]);
  }, 60_000);

  it('a second run on the same file waits for the first, or fails clearly when its wait runs out; the file stays whole', async () => {
    const { root, warehouse } = writeProject(FILES);
    const first = startRunner(root, warehouse, { version: 1, rows: BIG });
    await first.waitFor((e) => e.event === 'started');
    const impatient = startRunner(root, warehouse, { version: 9, rows: 10 }, 0.5);
    const patient = startRunner(root, warehouse, { version: 2, rows: 500 }, 60);

    expect(await impatient.exited).toBe(2);
    const failure = impatient.events.find((e) => e.event === 'error')!;
    expect(failure.code).toBe('E_WAREHOUSE_LOCKED');
    expect(failure.message).toBe(`the DuckDB file ${warehouse} is in use by process ${first.child.pid}; gave up after waiting 0.5s`);

    expect(await first.exited).toBe(0);
    expect(await patient.exited).toBe(0);
    expect(patient.events.find((e) => e.event === 'log')!.message).toMatch(new RegExp(`^waiting up to 60s for .*: it is in use by process ${first.child.pid}$`));
    // The patient run started its build only after the first had finished.
    expect(patient.events.findIndex((e) => e.event === 'started')).toBeGreaterThan(0);
    const states = await tableStates(warehouse);
    for (const m of MODELS) expect(states[m]).toEqual([500, 2, 2]);
    expect(states.a_log).toEqual([BIG + 500, 1, 2]);
  }, 60_000);
});
