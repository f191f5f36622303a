/** Runs the strata CLI and reports the process's peak RSS and CPU on stderr, for the benchmarks. */
import { resourceUsageLines } from './measure.js';
import { runCli } from '@strata/cli';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
process.stderr.write(resourceUsageLines());
process.exitCode = code;
