import nunjucks from 'nunjucks';

/**
 * Python's view of JavaScript values, for the Jinja that dbt projects write: truthiness (an
 * empty list or dict is false), `str()` and `repr()`, and `%`-formatting. Pure functions; the
 * compiler patches in `python-semantics.ts` call them from rendered templates.
 */

/** True for strings and nunjucks' SafeString (a macro's output). */
export function isStringLike(value: unknown): value is string | String {
  if (typeof value === 'string' || value instanceof String) return true;
  // Read when called: nunjucks is CommonJS, and loaders may bind its default export lazily.
  const SafeString = (nunjucks.runtime as unknown as { SafeString: new (s: string) => object }).SafeString;
  return value instanceof SafeString;
}

/** True for a plain object (a Jinja dict), not a class instance. */
export function isDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python truthiness: empty strings, lists and dicts, 0, None and False are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (isStringLike(value)) return String(value).length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (isDict(value)) return Object.keys(value).filter((k) => k !== '__keywords').length > 0;
  return Boolean(value);
}

/** Python's `repr()` of a value, as Jinja prints values inside lists and dicts. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (isStringLike(value)) return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  return String(value);
}

/** Python's `str()`: what `{{ value }}` prints. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value) || isDict(value)) return pyRepr(value);
  return String(value);
}

/** A Python `%` directive applied to one value. */
function formatDirective(spec: string, conversion: string, value: unknown): string {
  const precision = /\.(\d+)/.exec(spec)?.[1];
  const width = Number(/^[-+ 0#]*(\d+)/.exec(spec)?.[1] ?? 0);
  let out: string;
  switch (conversion) {
    case 's':
      out = pyStr(value);
      break;
    case 'r':
      out = pyRepr(value);
      break;
    case 'd':
    case 'i':
      out = String(Math.trunc(Number(value)));
      break;
    case 'f':
    case 'F':
      out = Number(value).toFixed(precision === undefined ? 6 : Number(precision));
      break;
    case 'x':
      out = Math.trunc(Number(value)).toString(16);
      break;
    default:
      throw new Error(`unsupported % format directive '%${spec}${conversion}'`);
  }
  if (out.length < width) out = spec.includes('-') ? out.padEnd(width) : out.padStart(width, spec.startsWith('0') && conversion !== 's' ? '0' : ' ');
  return out;
}

/**
 * Python's `'%s and %s' % (a, b)` (also `%(name)s` with a dict, `%d`, `%.2f`, `%%`).
 * @example percentFormat('%s_%s', ['a', 1]) // 'a_1'
 */
export function percentFormat(template: string, args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  let next = 0;
  return template.replace(/%(\(([^)]*)\))?([-+ 0#]*\d*(?:\.\d+)?)([sridfFx%])/g, (_m, _named, name: string | undefined, spec: string, conversion: string) => {
    if (conversion === '%') return '%';
    if (name !== undefined) return formatDirective(spec, conversion, (args as Record<string, unknown>)[name]);
    if (next >= list.length) throw new Error('not enough arguments for format string');
    return formatDirective(spec, conversion, list[next++]);
  });
}

/**
 * Python's `str.format`: `{}`, `{0}`, `{name}`, `{{`/`}}` and the common specs (`:>10`, `:.2f`).
 * @example strFormat('{}_{name}', ['a'], { name: 'b' }) // 'a_b'
 */
export function strFormat(template: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rs])?(?::([^{}]*))?\}/g, (match, field: string | undefined, spec: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const key = field ?? '';
    const value = key === '' ? args[auto++] : /^\d+$/.test(key) ? args[Number(key)] : key.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], kwargs);
    if (!spec) return pyStr(value);
    const m = /^(.?[<>^])?(0)?(\d+)?(?:\.(\d+))?([sdf%])?$/.exec(spec);
    if (!m) throw new Error(`unsupported format spec '{:${spec}}'`);
    let text = m[5] === 'f' || m[4] !== undefined ? Number(value).toFixed(Number(m[4] ?? 6)) : m[5] === 'd' ? String(Math.trunc(Number(value))) : pyStr(value);
    const width = Number(m[3] ?? 0);
    const align = m[1]?.slice(-1) ?? (typeof value === 'number' ? '>' : '<');
    const fill = m[1]?.length === 2 ? m[1][0]! : m[2] ? '0' : ' ';
    if (text.length < width) {
      const pad = width - text.length;
      text = align === '<' ? text + fill.repeat(pad) : align === '>' ? fill.repeat(pad) + text : fill.repeat(Math.floor(pad / 2)) + text + fill.repeat(Math.ceil(pad / 2));
    }
    return text;
  });
}

/** Splits a JavaScript call's arguments into positional ones and nunjucks' keyword-argument object. */
export function splitKwargs(args: unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  if (last && typeof last === 'object' && (last as { __keywords?: boolean }).__keywords === true) {
    const { __keywords: _omit, ...kwargs } = last;
    return { positional: args.slice(0, -1), kwargs };
  }
  return { positional: args, kwargs: {} };
}
