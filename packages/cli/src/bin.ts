#!/usr/bin/env node
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  write: (chunk) => process.stdout.write(chunk),
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  env: process.env,
});
