import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `repeat` times and returns the median wall time in milliseconds. */
export async function timeIt(repeat: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export interface ProcessMeasurement {
  wallMs: number;
  maxRssMb: number;
  /** User + system CPU of the whole process (every thread, DuckDB's included): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * What a measured script prints on stderr as it ends (peak RSS, CPU), for runBenchScript to read.
 * @example process.stderr.write(resourceUsageLines())
 */
export function resourceUsageLines(): string {
  const usage = process.resourceUsage();
  return `__strata_max_rss_kb=${usage.maxRSS}\n__strata_cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`;
}

/**
 * Runs one of this package's scripts (dist/*.js) in a new Node process and reports wall time as
 * seen from outside, and the child's peak RSS and CPU (the script prints resourceUsageLines()).
 */
export function runBenchScript(script: string, args: string[], cwd: string): ProcessMeasurement {
  const start = performance.now();
  const child = spawnSync(process.execPath, [join(here, script), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - start;
  const rss = /__strata_max_rss_kb=(\d+)/.exec(child.stderr ?? '');
  const cpu = /__strata_cpu_ms=(\d+)/.exec(child.stderr ?? '');
  return { wallMs, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, cpuSeconds: cpu ? Number(cpu[1]) / 1000 : NaN, exitCode: child.status ?? -1, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

/**
 * Runs the `strata` CLI in a new Node process (cold: nothing cached in memory) and reports wall
 * time as seen from outside and the child's peak RSS.
 */
export function runStrataProcess(args: string[], cwd: string): ProcessMeasurement {
  return runBenchScript('measured-cli.js', args, cwd);
}
