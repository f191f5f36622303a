#!/usr/bin/env node
/**
 * Proves turbo's caching: run right after `turbo run build test`, it asks turbo (a dry run, which
 * only hashes) whether the same run again would be served from the cache, and fails naming every
 * task that would not. A miss means a task's inputs changed while the run ran — a test writing
 * into its package, a build that is not reproducible — or an input turbo does not see.
 *
 * Usage: node tooling/scripts/check-turbo-cache.mjs [task ...] [--filter=...]   (default: build test)
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('-'));
const tasks = args.filter((a) => !a.startsWith('-'));
if (tasks.length === 0) tasks.push('build', 'test');
// The plan lists every input file of every task: written to a file, not held in a pipe buffer.
const dir = mkdtempSync(join(tmpdir(), 'turbo-dry-'));
const file = join(dir, 'plan.json');
const fd = openSync(file, 'w');
try {
  execFileSync('pnpm', ['exec', 'turbo', 'run', ...tasks, ...flags, '--dry=json'], { stdio: ['ignore', fd, 'inherit'], env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
} finally {
  closeSync(fd);
}
const output = readFileSync(file, 'utf8');
rmSync(dir, { recursive: true, force: true });
const plan = JSON.parse(output.slice(output.indexOf('{')));
// Packages without the script (e.g. @strata/tsconfig has no build) have nothing to cache.
const runnable = plan.tasks.filter((task) => task.command !== '<NONEXISTENT>');
const misses = runnable.filter((task) => task.cache.status !== 'HIT');
if (misses.length > 0) {
  console.error(`turbo cache: ${misses.length} of ${runnable.length} tasks of \`turbo run ${tasks.join(' ')}\` would run again:`);
  for (const task of misses) console.error(`  ${task.taskId} (hash ${task.hash})`);
  process.exit(1);
}
console.log(`turbo cache: all ${runnable.length} tasks of \`turbo run ${tasks.join(' ')}\` are cache hits`);
