import { splitKwargs } from './python-values.js';

/**
 * The part of Python's `datetime` module dbt macros use, as `modules.datetime`: `datetime`,
 * `date` and `timedelta`, `now()`/`utcnow()`/`today()`, `strftime`, `strptime`, `isoformat`,
 * `replace`, comparisons and `+`/`-` with timedeltas. Values are naive wall-clock times (no
 * time zone arithmetic); `run_started_at` is one, in UTC.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MS_PER_DAY = 86_400_000;

/** A span of time: Python's `timedelta(days=1, hours=2)`. */
export class PyTimedelta {
  constructor(readonly ms: number) {}
  get days(): number {
    return Math.floor(this.ms / MS_PER_DAY);
  }
  get seconds(): number {
    return Math.floor((this.ms - this.days * MS_PER_DAY) / 1000);
  }
  total_seconds(): number {
    return this.ms / 1000;
  }
  __add__(other: unknown): unknown {
    if (other instanceof PyTimedelta) return new PyTimedelta(this.ms + other.ms);
    if (other instanceof PyDate) return other.__add__(this);
    throw new TypeError('unsupported operand for timedelta +');
  }
  __sub__(other: unknown): unknown {
    if (other instanceof PyTimedelta) return new PyTimedelta(this.ms - other.ms);
    throw new TypeError('unsupported operand for timedelta -');
  }
  [Symbol.toPrimitive](hint: string): string | number {
    return hint === 'number' ? this.ms : this.toString();
  }
  toString(): string {
    const days = this.days;
    const rest = this.ms - days * MS_PER_DAY;
    const clock = `${Math.floor(rest / 3_600_000)}:${pad(Math.floor(rest / 60_000) % 60)}:${pad(Math.floor(rest / 1000) % 60)}`;
    return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${clock}` : clock;
  }
}

/** A calendar date (also the base of PyDatetime): fields kept in a UTC Date. */
export class PyDate {
  constructor(readonly utc: Date) {}
  get year(): number {
    return this.utc.getUTCFullYear();
  }
  get month(): number {
    return this.utc.getUTCMonth() + 1;
  }
  get day(): number {
    return this.utc.getUTCDate();
  }
  weekday(): number {
    return (this.utc.getUTCDay() + 6) % 7;
  }
  isoweekday(): number {
    return this.weekday() + 1;
  }
  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  strftime(format: string): string {
    const d = this.utc;
    const hours = d.getUTCHours();
    const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
    const codes: Record<string, string> = {
      Y: pad(d.getUTCFullYear(), 4),
      y: pad(d.getUTCFullYear() % 100),
      m: pad(d.getUTCMonth() + 1),
      d: pad(d.getUTCDate()),
      H: pad(hours),
      I: pad(hours % 12 || 12),
      p: hours < 12 ? 'AM' : 'PM',
      M: pad(d.getUTCMinutes()),
      S: pad(d.getUTCSeconds()),
      f: pad(d.getUTCMilliseconds() * 1000, 6),
      j: pad(Math.floor((d.getTime() - jan1) / MS_PER_DAY) + 1, 3),
      a: DAYS[this.weekday()]!.slice(0, 3),
      A: DAYS[this.weekday()]!,
      b: MONTHS[d.getUTCMonth()]!.slice(0, 3),
      B: MONTHS[d.getUTCMonth()]!,
      w: String(d.getUTCDay()),
      z: '',
      Z: '',
      '%': '%',
    };
    return format.replace(/%([A-Za-z%])/g, (m, code: string) => {
      const value = codes[code];
      if (value === undefined) throw new Error(`strftime: unsupported directive ${m}`);
      return value;
    });
  }
  replace(...args: unknown[]): PyDate {
    const { kwargs } = splitKwargs(args);
    const d = new Date(this.utc);
    if (kwargs.year !== undefined) d.setUTCFullYear(Number(kwargs.year));
    if (kwargs.month !== undefined) d.setUTCMonth(Number(kwargs.month) - 1);
    if (kwargs.day !== undefined) d.setUTCDate(Number(kwargs.day));
    if (kwargs.hour !== undefined) d.setUTCHours(Number(kwargs.hour));
    if (kwargs.minute !== undefined) d.setUTCMinutes(Number(kwargs.minute));
    if (kwargs.second !== undefined) d.setUTCSeconds(Number(kwargs.second));
    if (kwargs.microsecond !== undefined) d.setUTCMilliseconds(Math.floor(Number(kwargs.microsecond) / 1000));
    return this.make(d);
  }
  protected make(d: Date): PyDate {
    return new PyDate(d);
  }
  __add__(other: unknown): unknown {
    if (other instanceof PyTimedelta) return this.make(new Date(this.utc.getTime() + other.ms));
    throw new TypeError('unsupported operand for date +');
  }
  __sub__(other: unknown): unknown {
    if (other instanceof PyTimedelta) return this.make(new Date(this.utc.getTime() - other.ms));
    if (other instanceof PyDate) return new PyTimedelta(this.utc.getTime() - other.utc.getTime());
    throw new TypeError('unsupported operand for date -');
  }
  [Symbol.toPrimitive](hint: string): string | number {
    return hint === 'number' ? this.utc.getTime() : this.toString();
  }
  toString(): string {
    return this.isoformat();
  }
}

/** A date and time of day. */
export class PyDatetime extends PyDate {
  get hour(): number {
    return this.utc.getUTCHours();
  }
  get minute(): number {
    return this.utc.getUTCMinutes();
  }
  get second(): number {
    return this.utc.getUTCSeconds();
  }
  get microsecond(): number {
    return this.utc.getUTCMilliseconds() * 1000;
  }
  date(): PyDate {
    return new PyDate(new Date(Date.UTC(this.year, this.month - 1, this.day)));
  }
  timestamp(): number {
    return this.utc.getTime() / 1000;
  }
  override isoformat(sep = 'T'): string {
    const micro = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    return `${super.isoformat()}${sep}${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${micro}`;
  }
  protected override make(d: Date): PyDatetime {
    return new PyDatetime(d);
  }
  override toString(): string {
    return this.isoformat(' ');
  }
}

const STRPTIME: Record<string, string> = { Y: '(\\d{4})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})', f: '(\\d{1,6})', y: '(\\d{2})', '%': '%' };

function strptime(text: string, format: string): PyDatetime {
  const fields: string[] = [];
  const pattern = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([A-Za-z%])/g, (m, code: string) => {
    const re = STRPTIME[code];
    if (!re) throw new Error(`strptime: unsupported directive ${m}`);
    if (code !== '%') fields.push(code);
    return re;
  });
  const match = new RegExp(`^${pattern}$`).exec(String(text));
  if (!match) throw new Error(`time data '${text}' does not match format '${format}'`);
  const v: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  fields.forEach((code, i) => (v[code] = code === 'f' ? Number(match[i + 1]!.padEnd(6, '0')) : Number(match[i + 1])));
  if (fields.includes('y')) v.Y = v.y! + (v.y! < 69 ? 2000 : 1900);
  return new PyDatetime(new Date(Date.UTC(v.Y!, v.m! - 1, v.d!, v.H!, v.M!, v.S!, Math.floor(v.f! / 1000))));
}

/** The current wall-clock time of this machine, as a naive datetime. */
function localNow(): PyDatetime {
  const now = new Date();
  return new PyDatetime(new Date(now.getTime() - now.getTimezoneOffset() * 60_000));
}

type Callable = ((...args: never[]) => unknown) & Record<string, unknown>;

const datetimeFactory = Object.assign((year: number, month: number, day: number, hour = 0, minute = 0, second = 0, micro = 0) => new PyDatetime(new Date(Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(micro / 1000)))), {
  now: () => localNow(),
  utcnow: () => new PyDatetime(new Date()),
  today: () => localNow(),
  strptime: (text: string, format: string) => strptime(text, format),
  fromisoformat: (text: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(String(text));
    if (!m) throw new Error(`Invalid isoformat string: '${text}'`);
    return new PyDatetime(new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.floor(+(m[7] ?? '0').padEnd(6, '0') / 1000))));
  },
}) as unknown as Callable;

const dateFactory = Object.assign((year: number, month: number, day: number) => new PyDate(new Date(Date.UTC(year, month - 1, day))), {
  today: () => localNow().date(),
  fromisoformat: (text: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    if (!m) throw new Error(`Invalid isoformat string: '${text}'`);
    return new PyDate(new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)));
  },
}) as unknown as Callable;

const timedeltaFactory = ((...args: unknown[]) => {
  const { positional, kwargs } = splitKwargs(args);
  const n = (key: string, index: number): number => Number(kwargs[key] ?? positional[index] ?? 0);
  return new PyTimedelta(n('days', 0) * MS_PER_DAY + n('seconds', 1) * 1000 + n('microseconds', 2) / 1000 + n('milliseconds', 3) + n('minutes', 4) * 60_000 + n('hours', 5) * 3_600_000 + n('weeks', 6) * 7 * MS_PER_DAY);
}) as unknown as Callable;

/** `modules.datetime`: the module object templates see. */
export const datetimeModule = { datetime: datetimeFactory, date: dateFactory, timedelta: timedeltaFactory };

/** The moment a run started, as dbt's `run_started_at` (UTC). */
export function runStartedAt(at: Date): PyDatetime {
  return new PyDatetime(at);
}
