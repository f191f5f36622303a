import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { buildBin } from './fixtures/build-bin.js';
import { strata, writeProject } from './helpers.js';

/**
 * SIGINT (Ctrl-C) and SIGTERM (an orchestrator stopping the job) during `strata build`, sent to
 * a real `strata` process: the statement running is cancelled at once (not left to finish), the
 * nodes not started are skipped, no temporary relation is left, every table keeps its previous
 * version, run_results.json lists what finished, and the exit code is 128 + the signal (130, 143).
 * SIGKILL cannot be handled; process-safety.test.ts shows that it leaves at worst temporary
 * relations, which the next run drops.
 */
let bin: string;
beforeAll(async () => {
  bin = await buildBin();
}, 60_000);

// `slow` sums squares over a range: ~0 s at the first build's size, minutes at the second's.
const FILES = {
  'models/marts/fast.sql': 'select 1 as id',
  'models/marts/slow.sql': "select {{ var('version') }} as version, sum(t.i * t.i) as s from range({{ var('rows') }}) as t(i)",
  'models/marts/after_slow.sql': "select version from {{ ref('slow') }}",
};

async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const adapter = await DuckDbAdapter.open({ path });
  try {
    return await (await adapter.connect()).query(sql);
  } finally {
    await adapter.close();
  }
}

/** Starts `strata build` with JSON logs; resolves the events, exit code and time from signal to exit. */
function interruptedBuild(root: string, signal: NodeJS.Signals): Promise<{ code: number | null; events: Array<Record<string, unknown>>; err: string; stopMs: number }> {
  const child = spawn(process.execPath, [bin, '--log-format', 'json', 'build', '--project', root, '--threads', '2', '--vars', '{"version": 2, "rows": 100000000000}'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Array<Record<string, unknown>> = [];
  let buffer = '';
  let err = '';
  let sentAt = 0;
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      // Signal once the slow statement has surely started running.
      if (event.event === 'node_started' && event.name === 'slow') setTimeout(() => ((sentAt = Date.now()), child.kill(signal)), 500);
    }
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, events, err, stopMs: Date.now() - sentAt })));
}

describe('interrupting a run', () => {
  for (const [signal, exit] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: cancels the running statement, keeps every table, writes run_results.json, exits ${exit}`, async () => {
      const { root, warehouse } = writeProject(FILES);
      expect((await strata(['build', '--project', root, '--vars', '{"version": 1, "rows": 10}'], root)).code).toBe(0);
      const run = await interruptedBuild(root, signal);
      expect(run.code).toBe(exit);
      // Cancelled, not waited for: the statement alone would run for minutes.
      expect(run.stopMs).toBeLessThan(10_000);
      expect(run.err).toContain(`${signal} received: stopping (send it again to exit at once)`);
      const finished = Object.fromEntries(run.events.filter((e) => e.event === 'node_finished').map((e) => [e.name, [e.status, (e.error as { code?: string } | null)?.code ?? null]]));
      expect(finished).toEqual({ fast: ['success', null], slow: ['error', 'E_INTERRUPTED'], after_slow: ['skipped', null] });
      expect(run.events.at(-1)).toMatchObject({ event: 'interrupted', signal });

      const results = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8')) as { results: Array<{ unique_id: string; status: string; message: string }> };
      expect(results.results.map((r) => [r.unique_id, r.status, r.message]).sort()).toEqual([
        ['model.shop.after_slow', 'skipped', `skipped: the run was interrupted (${signal})`],
        ['model.shop.fast', 'success', null],
        ['model.shop.slow', 'error', `E_INTERRUPTED cancelled: the run was interrupted (${signal})\n  hint: run the same command again, or \`strata retry\` to redo only what did not finish`],
      ]);
      // The previous versions stand; nothing temporary is left behind.
      expect(await query(warehouse, 'select version, s from shop_marts.slow')).toEqual([{ version: 1, s: 285 }]);
      expect(await query(warehouse, 'select version from shop_marts.after_slow')).toEqual([{ version: 1 }]);
      expect(await query(warehouse, "select table_name from information_schema.tables where table_name like '__strata_tmp_%'")).toEqual([]);
      // And the next run just works.
      expect((await strata(['build', '--project', root, '--vars', '{"version": 3, "rows": 10}'], root)).code).toBe(0);
      expect(await query(warehouse, 'select version from shop_marts.after_slow')).toEqual([{ version: 3 }]);
    }, 60_000);
  }
});
