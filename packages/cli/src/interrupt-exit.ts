import { constants } from 'node:os';
import pc from 'picocolors';
import { jsonLine } from './output/json-log.js';
import { EXIT, type CliIo } from './options.js';

/**
 * The exit code of a run a signal stopped: 128 + the signal's number, as shells report it
 * (SIGINT 130, SIGTERM 143); an abort without a signal name is a plain failure (1).
 * @example interruptedExitCode('SIGTERM') // 143
 */
export function interruptedExitCode(reason: string): number {
  const number = (constants.signals as Record<string, number | undefined>)[reason];
  return number ? 128 + number : EXIT.failed;
}

/** Tells the person (or the log shipper) that the run was interrupted and what was kept. */
export function reportInterrupted(io: CliIo, reason: string): void {
  if (io.output?.format === 'json') io.out(jsonLine('interrupted', { signal: reason }));
  else io.err(pc.yellow(`Interrupted (${reason}): running statements were cancelled and temporary relations dropped; target/run_results.json lists what finished. Run again, or \`strata retry\` to redo the rest.`));
}
