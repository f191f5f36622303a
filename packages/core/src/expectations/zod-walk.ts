import type { StrataColumnMeta } from '../config/define-schemas.js';
import type { LogicalType } from '../adapter/dialect.js';

/** What one zod field says about a column, read off its definition chain. */
export interface ZodColumnFacts {
  nullable: boolean;
  meta: StrataColumnMeta & Record<string, unknown>;
  type?: LogicalType;
  enumValues?: Array<string | number | boolean>;
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
  minLength?: number;
  maxLength?: number;
  /** Every regular expression the value must match (`.regex()`, `.email()`, `.startsWith()`, …). */
  patterns: Array<{ source: string; flags: string; format: string }>;
}

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; in?: ZodLike; checks?: Array<{ _zod: { def: Record<string, unknown> } }>; [k: string]: unknown } };
  meta?: () => Record<string, unknown> | undefined;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);
const FORMAT_TYPES: Record<string, LogicalType> = { datetime: 'timestamp', date: 'date' };
/** Bounds implied by zod's fixed-width number formats (`z.int32()`); `safeint` is what BIGINT holds anyway. */
const NUMBER_FORMAT_BOUNDS: Record<string, [number, number]> = { int32: [-2147483648, 2147483647], uint32: [0, 4294967295] };

/**
 * Walks a zod field's definition (`_zod.def`), through every wrapper (`.optional()`,
 * `.nullable()`, `.default()` each add a node), collecting metadata at every level and the
 * constraints of the innermost type. `z.toJSONSchema` would lose dates and refinements.
 */
export function readZodColumn(field: unknown): ZodColumnFacts {
  const facts: ZodColumnFacts = { nullable: false, meta: {}, patterns: [] };
  let node = field as ZodLike | undefined;
  const metas: Array<Record<string, unknown>> = [];
  while (node) {
    const def = node._zod.def;
    const meta = typeof node.meta === 'function' ? node.meta() : undefined;
    if (meta) metas.push(meta);
    if (def.type === 'optional' || def.type === 'nullable') facts.nullable = true;
    if (WRAPPERS.has(def.type)) {
      node = def.innerType;
      continue;
    }
    if (def.type === 'pipe') {
      node = def.in;
      continue;
    }
    readBaseType(node, facts);
    break;
  }
  // Outer metadata wins over inner, as in zod's own `.meta()` semantics.
  for (const meta of metas.reverse()) Object.assign(facts.meta, meta);
  return facts;
}

/** Reads a `string_format` or `number_format` check (also found as the def of `z.email()`, `z.int32()`). */
function readFormat(c: Record<string, unknown>, facts: ZodColumnFacts): void {
  const format = String(c.format);
  if (c.check === 'number_format') {
    if (format.includes('int')) facts.type = 'bigint';
    const bounds = NUMBER_FORMAT_BOUNDS[format];
    if (bounds) {
      facts.min ??= { value: bounds[0], inclusive: true };
      facts.max ??= { value: bounds[1], inclusive: true };
    }
    return;
  }
  if (FORMAT_TYPES[format]) {
    // ISO dates and datetimes are typed columns in the warehouse, not strings to match.
    facts.type = FORMAT_TYPES[format];
    return;
  }
  if (c.pattern instanceof RegExp) facts.patterns.push({ source: c.pattern.source, flags: c.pattern.flags, format });
}

function readBaseType(node: ZodLike, facts: ZodColumnFacts): void {
  const def = node._zod.def;
  switch (def.type) {
    case 'string':
      facts.type = 'string';
      break;
    case 'number':
      facts.type = 'float';
      break;
    case 'bigint':
      facts.type = 'bigint';
      break;
    case 'boolean':
      facts.type = 'boolean';
      break;
    case 'date':
      facts.type = 'timestamp';
      break;
    case 'enum':
      facts.type = 'string';
      facts.enumValues = Object.values(def.entries as Record<string, string | number>);
      break;
    case 'literal':
      facts.enumValues = def.values as Array<string | number | boolean>;
      facts.type = typeof facts.enumValues[0] === 'number' ? 'float' : typeof facts.enumValues[0] === 'boolean' ? 'boolean' : 'string';
      break;
  }
  // `z.email()`, `z.iso.date()`, `z.int32()` carry their format on the def itself.
  if (typeof def.check === 'string') readFormat(def, facts);
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    switch (c.check) {
      case 'min_length':
        facts.minLength = c.minimum as number;
        break;
      case 'max_length':
        facts.maxLength = c.maximum as number;
        break;
      case 'length_equals':
        facts.minLength = facts.maxLength = c.length as number;
        break;
      case 'greater_than':
        facts.min = { value: Number(c.value), inclusive: Boolean(c.inclusive) };
        break;
      case 'less_than':
        facts.max = { value: Number(c.value), inclusive: Boolean(c.inclusive) };
        break;
      case 'number_format':
      case 'string_format':
        readFormat(c, facts);
        break;
    }
  }
}
