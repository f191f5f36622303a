import { CompilationError } from '../errors/strata-error.js';

/**
 * Regular-expression families warehouses use: RE2 (DuckDB, BigQuery) and the Tcl-style AREs of
 * Postgres. JavaScript patterns (what zod holds) are translated into one of them.
 */
export type RegexFlavor = 're2' | 'postgres';

const LIMITS: Record<RegexFlavor, number> = { re2: 1000, postgres: 255 };
const NAMES: Record<RegexFlavor, string> = { re2: 'RE2 (DuckDB, BigQuery)', postgres: 'Postgres' };

function hex(code: number, flavor: RegexFlavor): string {
  if (flavor === 're2') return `\\x{${code.toString(16).toUpperCase()}}`;
  return code > 0xffff ? `\\U${code.toString(16).toUpperCase().padStart(8, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Translates a JavaScript regular expression (source and flags, as zod stores it) into the
 * warehouse's dialect, so `.regex()`, `.email()` and `.uuid()` check the same thing in SQL as in
 * zod. Constructs the warehouse cannot express (lookaround and backreferences on RE2, `\p{…}` on
 * Postgres) raise a CompilationError naming the construct, never a silently different check.
 *
 * @example translateJsRegex('^(?<user>\\w+)@', 'i', 're2') // '(?i)^(?P<user>\\w+)@'
 */
export function translateJsRegex(source: string, flags: string, flavor: RegexFlavor): string {
  const fail = (what: string, at: number): never => {
    throw new CompilationError('E_REGEX_UNSUPPORTED', `pattern /${source}/${flags} cannot be checked in ${NAMES[flavor]}: ${what} at position ${at} has no equivalent there`, {
      hint: 'rewrite the pattern without it (or check the rule with an expression_is_true test written in SQL)',
    });
  };
  if (flags.includes('v')) fail("the 'v' (unicode sets) flag", 0);
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const [text, length] = translateEscape(source, i, inClass, flavor, fail);
      out += text;
      i += length;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      // A bare `[` is literal inside a JS class but may start `[:alpha:]` elsewhere.
      out += ch === '[' ? '\\[' : ch;
      i++;
      continue;
    }
    if (ch === '[') {
      if (source.startsWith('[^]', i)) {
        if (flavor === 'postgres') fail('[^] (any character)', i);
        out += '[\\s\\S]';
        i += 3;
        continue;
      }
      if (source.startsWith('[]', i)) fail('[] (an empty class)', i);
      inClass = true;
      out += source[i + 1] === '^' ? '[^' : '[';
      i += source[i + 1] === '^' ? 2 : 1;
      continue;
    }
    if (ch === '(' && source[i + 1] === '?') {
      const rest = source.slice(i);
      if (rest.startsWith('(?:')) {
        out += '(?:';
        i += 3;
      } else if (/^\(\?<?[=!]/.test(rest)) {
        const behind = rest[2] === '<';
        if (flavor === 're2') fail(behind ? 'lookbehind (?<= or (?<!' : 'lookahead (?= or (?!', i);
        const length = behind ? 4 : 3;
        out += rest.slice(0, length);
        i += length;
      } else if (/^\(\?<[A-Za-z_$][\w$]*>/.test(rest)) {
        const name = /^\(\?<([^>]+)>/.exec(rest)![1]!;
        out += flavor === 're2' ? `(?P<${name}>` : '(';
        i += name.length + 4;
      } else {
        fail(`the group modifier ${rest.slice(0, 4)}`, i);
      }
      continue;
    }
    if (ch === '{') {
      const bound = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
      if (!bound) {
        out += '\\{';
        i++;
        continue;
      }
      const largest = Math.max(Number(bound[1]), bound[2] ? Number(bound[2]) : 0);
      if (largest > LIMITS[flavor]) fail(`the repetition ${bound[0]} (more than ${LIMITS[flavor]})`, i);
      out += bound[0];
      i += bound[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return flagPrefix(flags, flavor) + out;
}

/** Flags as an embedded option group: `(?i)`; Postgres also needs its newline options to act like JS. */
function flagPrefix(flags: string, flavor: RegexFlavor): string {
  const i = flags.includes('i');
  const m = flags.includes('m');
  const s = flags.includes('s');
  if (flavor === 're2') {
    const options = `${i ? 'i' : ''}${m ? 'm' : ''}${s ? 's' : ''}`;
    return options ? `(?${options})` : '';
  }
  // Postgres: `.` matches newlines unless asked (p), `^`/`$` match at lines with (w); n = both.
  const newline = !s && !m ? 'p' : !s && m ? 'n' : s && m ? 'w' : '';
  const options = `${i ? 'i' : ''}${newline}`;
  return options ? `(?${options})` : '';
}

const SHORTHANDS = new Set(['d', 'D', 'w', 'W', 's', 'S', 't', 'n', 'r', 'f', 'v']);

/** Translates the escape starting at `at` (a backslash). Returns the text and how many characters it used. */
function translateEscape(source: string, at: number, inClass: boolean, flavor: RegexFlavor, fail: (what: string, at: number) => never): [string, number] {
  const c = source[at + 1];
  if (c === undefined) return fail('a trailing backslash', at);
  if (SHORTHANDS.has(c)) return [`\\${c}`, 2];
  if (c === 'b' || c === 'B') {
    if (inClass) return c === 'b' ? [hex(8, flavor), 2] : ['B', 2];
    return [flavor === 'postgres' ? (c === 'b' ? '\\y' : '\\Y') : `\\${c}`, 2];
  }
  if (/[1-9]/.test(c)) {
    if (flavor === 're2' || inClass) return fail(`the backreference \\${c}`, at);
    return [`\\${c}`, 2];
  }
  if (c === '0') {
    if (flavor === 'postgres') return fail('the NUL character \\0', at);
    return [hex(0, flavor), 2];
  }
  if (c === 'k' && source[at + 2] === '<') return fail('the named backreference \\k<…>', at);
  if (c === 'x') {
    const digits = /^[0-9a-fA-F]{2}/.exec(source.slice(at + 2));
    if (!digits) return ['x', 2];
    return [hex(parseInt(digits[0], 16), flavor), 4];
  }
  if (c === 'u') {
    const braced = /^\{([0-9a-fA-F]+)\}/.exec(source.slice(at + 2));
    if (braced) return [hex(parseInt(braced[1]!, 16), flavor), 2 + braced[0].length];
    const four = /^[0-9a-fA-F]{4}/.exec(source.slice(at + 2));
    if (!four) return ['u', 2];
    return [hex(parseInt(four[0], 16), flavor), 6];
  }
  if (c === 'c' && /[A-Za-z]/.test(source[at + 2] ?? '')) return [hex(source.charCodeAt(at + 2) % 32, flavor), 3];
  if (c === 'p' || c === 'P') {
    const property = /^\{([^}]+)\}/.exec(source.slice(at + 2));
    if (!property) return [c, 2];
    if (flavor === 'postgres') return fail(`the Unicode property \\${c}{${property[1]}}`, at);
    const name = property[1]!.replace(/^(Script|sc|Script_Extensions|scx|General_Category|gc)=/, '');
    // RE2 knows one- and two-letter general categories and script names, not binary properties.
    const known = /^[A-Z][a-z]?$/.test(name) || /^(Script|sc)=/.test(property[1]!);
    if (!known) return fail(`the Unicode property \\${c}{${property[1]}}`, at);
    return [`\\${c}{${name}}`, 2 + property[0].length];
  }
  // Identity escapes: a letter means itself in JS (`\a` is 'a'), but may be special elsewhere.
  if (/[A-Za-z]/.test(c)) return [c, 2];
  return [`\\${c}`, 2];
}
