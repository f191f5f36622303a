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
  pattern?: { source: string; format: string };
}

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; in?: ZodLike; checks?: Array<{ _zod: { def: Record<string, unknown> } }>; [k: string]: unknown } };
  meta?: () => Record<string, unknown> | undefined;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);
const FORMAT_TYPES: Record<string, LogicalType> = { datetime: 'timestamp', date: 'date' };

/**
 * Walks a zod field's definition (`_zod.def`), through every wrapper (`.optional()`,
 * `.nullable()`, `.default()` each add a node), collecting metadata at every level and the
 * constraints of the innermost type. `z.toJSONSchema` would lose dates and refinements.
 */
export function readZodColumn(field: unknown): ZodColumnFacts {
  const facts: ZodColumnFacts = { nullable: false, meta: {} };
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

function readBaseType(node: ZodLike, facts: ZodColumnFacts): void {
  const def = node._zod.def;
  switch (def.type) {
    case 'string':
      facts.type = FORMAT_TYPES[String(def.format)] ?? 'string';
      if (def.format && def.format !== 'regex' && def.pattern instanceof RegExp && !FORMAT_TYPES[String(def.format)]) {
        facts.pattern = { source: def.pattern.source, format: String(def.format) };
      }
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
        if (String(c.format).includes('int')) facts.type = 'bigint';
        break;
      case 'string_format':
        if (c.pattern instanceof RegExp) facts.pattern = { source: c.pattern.source, format: String(c.format) };
        if (FORMAT_TYPES[String(c.format)]) {
          facts.type = FORMAT_TYPES[String(c.format)];
          facts.pattern = undefined;
        }
        break;
    }
  }
}
