import { Option, type Command } from 'commander';

/** How the CLI talks: human text (live or plain lines) or JSON events, and how much. */
export interface OutputSettings {
  format: 'text' | 'json';
  /** Only errors, failures and warnings. */
  quiet: boolean;
  /** Also node starts, compiled SQL paths, failing SQL and stack traces. */
  debug: boolean;
  /** Redraw a status line in place (a terminal, not CI, text format, not quiet). */
  live: boolean;
}

/** The global flags: `--log-format text|json`, `--quiet`, `--debug` (accepted before or after the command). */
export function addOutputOptions(program: Command): Command {
  return program
    .addOption(new Option('--log-format <format>', 'text for people, json for log shippers (one JSON event per line)').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print only errors, failures and warnings')
    .option('--debug', 'print node starts, compiled SQL paths, the SQL of failures and stack traces');
}

/** Settings from the parsed global flags and what stdout is (a TTY, inside CI). */
export function outputSettings(flags: { logFormat?: string; quiet?: boolean; debug?: boolean }, terminal: { isTTY?: boolean; env?: Record<string, string | undefined> }): OutputSettings {
  const format = flags.logFormat === 'json' ? 'json' : 'text';
  const quiet = flags.quiet === true;
  const debug = flags.debug === true && !quiet;
  const ci = Boolean(terminal.env?.CI) && terminal.env?.CI !== 'false';
  return { format, quiet, debug, live: format === 'text' && !quiet && terminal.isTTY === true && !ci };
}
