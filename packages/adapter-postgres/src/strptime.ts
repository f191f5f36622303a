import { CompilationError } from '@strata/core';

/** A strptime format as a Postgres regular expression plus what each capture group holds. */
export interface StrptimePattern {
  /** Anchored ARE, matched case-insensitively; surrounding whitespace is allowed. */
  regex: string;
  /** One letter per capture group, comma-separated (`Y,m,d`), read by `strptime_parts`. */
  spec: string;
}

/** Capture group of each specifier (null: matched but ignored, like weekday names). */
const SPECIFIERS: Record<string, [string, string | null]> = {
  Y: ['(\\d{1,4})', 'Y'],
  y: ['(\\d{1,2})', 'y'],
  m: ['(\\d{1,2})', 'm'],
  d: ['(\\d{1,2})', 'd'],
  e: ['(\\d{1,2})', 'd'],
  H: ['(\\d{1,2})', 'H'],
  I: ['(\\d{1,2})', 'I'],
  M: ['(\\d{1,2})', 'M'],
  S: ['(\\d{1,2})', 'S'],
  j: ['(\\d{1,3})', 'j'],
  f: ['(\\d{1,6})', 'f'],
  g: ['(\\d{1,3})', 'g'],
  n: ['(\\d{1,9})', 'n'],
  p: ['([ap]m)', 'p'],
  b: ['([a-z]{3})', 'b'],
  h: ['([a-z]{3})', 'b'],
  B: ['([a-z]+)', 'B'],
  a: ['(?:[a-z]{3})', null],
  A: ['(?:[a-z]+)', null],
  z: ['([+-]\\d{2}(?::?\\d{2})?)', 'z'],
};

/** Shorthands expanded before translation. */
const EXPANSIONS: Record<string, string> = { T: '%H:%M:%S', D: '%m/%d/%y', F: '%Y-%m-%d', R: '%H:%M' };

/**
 * Translates a strptime format (DuckDB's specifiers: `%Y %y %m %d %H %I %M %S %p %b %B %j %f %g
 * %n %z %a %A`, `%-d` style unpadded variants, `%T %D %F %R`, `%%`) into a regex and a field
 * spec. As DuckDB parses: numbers may be unpadded, names and AM/PM match in any case, a space
 * matches any run of whitespace, and the whole text must match. Throws for a specifier
 * Postgres cannot parse this way (`%Z` time zone names, `%U` week numbers, …).
 *
 * @example translateStrptime('%d-%b-%Y') // { regex: '^\\s*(\\d{1,2})-([a-z]{3})-(\\d{1,4})\\s*$', spec: 'd,b,Y' }
 */
export function translateStrptime(format: string): StrptimePattern {
  let source = format;
  for (const [key, value] of Object.entries(EXPANSIONS)) source = source.split(`%${key}`).join(value);
  let regex = '';
  const spec: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '%') {
      let code = source[i + 1];
      i++;
      if (code === '-') code = source[++i];
      if (code === '%') {
        regex += '%';
        continue;
      }
      const specifier = code ? SPECIFIERS[code] : undefined;
      if (!specifier) {
        throw new CompilationError('E_STRPTIME_FORMAT', `strptime format '${format}' uses %${code ?? ''}, which the Postgres adapter cannot parse`, {
          hint: `use %Y %y %m %d %H %I %M %S %p %b %B %j %f %g %n %z %a %A (or parse that part in SQL)`,
        });
      }
      regex += specifier[0];
      if (specifier[1]) spec.push(specifier[1]);
    } else if (/\s/.test(ch)) {
      regex += '\\s+';
      while (/\s/.test(source[i + 1] ?? '')) i++;
    } else {
      regex += /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
    }
  }
  return { regex: `^\\s*${regex}\\s*$`, spec: spec.join(',') };
}
