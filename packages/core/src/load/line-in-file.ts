import { readFileSync } from 'node:fs';

/**
 * The line (1-based) of the first of `needles` found in a file, for pointing an error at a
 * setting (`'duckdbb'` in `adapter: 'duckdbb'`); undefined when none is there or the file is unreadable.
 * @example lineInFile('strata.config.ts', ["'duckdbb'", '"duckdbb"']) // 3
 */
export function lineInFile(file: string, needles: string[]): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const needle of needles) {
    const index = text.indexOf(needle);
    if (index >= 0) return text.slice(0, index).split('\n').length;
  }
  return undefined;
}
