import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isProjectInput } from '../src/commands/compile-watch.js';
import { buildBin } from './fixtures/build-bin.js';
import { strata, writeProject } from './helpers.js';

let bin: string;
beforeAll(async () => {
  bin = await buildBin();
}, 60_000);

/** A running `strata --log-format json compile --watch` and the JSON events it printed. */
class WatchProcess {
  readonly events: Array<Record<string, unknown>> = [];
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];

  constructor(root: string) {
    this.child = spawn(process.execPath, [bin, '--log-format', 'json', 'compile', '--watch', '--project', root], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines.filter(Boolean)) this.events.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves the `count`-th event named `event` (1-based), waiting for it to be printed. */
  async nth(event: string, count: number): Promise<Record<string, unknown>> {
    for (;;) {
      const found = this.events.filter((e) => e.event === event);
      if (found.length >= count) return found[count - 1]!;
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    return new Promise((resolve) => {
      this.child.on('exit', (code) => resolve(code));
      this.child.kill(signal);
    });
  }
}

/** A model's compiled SQL as the last good compile wrote it. */
const compiledSql = (root: string, path: string) => readFileSync(join(root, 'target', 'compiled', 'shop', path), 'utf8').trim();
/** A model's raw SQL as manifest.json records it. */
const manifestSql = (root: string, id: string) => (JSON.parse(readFileSync(join(root, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, { raw_code: string }> }).nodes[id]!.raw_code;

describe('strata compile --watch', () => {
  let watcher: WatchProcess | undefined;
  afterEach(async () => {
    await watcher?.stop('SIGKILL');
    watcher = undefined;
  });

  it('compiles again after each edit, reports an error with its file and keeps the last good artifacts, stops on Ctrl-C', async () => {
    const { root } = writeProject({
      'models/staging/a.sql': 'select 1 as id',
      'models/marts/b.sql': "select id from {{ ref('a') }}",
    });
    watcher = new WatchProcess(root);
    expect(await watcher.nth('compiled', 1)).toMatchObject({ nodes: 2, reused: false });
    const A = compiledSql(root, 'models/marts/b.sql').replace('select id from ', '');
    expect(A).toBe('"shop_staging"."a"');
    await watcher.nth('watching', 1);

    // An edit of one model's SQL: re-rendered through the saved partial-parse state.
    writeFileSync(join(root, 'models/marts/b.sql'), "select id, 2 as two from {{ ref('a') }}");
    expect(await watcher.nth('compiled', 2)).toMatchObject({ nodes: 2, reused: true });
    expect(compiledSql(root, 'models/marts/b.sql')).toBe(`select id, 2 as two from ${A}`);
    expect(manifestSql(root, 'model.shop.b')).toBe("select id, 2 as two from {{ ref('a') }}");

    // A broken ref: the error names the file, the watch goes on, the artifacts stay as they were.
    writeFileSync(join(root, 'models/marts/b.sql'), "select id from {{ ref('missing') }}");
    const error = await watcher.nth('error', 1);
    expect(error).toMatchObject({ code: 'E_UNKNOWN_REF', file: join(root, 'models/marts/b.sql') });
    expect(compiledSql(root, 'models/marts/b.sql')).toBe(`select id, 2 as two from ${A}`);
    expect(manifestSql(root, 'model.shop.b')).toBe("select id, 2 as two from {{ ref('a') }}");

    writeFileSync(join(root, 'models/marts/b.sql'), "select id, 3 as three from {{ ref('a') }}");
    await watcher.nth('compiled', 3);
    expect(compiledSql(root, 'models/marts/b.sql')).toBe(`select id, 3 as three from ${A}`);

    const code = await watcher.stop('SIGINT');
    watcher = undefined;
    expect(code).toBe(0);
  }, 60_000);

  it('ignores what compiles write and other non-inputs', () => {
    expect(isProjectInput(join('models', 'marts', 'b.sql'))).toBe(true);
    expect(isProjectInput('strata.config.ts')).toBe(true);
    expect(isProjectInput(join('target', 'manifest.json'))).toBe(false);
    expect(isProjectInput(join('logs', 'strata.log'))).toBe(false);
    expect(isProjectInput(join('.strata', 'warehouse.duckdb'))).toBe(false);
    expect(isProjectInput(join('node_modules', '.cache', 'strata', 'x.js'))).toBe(false);
  });

  it('refuses a selection, which a watch does not compile', async () => {
    const { root } = writeProject({ 'models/staging/a.sql': 'select 1 as id' });
    const result = await strata(['compile', '--watch', '--select', 'a', '--project', root], root);
    expect(result.code).toBe(2);
    expect(result.err).toContain('strata compile --watch compiles whole projects: it cannot be combined with --select, --exclude, --selector or --state');
  });
});
