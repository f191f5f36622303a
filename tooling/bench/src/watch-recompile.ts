import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface WatchRecompile {
  /** Median time from writing the edit to the `compiled` event (file event, settle delay and compile). */
  medianMs: number;
  /** Each re-compile's own `elapsed`, as the watch process reports it (median, seconds). */
  compileSeconds: number;
  maxRssMb: number;
}

/**
 * Starts `strata compile --watch` on `dir` (through measured-cli.js, which reports peak RSS at
 * exit), waits until it watches, then `repeat` times writes an edit of `model` (its text plus a
 * comment, so its refs are unchanged) and times until the process prints the `compiled` event of
 * that edit: what a user waits for between saving a file and fresh artifacts. Restores the model.
 */
export async function measureWatchRecompile(dir: string, model: string, original: string, repeat: number): Promise<WatchRecompile> {
  const child = spawn(process.execPath, [join(here, 'measured-cli.js'), '--log-format', 'json', 'compile', '--watch', '--project', dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Array<{ event: string; elapsed?: number; at: number }> = [];
  let wake: (() => void) | undefined;
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const at = performance.now();
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop()!;
    for (const line of lines.filter(Boolean)) events.push({ ...(JSON.parse(line) as { event: string; elapsed?: number }), at });
    wake?.();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  const next = async (event: string, after: number): Promise<{ at: number; elapsed?: number }> => {
    for (;;) {
      const found = events.slice(after).find((e) => e.event === event || e.event === 'error');
      if (found?.event === 'error') throw new Error(`strata compile --watch reported an error: ${JSON.stringify(found)}`);
      if (found) return found;
      const stopped = await Promise.race([new Promise<false>((done) => (wake = () => done(false))), exited.then(() => true)]);
      if (stopped) throw new Error(`strata compile --watch exited early:\n${stderr}`);
    }
  };
  try {
    await next('watching', 0);
    const waits: number[] = [];
    const compiles: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const seen = events.length;
      const start = performance.now();
      writeFileSync(model, `${original}\n-- watched ${i}\n`);
      const compiled = await next('compiled', seen);
      waits.push(compiled.at - start);
      compiles.push(compiled.elapsed ?? NaN);
      // Let the watcher settle before the next edit (a save is one edit, not a burst).
      await new Promise((done) => setTimeout(done, 200));
    }
    child.kill('SIGINT');
    await exited;
    const rss = /__strata_max_rss_kb=(\d+)/.exec(stderr);
    return { medianMs: median(waits), compileSeconds: median(compiles), maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
  } finally {
    writeFileSync(model, original);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
