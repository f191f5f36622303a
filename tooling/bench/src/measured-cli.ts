/** Runs the strata CLI and reports the process's peak RSS on stderr, for the benchmarks. */
import { runCli } from '@strata/cli';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
process.stderr.write(`__strata_max_rss_kb=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
