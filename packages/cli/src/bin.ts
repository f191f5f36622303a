#!/usr/bin/env node
import { runCli } from './cli.js';
import { interruptedExitCode } from './interrupt-exit.js';

// Ctrl-C (SIGINT) and SIGTERM stop a run cleanly: running statements are cancelled, temporary
// relations dropped, run_results.json written with what finished, and the exit code is 130/143.
// A second signal exits at once. Commands that do not run nodes (ls, docs serve) just end.
const controller = new AbortController();
let received: NodeJS.Signals | undefined;
const onSignal = (signal: NodeJS.Signals): void => {
  if (received) process.exit(interruptedExitCode(signal));
  received = signal;
  process.stderr.write(`\n${signal} received: stopping (send it again to exit at once)\n`);
  controller.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  write: (chunk) => process.stdout.write(chunk),
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  env: process.env,
  signal: controller.signal,
});
// Commands that ran nodes already return 130/143 when interrupted (see interrupt-exit.ts).
process.exitCode = code;
