import { createHash } from 'node:crypto';
import nunjucks from 'nunjucks';
import YAML from 'yaml';
import { isDict, isStringLike, pyStr, splitKwargs, strFormat, truthy, percentFormat } from './python-values.js';

/**
 * Jinja's filters, tests and globals that nunjucks lacks (or implements differently) and dbt
 * projects use: `map`, `unique`, `selectattr('x', 'equalto', 1)`, `tojson`, `is none`, `zip`,
 * `fromjson`/`toyaml`, dbt's `as_bool`/`as_number`/`as_native`, the `{% do %}` tag.
 */

interface FilterContext {
  env: nunjucks.Environment;
}

const attrOf = (item: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, key) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key]), item);

/** Applies a Jinja test by name (`'equalto'`, `'none'`, …) or truthiness when none is given. */
function passes(ctx: FilterContext, value: unknown, test: unknown, args: unknown[]): boolean {
  if (test === undefined) return truthy(value);
  const fn = (ctx.env as unknown as { getTest(name: string): unknown }).getTest(String(test)) as unknown as (this: unknown, v: unknown, ...a: unknown[]) => boolean;
  return fn.call(ctx, value, ...args) === true;
}

/** A literal as dbt's `as_native` reads it: JSON, Python's True/False/None, or the text itself. */
function nativeOf(value: unknown): unknown {
  if (!isStringLike(value)) return value;
  const text = String(value).trim();
  if (/^(True|False|None)$/.test(text)) return text === 'True' ? true : text === 'False' ? false : null;
  try {
    return JSON.parse(text.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null'));
  } catch {
    return String(value);
  }
}

export const JINJA_FILTERS: Record<string, (this: FilterContext, value: never, ...args: never[]) => unknown> = {
  map(this: FilterContext, value: unknown[], ...rest: unknown[]) {
    const { positional, kwargs } = splitKwargs(rest);
    const list = [...((value as unknown[] | null) ?? [])];
    if (kwargs.attribute !== undefined) return list.map((item) => attrOf(item, String(kwargs.attribute)) ?? kwargs.default);
    const [name, ...args] = positional;
    const filter = this.env.getFilter(String(name)) as unknown as (this: unknown, v: unknown, ...a: unknown[]) => unknown;
    return list.map((item) => filter.call(this, item, ...args));
  },
  unique(value: unknown[], ...rest: unknown[]) {
    const { kwargs } = splitKwargs(rest);
    const seen = new Set<unknown>();
    return [...(value ?? [])].filter((item) => {
      const key = kwargs.attribute !== undefined ? attrOf(item, String(kwargs.attribute)) : item;
      const folded = isStringLike(key) && kwargs.case_sensitive !== true ? String(key).toLowerCase() : key;
      if (seen.has(folded)) return false;
      seen.add(folded);
      return true;
    });
  },
  selectattr(this: FilterContext, value: unknown[], attribute: string, test?: unknown, ...args: unknown[]) {
    return [...(value ?? [])].filter((item) => passes(this, attrOf(item, attribute), test, args));
  },
  rejectattr(this: FilterContext, value: unknown[], attribute: string, test?: unknown, ...args: unknown[]) {
    return [...(value ?? [])].filter((item) => !passes(this, attrOf(item, attribute), test, args));
  },
  select(this: FilterContext, value: unknown[], test?: unknown, ...args: unknown[]) {
    return [...(value ?? [])].filter((item) => passes(this, item, test, args));
  },
  reject(this: FilterContext, value: unknown[], test?: unknown, ...args: unknown[]) {
    return [...(value ?? [])].filter((item) => !passes(this, item, test, args));
  },
  tojson(value: unknown, ...rest: unknown[]) {
    const { positional, kwargs } = splitKwargs(rest);
    const indent = kwargs.indent ?? positional[0];
    return JSON.stringify(value, null, indent === undefined ? undefined : Number(indent));
  },
  items(value: Record<string, unknown>) {
    return Object.entries(value ?? {});
  },
  min(value: unknown[], ...rest: unknown[]) {
    const { kwargs } = splitKwargs(rest);
    const list = [...(value ?? [])];
    const key = (x: unknown) => (kwargs.attribute !== undefined ? attrOf(x, String(kwargs.attribute)) : x) as number;
    return list.reduce((a, b) => (key(b) < key(a) ? b : a), list[0]);
  },
  max(value: unknown[], ...rest: unknown[]) {
    const { kwargs } = splitKwargs(rest);
    const list = [...(value ?? [])];
    const key = (x: unknown) => (kwargs.attribute !== undefined ? attrOf(x, String(kwargs.attribute)) : x) as number;
    return list.reduce((a, b) => (key(b) > key(a) ? b : a), list[0]);
  },
  format(value: string, ...rest: unknown[]) {
    const { positional, kwargs } = splitKwargs(rest);
    return Object.keys(kwargs).length > 0 ? percentFormat(String(value), kwargs) : percentFormat(String(value), positional);
  },
  count(value: unknown) {
    return isDict(value) ? Object.keys(value).length : ((value as { length?: number } | null)?.length ?? 0);
  },
  attr(value: unknown, name: string) {
    return attrOf(value, name);
  },
  string(value: unknown) {
    return pyStr(value);
  },
  as_text(value: unknown) {
    return pyStr(value);
  },
  as_bool(value: unknown) {
    const native = nativeOf(value);
    return typeof native === 'string' ? /^(true|yes|1)$/i.test(native) : Boolean(native);
  },
  as_number(value: unknown) {
    return Number(value);
  },
  as_native(value: unknown) {
    return nativeOf(value);
  },
};

export const JINJA_TESTS: Record<string, (value: never, ...args: never[]) => boolean> = {
  none: (value: unknown) => value === null || value === undefined,
  true: (value: unknown) => value === true,
  false: (value: unknown) => value === false,
  boolean: (value: unknown) => typeof value === 'boolean',
  integer: (value: unknown) => Number.isInteger(value),
  float: (value: unknown) => typeof value === 'number' && !Number.isInteger(value),
  sequence: (value: unknown) => Array.isArray(value) || isStringLike(value),
  list: (value: unknown) => Array.isArray(value),
  mapping: (value: unknown) => isDict(value),
  string: (value: unknown) => isStringLike(value),
  in: (value: unknown, container: unknown) => (Array.isArray(container) ? container.includes(value) : isStringLike(container) ? String(container).includes(String(value)) : isDict(container) ? String(value) in container : false),
};

/** Python-flavoured globals every template sees. */
export const JINJA_GLOBALS: Record<string, (...args: never[]) => unknown> = {
  zip: (...lists: unknown[][]) => {
    const length = Math.min(...lists.map((l) => l.length));
    return Array.from({ length }, (_, i) => lists.map((l) => l[i]));
  },
  tojson: (value: unknown) => JSON.stringify(value),
  fromjson: (text: string, fallback?: unknown) => {
    try {
      return JSON.parse(text);
    } catch {
      if (fallback !== undefined) return fallback;
      throw new Error(`fromjson: not JSON: ${String(text).slice(0, 40)}`);
    }
  },
  toyaml: (value: unknown) => YAML.stringify(value),
  fromyaml: (text: string) => YAML.parse(text),
  local_md5: (text: string) => createHash('md5').update(String(text)).digest('hex'),
  set: (items: unknown[] = []) => [...new Set(items)],
  list: (items: unknown = []) => (isDict(items) ? Object.keys(items) : isStringLike(items) ? [...String(items)] : [...(items as unknown[])]),
  dict: (...args: unknown[]) => {
    const { positional, kwargs } = splitKwargs(args);
    const out: Record<string, unknown> = {};
    for (const p of positional) Object.assign(out, Array.isArray(p) ? Object.fromEntries(p as Array<[string, unknown]>) : p);
    return Object.assign(out, kwargs);
  },
  namespace: (...args: unknown[]) => ({ ...splitKwargs(args).kwargs }),
  print: () => '',
  strformat: (template: string, ...args: unknown[]) => {
    const { positional, kwargs } = splitKwargs(args);
    return strFormat(template, positional, kwargs);
  },
};

/** `{% do expression %}`: evaluates the expression for its effect (`{% do cols.append(c) %}`), prints nothing. */
export class DoExtension {
  readonly tags = ['do'];

  parse(parser: { nextToken(): { value: string; lineno: number; colno: number }; parseExpression(): unknown; advanceAfterBlockEnd(name: string): void }, nodes: Record<string, new (...args: unknown[]) => { addChild(node: unknown): void }>): unknown {
    const token = parser.nextToken();
    const args = new nodes.NodeList!(token.lineno, token.colno);
    args.addChild(parser.parseExpression());
    parser.advanceAfterBlockEnd(token.value);
    return new nodes.CallExtension!(this, 'run', args);
  }

  run(): string {
    return '';
  }
}
