import { isDict, isStringLike, pyRepr, splitKwargs, strFormat } from './python-values.js';

/**
 * Methods of Python's `str`, `list` and `dict` that dbt macros call on values, with Python's
 * meaning (`'a-b-c'.replace('-', '_')` replaces every occurrence, `' x '.split()` splits on
 * whitespace). Looked up before JavaScript's own members, which mean something else.
 */

type Method = (self: never, ...args: unknown[]) => unknown;

const stripChars = (chars: unknown): string => (chars === undefined || chars === null ? ' \t\n\r\f\v' : String(chars));
const lstrip = (s: string, chars: unknown): string => {
  const set = stripChars(chars);
  let i = 0;
  while (i < s.length && set.includes(s[i]!)) i++;
  return s.slice(i);
};
const rstrip = (s: string, chars: unknown): string => {
  const set = stripChars(chars);
  let i = s.length;
  while (i > 0 && set.includes(s[i - 1]!)) i--;
  return s.slice(0, i);
};
const affixes = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  const limit = maxsplit === undefined || maxsplit === null || Number(maxsplit) < 0 ? Infinity : Number(maxsplit);
  if (sep === undefined || sep === null) {
    const parts = s.trim().split(/\s+/).filter(Boolean);
    return limit === Infinity || parts.length <= limit ? parts : [...parts.slice(0, limit), s.trim().split(/\s+/).slice(limit).join(' ')];
  }
  const all = s.split(String(sep));
  return limit === Infinity || all.length <= limit + 1 ? all : [...all.slice(0, limit), all.slice(limit).join(String(sep))];
}

const STRING_METHODS: Record<string, Method> = {
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  casefold: (s: string) => s.toLowerCase(),
  title: (s: string) => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase()),
  capitalize: (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s: string, chars) => rstrip(lstrip(s, chars), chars),
  lstrip: (s: string, chars) => lstrip(s, chars),
  rstrip: (s: string, chars) => rstrip(s, chars),
  split: (s: string, sep, maxsplit) => split(s, sep, maxsplit),
  rsplit: (s: string, sep, maxsplit) => (maxsplit === undefined ? split(s, sep, undefined) : split([...s].reverse().join(''), sep === undefined ? undefined : [...String(sep)].reverse().join(''), maxsplit).map((p) => [...p].reverse().join('')).reverse()),
  splitlines: (s: string) => s.split(/\r?\n/).filter((line, i, all) => i < all.length - 1 || line !== ''),
  replace: (s: string, old, replacement, count) => {
    if (count === undefined || Number(count) < 0) return s.split(String(old)).join(String(replacement));
    const parts = s.split(String(old));
    const n = Math.min(Number(count), parts.length - 1);
    return parts.slice(0, n + 1).join(String(replacement)) + (n + 1 < parts.length ? String(old) + parts.slice(n + 1).join(String(old)) : '');
  },
  startswith: (s: string, prefix) => affixes(prefix).some((p) => s.startsWith(p)),
  endswith: (s: string, suffix) => affixes(suffix).some((p) => s.endsWith(p)),
  find: (s: string, sub) => s.indexOf(String(sub)),
  rfind: (s: string, sub) => s.lastIndexOf(String(sub)),
  index: (s: string, sub) => {
    const i = s.indexOf(String(sub));
    if (i < 0) throw new Error(`substring ${pyRepr(sub)} not found`);
    return i;
  },
  count: (s: string, sub) => (String(sub) === '' ? s.length + 1 : s.split(String(sub)).length - 1),
  join: (s: string, items) => (Array.isArray(items) ? items : [...String(items)]).map(String).join(s),
  format: (s: string, ...args) => {
    const { positional, kwargs } = splitKwargs(args);
    return strFormat(s, positional, kwargs);
  },
  isdigit: (s: string) => /^\d+$/.test(s),
  isnumeric: (s: string) => /^\d+$/.test(s),
  isdecimal: (s: string) => /^\d+$/.test(s),
  isalpha: (s: string) => /^[A-Za-z]+$/.test(s),
  isalnum: (s: string) => /^[A-Za-z0-9]+$/.test(s),
  isspace: (s: string) => /^\s+$/.test(s),
  isupper: (s: string) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  islower: (s: string) => /[a-z]/.test(s) && s === s.toLowerCase(),
  zfill: (s: string, width) => (s.startsWith('-') ? '-' + s.slice(1).padStart(Number(width) - 1, '0') : s.padStart(Number(width), '0')),
  ljust: (s: string, width, fill) => s.padEnd(Number(width), fill === undefined ? ' ' : String(fill)),
  rjust: (s: string, width, fill) => s.padStart(Number(width), fill === undefined ? ' ' : String(fill)),
  center: (s: string, width, fill) => {
    const pad = Math.max(0, Number(width) - s.length);
    const f = fill === undefined ? ' ' : String(fill);
    return f.repeat(Math.ceil(pad / 2)) + s + f.repeat(Math.floor(pad / 2));
  },
  partition: (s: string, sep) => {
    const i = s.indexOf(String(sep));
    return i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)];
  },
  removeprefix: (s: string, prefix) => (s.startsWith(String(prefix)) ? s.slice(String(prefix).length) : s),
  removesuffix: (s: string, suffix) => (String(suffix) && s.endsWith(String(suffix)) ? s.slice(0, -String(suffix).length) : s),
};

const LIST_METHODS: Record<string, Method> = {
  append: (l: unknown[], item) => {
    l.push(item);
    return null;
  },
  extend: (l: unknown[], items) => {
    l.push(...(items as unknown[]));
    return null;
  },
  insert: (l: unknown[], index, item) => {
    l.splice(Number(index), 0, item);
    return null;
  },
  pop: (l: unknown[], index) => {
    if (l.length === 0) throw new Error('pop from empty list');
    const i = index === undefined ? l.length - 1 : Number(index) < 0 ? l.length + Number(index) : Number(index);
    if (i < 0 || i >= l.length) throw new Error('pop index out of range');
    return l.splice(i, 1)[0];
  },
  remove: (l: unknown[], item) => {
    const i = l.indexOf(item);
    if (i < 0) throw new Error(`list.remove(x): ${pyRepr(item)} not in list`);
    l.splice(i, 1);
    return null;
  },
  index: (l: unknown[], item) => {
    const i = l.indexOf(item);
    if (i < 0) throw new Error(`${pyRepr(item)} is not in list`);
    return i;
  },
  count: (l: unknown[], item) => l.filter((x) => x === item).length,
  reverse: (l: unknown[]) => {
    l.reverse();
    return null;
  },
  sort: (l: unknown[]) => {
    l.sort((a, b) => (a === b ? 0 : (a as number) < (b as number) ? -1 : 1));
    return null;
  },
  copy: (l: unknown[]) => [...l],
  clear: (l: unknown[]) => {
    l.length = 0;
    return null;
  },
};

const DICT_METHODS: Record<string, Method> = {
  items: (d: Record<string, unknown>) => Object.entries(d),
  iteritems: (d: Record<string, unknown>) => Object.entries(d),
  keys: (d: Record<string, unknown>) => Object.keys(d),
  values: (d: Record<string, unknown>) => Object.values(d),
  get: (d: Record<string, unknown>, key, fallback) => (Object.prototype.hasOwnProperty.call(d, String(key)) ? d[String(key)] : (fallback ?? null)),
  pop: (d: Record<string, unknown>, key, ...rest) => {
    const k = String(key);
    if (Object.prototype.hasOwnProperty.call(d, k)) {
      const value = d[k];
      delete d[k];
      return value;
    }
    if (rest.length > 0) return rest[0];
    throw new Error(`KeyError: ${pyRepr(key)}`);
  },
  setdefault: (d: Record<string, unknown>, key, fallback) => {
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(d, k)) d[k] = fallback ?? null;
    return d[k];
  },
  update: (d: Record<string, unknown>, ...args) => {
    const { positional, kwargs } = splitKwargs(args);
    for (const other of positional) {
      if (Array.isArray(other)) for (const [k, v] of other as Array<[string, unknown]>) d[k] = v;
      else Object.assign(d, other);
    }
    Object.assign(d, kwargs);
    return null;
  },
  copy: (d: Record<string, unknown>) => ({ ...d }),
  has_key: (d: Record<string, unknown>, key) => Object.prototype.hasOwnProperty.call(d, String(key)),
  clear: (d: Record<string, unknown>) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
};

/**
 * The Python method `name` of `obj` bound to it, or undefined when `obj` is not a str, list or
 * dict or has no such method (then nunjucks' own lookup applies).
 * @example callPythonMethod('a,b', 'split')!(',') // ['a', 'b']
 */
export function callPythonMethod(obj: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  let table: Record<string, Method> | undefined;
  let self: unknown = obj;
  if (isStringLike(obj)) {
    table = STRING_METHODS;
    self = String(obj);
  } else if (Array.isArray(obj) && !Object.prototype.hasOwnProperty.call(obj, name)) table = LIST_METHODS;
  // A dict's own key wins over a method of the same name: nunjucks reads `d.values` and
  // `d['values']` alike, and a subscript must reach the data.
  else if (isDict(obj) && !Object.prototype.hasOwnProperty.call(obj, name)) table = DICT_METHODS;
  const method = table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!method) return undefined;
  if (name === 'update' || name === 'format') return (...args: unknown[]) => method(self as never, ...args);
  return (...args: unknown[]) => method(self as never, ...splitKwargs(args).positional);
}
