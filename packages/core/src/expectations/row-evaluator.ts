import type { LogicalType } from '../adapter/dialect.js';
import type { CheckDefinition, CheckValue } from './check-definition.js';

/**
 * Evaluates a schema's row-local checks on values in Node, outside any warehouse: used to
 * validate seed files line by line and the given rows of unit tests. Mirrors what the SQL
 * predicates of `row-predicates.ts` test, with JavaScript regular expressions (zod's own).
 */

/** Checks that look at one value of one row, so they can be evaluated while reading a file. */
export const ROW_LOCAL_CHECKS: ReadonlySet<CheckDefinition['kind']> = new Set(['not_null', 'accepted_values', 'not_accepted_values', 'between', 'length_between', 'matches_pattern']);

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i;
const BOOLEAN = /^(true|false|t|f|1|0|yes|no|y|n)$/i;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/;

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return m >= 1 && m <= 12 && d >= 1 && d <= days;
}

/** Why a CSV field cannot be read as its column's type. */
export class FieldProblem {
  constructor(readonly message: string) {}
}

/**
 * Reads a CSV field as the column's logical type: the typed value, or a FieldProblem when the
 * text cannot be one (allocated only then: seeds call this for every value). Empty fields are
 * null, as warehouses load them.
 * @example parseField('12x', 'integer') // FieldProblem("'12x' is not an integer")
 */
export function parseField(text: string, type: LogicalType | undefined): unknown {
  if (text === '') return null;
  switch (type) {
    case 'integer':
    case 'bigint': {
      const t = text.trim();
      return INTEGER.test(t) ? Number(t) : new FieldProblem(`'${text}' is not an integer`);
    }
    case 'float':
    case 'numeric': {
      const t = text.trim();
      return FLOAT.test(t) ? Number(t) : new FieldProblem(`'${text}' is not a number`);
    }
    case 'boolean': {
      const t = text.trim();
      return BOOLEAN.test(t) ? /^(true|t|1|yes|y)$/i.test(t) : new FieldProblem(`'${text}' is not a boolean`);
    }
    case 'date': {
      const m = DATE.exec(text.trim());
      return m && validDate(m[1]!, m[2]!, m[3]!) ? text : new FieldProblem(`'${text}' is not a date (YYYY-MM-DD)`);
    }
    case 'timestamp': {
      const m = TIMESTAMP.exec(text.trim());
      return m && validDate(m[1]!, m[2]!, m[3]!) ? text : new FieldProblem(`'${text}' is not a timestamp (YYYY-MM-DD HH:MM:SS)`);
    }
    default:
      return text;
  }
}

/** A problem when a JavaScript value (a unit test's given row) cannot be stored in a column of `type`. */
export function valueTypeProblem(value: unknown, type: LogicalType | undefined): string | undefined {
  if (value === null || value === undefined || type === undefined) return undefined;
  const show = JSON.stringify(value instanceof Date ? value.toISOString() : value);
  switch (type) {
    case 'integer':
    case 'bigint':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint' ? undefined : `${show} is not an integer`;
    case 'float':
    case 'numeric':
      return typeof value === 'number' ? undefined : `${show} is not a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${show} is not a boolean`;
    case 'date':
    case 'timestamp':
      if (value instanceof Date) return undefined;
      return typeof value === 'string' && !(parseField(value, type) instanceof FieldProblem) ? undefined : `${show} is not a ${type}`;
    case 'string':
      return typeof value === 'string' ? undefined : `${show} is not a string`;
  }
}

const PATTERNS = new WeakMap<object, RegExp>();

/** The check's regular expression, compiled once (seeds run it on every line). */
function compiled(check: Extract<CheckDefinition, { kind: 'matches_pattern' }>): RegExp {
  let re = PATTERNS.get(check);
  if (!re) {
    re = new RegExp(check.pattern, (check.flags ?? '').replace(/[gy]/g, ''));
    PATTERNS.set(check, re);
  }
  return re;
}

function same(a: unknown, b: CheckValue): boolean {
  if (typeof b === 'number') return Number(a) === b;
  if (typeof b === 'boolean') return a === b || String(a) === String(b);
  return String(a) === b;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * Why a value fails a row-local check, or undefined when it passes (nulls pass every check but
 * not_null, as in SQL).
 * @example checkValue({ kind: 'accepted_values', column: 's', values: ['a'] }, 'b') // "'b' is not one of 'a'"
 */
export function checkValue(check: CheckDefinition, value: unknown): string | undefined {
  if (check.kind === 'not_null') return value === null || value === undefined ? 'is null' : undefined;
  if (value === null || value === undefined) return undefined;
  switch (check.kind) {
    case 'accepted_values':
      return check.values.some((v) => same(value, v)) ? undefined : `${show(value)} is not one of ${check.values.map(show).join(', ')}`;
    case 'not_accepted_values':
      return check.values.some((v) => same(value, v)) ? `${show(value)} is a forbidden value` : undefined;
    case 'between': {
      const n = Number(value);
      const low = check.min !== undefined && (check.minInclusive === false ? n <= check.min : n < check.min);
      const high = check.max !== undefined && (check.maxInclusive === false ? n >= check.max : n > check.max);
      return low || high ? `${show(value)} is out of range ${check.minInclusive === false ? '(' : '['}${check.min ?? '-∞'}, ${check.max ?? '∞'}${check.maxInclusive === false ? ')' : ']'}` : undefined;
    }
    case 'length_between': {
      const length = [...String(value)].length;
      const ok = (check.min === undefined || length >= check.min) && (check.max === undefined || length <= check.max);
      return ok ? undefined : `${show(value)} has length ${length}, expected ${check.min ?? 0} to ${check.max ?? '∞'}`;
    }
    case 'matches_pattern':
      return compiled(check).test(String(value)) ? undefined : `${show(value)} does not match ${check.format && check.format !== 'regex' ? `the ${check.format} format` : `/${check.pattern}/${check.flags ?? ''}`}`;
    default:
      return undefined;
  }
}
