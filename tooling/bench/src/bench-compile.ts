import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, runStrataProcess } from './measure.js';
import { writeSyntheticProject } from './synthetic-project.js';
import { measureWatchRecompile } from './watch-recompile.js';
import { setAside } from './set-aside.js';
import type { BenchmarkResult } from './benchmark-result.js';

/** Generates (once) the synthetic project of `models` models under `workDir`. */
function projectOf(workDir: string, models: number): string {
  const dir = join(workDir, `synthetic-${models}`);
  if (!existsSync(join(dir, 'strata.config.ts'))) writeSyntheticProject(dir, { models, seed: 42 });
  return dir;
}

/**
 * Benchmark 1: `strata compile` in a new process at 1k, 10k and 50k models (median of
 * `repeat`), its peak RSS, the 50k/10k growth ratio and a warm re-compile after one change.
 */
export async function benchCompile(workDir: string, sizes: number[], repeat: number): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  const wall = new Map<number, number>();
  for (const size of sizes) {
    const dir = projectOf(workDir, size);
    // Cold: a new process and no target/ (no compiled files to compare with, no transpile cache).
    // The previous target/ is set aside, not deleted (see set-aside.ts).
    const runs = Array.from({ length: repeat }, () => {
      setAside(workDir, join(dir, 'target'));
      return runStrataProcess(['compile', '--project', dir], dir);
    });
    const failed = runs.find((r) => r.exitCode !== 0);
    if (failed) throw new Error(`strata compile failed at ${size} models:\n${failed.stdout}`);
    const ms = median(runs.map((r) => r.wallMs));
    wall.set(size, ms);
    const target = size === 10_000 ? '< 2 s' : size === 50_000 ? '< 10 s, RSS < 1 GiB' : undefined;
    results.push({ benchmark: 'compile', case: `${size.toLocaleString('en-US')} models, cold process`, value: ms / 1000, unit: 's', target, extra: `peak RSS ${Math.round(Math.max(...runs.map((r) => r.maxRssMb)))} MB` });
  }
  const [small, large] = [10_000, 50_000];
  if (wall.has(small) && wall.has(large)) {
    results.push({ benchmark: 'compile', case: '50k / 10k wall time', value: wall.get(large)! / wall.get(small)!, unit: 'ratio', target: '≤ 6' });
  }
  // Warm re-compile: change one model's SQL (not its refs), compile again. The last cold run left
  // target/ behind with its partial-parse state (target/partial_parse.strata): only the changed
  // model is rendered, and its manifest entry spliced into the previous manifest.json.
  const mid = sizes.includes(small) ? small : sizes[0]!;
  const dir = projectOf(workDir, mid);
  const file = join(dir, 'models', 'marts', 'f0');
  const model = join(file, readFileSync(join(file, 'schema.ts'), 'utf8').match(/(mar_\d+):/)![1] + '.sql');
  const original = readFileSync(model, 'utf8');
  // Alternating with the same edit compiled with partial parsing off (everything parsed, as before
  // it existed); that compile saves a fresh state, so each partial run starts from a full one.
  const warm: ReturnType<typeof runStrataProcess>[] = [];
  const full: ReturnType<typeof runStrataProcess>[] = [];
  for (let i = 0; i < repeat; i++) {
    writeFileSync(model, `${original}\n-- touched ${i}\n`);
    warm.push(runStrataProcess(['compile', '--project', dir], dir));
    writeFileSync(model, `${original}\n-- full ${i}\n`);
    full.push(runStrataProcess(['compile', '--project', dir, '--no-partial-parse'], dir));
  }
  writeFileSync(model, original);
  // The same edit in a long-lived `strata compile --watch`: no process start, modules warm.
  const watched = await measureWatchRecompile(dir, model, original, Math.max(repeat, 5));
  const failedWarm = [...warm, ...full].find((r) => r.exitCode !== 0);
  if (failedWarm) throw new Error(`strata compile (re-compile) failed at ${mid} models:\n${failedWarm.stdout}`);
  const warmMs = median(warm.map((r) => r.wallMs));
  results.push({ benchmark: 'compile', case: `re-compile after one change, ${mid.toLocaleString('en-US')} models, new process`, value: warmMs / 1000, unit: 's', target: '< 0.3 s', extra: `partial parsing; peak RSS ${Math.round(Math.max(...warm.map((r) => r.maxRssMb)))} MB` });
  results.push({
    benchmark: 'compile',
    case: `re-compile after one change, ${mid.toLocaleString('en-US')} models, strata compile --watch`,
    value: watched.medianMs / 1000,
    unit: 's',
    target: '< 0.3 s',
    extra: `from saving the file to the compiled event; the compile itself ${watched.compileSeconds.toFixed(2)} s; ${(warmMs / watched.medianMs).toFixed(1)}× faster than a new process; peak RSS ${Math.round(watched.maxRssMb)} MB`,
  });
  results.push({ benchmark: 'compile', case: `re-compile after one change, ${mid.toLocaleString('en-US')} models: --no-partial-parse / partial parsing`, value: median(full.map((r) => r.wallMs)) / warmMs, unit: 'ratio', extra: `--no-partial-parse ${(median(full.map((r) => r.wallMs)) / 1000).toFixed(2)} s` });
  return results;
}
