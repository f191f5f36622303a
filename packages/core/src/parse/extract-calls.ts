import { ParseError } from '../errors/strata-error.js';

/** A `ref()` found in a file's text, with the line it is on. */
export interface RefCall {
  project?: string;
  name: string;
  line: number;
}

export interface SourceCall {
  source: string;
  table: string;
  line: number;
}

/** What static extraction finds in a model: its dependencies and its literal `config()`. */
export interface ExtractedCalls {
  refs: RefCall[];
  sources: SourceCall[];
  config: Record<string, unknown>;
  configLine?: number;
}

const STRING = String.raw`(?:'([^'\\\n]*)'|"([^"\\\n]*)")`;
const REF = new RegExp(String.raw`\bref\s*\(\s*${STRING}\s*(?:,\s*${STRING}\s*)?\)`, 'g');
const SOURCE = new RegExp(String.raw`\bsource\s*\(\s*${STRING}\s*,\s*${STRING}\s*\)`, 'g');
const CONFIG = /\{\{-?\s*config\s*\(/g;
/** Deepest nesting of lists and dicts a config() literal may have. */
const MAX_NESTING = 64;

/** Blanks out `{# … #}` comments, keeping newlines so line numbers still hold. */
export function stripJinjaComments(text: string): string {
  return text.replace(/\{#[\s\S]*?#\}/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Finds `ref`, `source` and `config` calls without rendering the template, so the DAG can be
 * built offline and fast (regular expressions over the text, no Jinja evaluation).
 *
 * @example extractCalls("select * from {{ ref('stg_orders') }}", 'models/a.sql').refs // [{ name: 'stg_orders', line: 1 }]
 */
export function extractCalls(rawText: string, file: string): ExtractedCalls {
  const text = stripJinjaComments(rawText);
  const refs: RefCall[] = [];
  const sources: SourceCall[] = [];
  // Line numbers are computed lazily from a running cursor: one pass over the text in total.
  let cursor = 0;
  let cursorLine = 1;
  const lineOf = (index: number): number => {
    if (index < cursor) return lineAt(text, index);
    for (let i = cursor; i < index; i++) if (text.charCodeAt(i) === 10) cursorLine++;
    cursor = index;
    return cursorLine;
  };
  const matches: Array<{ index: number; kind: 'ref' | 'source'; m: RegExpExecArray }> = [];
  for (const m of text.matchAll(REF)) matches.push({ index: m.index, kind: 'ref', m });
  for (const m of text.matchAll(SOURCE)) matches.push({ index: m.index, kind: 'source', m });
  matches.sort((a, b) => a.index - b.index);
  for (const { index, kind, m } of matches) {
    const first = m[1] ?? m[2]!;
    const second = m[3] ?? m[4];
    const line = lineOf(index);
    if (kind === 'ref') refs.push(second === undefined ? { name: first, line } : { project: first, name: second, line });
    else sources.push({ source: first, table: second!, line });
  }
  let config: Record<string, unknown> = {};
  let configLine: number | undefined;
  for (const m of text.matchAll(CONFIG)) {
    configLine = lineAt(text, m.index);
    const { args } = parseCallArguments(text, m.index + m[0].length, file, configLine);
    config = { ...config, ...args };
  }
  return { refs, sources, config, configLine };
}

/**
 * Parses keyword arguments of literal values (`materialized='table', tags=['a'], unique_key=['a','b']`)
 * starting just after an opening parenthesis. Values that are not literals are a ParseError:
 * config must be known before rendering.
 */
export function parseCallArguments(text: string, start: number, file: string, line: number): { args: Record<string, unknown>; end: number } {
  let i = start;
  const args: Record<string, unknown> = {};
  const fail = (what: string): never => {
    throw new ParseError('E_CONFIG_CALL', `config(): ${what}`, { file, line, hint: "config() takes keyword arguments with literal values, e.g. config(materialized='table')" });
  };
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  let depth = 0;
  const parseValue = (): unknown => {
    skipSpace();
    const c = text[i];
    // Literals nest a few levels at most; a deep pile of brackets must not exhaust the stack.
    if ((c === '[' || c === '{') && depth >= MAX_NESTING) fail(`literal nested more than ${MAX_NESTING} levels deep`);
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('unterminated string');
      const value = text.slice(i + 1, end);
      i = end + 1;
      return value;
    }
    if (c === '[') {
      i++;
      depth++;
      const list: unknown[] = [];
      skipSpace();
      while (text[i] !== ']') {
        list.push(parseValue());
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail('expected , or ] in list');
        skipSpace();
      }
      i++;
      depth--;
      return list;
    }
    if (c === '{') {
      i++;
      depth++;
      const dict: Record<string, unknown> = {};
      skipSpace();
      while (text[i] !== '}') {
        const key = parseValue();
        skipSpace();
        if (text[i] !== ':') fail('expected : in dict');
        i++;
        dict[String(key)] = parseValue();
        skipSpace();
        if (text[i] === ',') i++;
        skipSpace();
      }
      i++;
      depth--;
      return dict;
    }
    const word = /^(-?\d+(?:\.\d+)?|true|false|True|False|none|None)/.exec(text.slice(i, i + 40));
    if (!word) return fail(`value at "${text.slice(i, i + 20).split('\n')[0]}" is not a literal`);
    i += word[0].length;
    const w = word[0];
    if (/^(true|True)$/.test(w)) return true;
    if (/^(false|False)$/.test(w)) return false;
    if (/^(none|None)$/.test(w)) return null;
    return Number(w);
  };
  skipSpace();
  while (text[i] !== ')') {
    if (i >= text.length) fail('missing closing parenthesis');
    const key = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!key) fail(`expected a keyword argument at "${text.slice(i, i + 20).split('\n')[0]}"`);
    i += key![0].length;
    skipSpace();
    if (text[i] !== '=') fail(`expected = after ${key![0]}`);
    i++;
    args[key![0]] = parseValue();
    skipSpace();
    if (text[i] === ',') i++;
    skipSpace();
  }
  return { args, end: i + 1 };
}
