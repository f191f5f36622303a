/** Runs the strata CLI and reports the process's peak RSS on stderr, for the benchmarks. */
import { runCli } from '@strata/cli';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
const usage = process.resourceUsage();
// CPU of the whole process (user + system, DuckDB's threads included): on a shared machine wall time alone misleads.
process.stderr.write(`__strata_max_rss_kb=${usage.maxRSS}\n__strata_cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
process.exitCode = code;
