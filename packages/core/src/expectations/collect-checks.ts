import type { CommonCheckOptions } from '../config/check-specs.js';
import type { CheckSpec, ModelSchema } from '../config/define-schemas.js';
import { ParseError } from '../errors/strata-error.js';
import type { ColumnSpec } from '../parse/manifest.js';
import { AGGREGATE_NAMES, buildCheck, CheckArgsError, TABLE_CHECK_NAMES } from './build-check.js';
import type { CheckDefinition, CheckOptions } from './check-definition.js';
import { parseThreshold } from './thresholds.js';
import { readZodColumn } from './zod-walk.js';

/** A check found in a schema, named the way dbt names its tests. */
export interface CollectedCheck {
  name: string;
  check: CheckDefinition;
  options: CheckOptions;
}

/** What a relation's schema declares: its columns, its checks, and every mistake found. */
export interface CollectedSchema {
  columns: ColumnSpec[];
  checks: CollectedCheck[];
  errors: ParseError[];
}

const OPTION_KEYS = ['severity', 'mostly', 'where', 'warn_if', 'error_if'] as const;

/** `expect` keys → built-in check names. */
const EXPECT_NAMES: Record<string, string> = {
  not_in: 'not_accepted_values',
  increasing: 'increasing',
  decreasing: 'decreasing',
  recent: 'recent_data',
  z_score: 'z_score',
  distinct_values_in: 'distinct_values_in_set',
  distinct_values_equal: 'distinct_values_equal_set',
  ...Object.fromEntries(Object.entries(AGGREGATE_NAMES).map(([name, stat]) => [stat, name])),
};
/** `expect` keys that only tune the checks zod's constraints imply. */
const IMPLIED = new Set(['not_null', 'accepted_values', 'between', 'length', 'pattern']);
const IMPLIED_BY: Record<string, string> = {
  not_null: 'a field that is not .nullable() or .optional()',
  accepted_values: 'z.enum() or z.literal()',
  between: '.min(), .max(), .positive() …',
  length: 'string .min(), .max(), .length()',
  pattern: '.regex(), .email(), .uuid() …',
};

function shortHash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16).slice(0, 6);
}

/** Splits a spec into its common options and its own arguments. */
function splitSpec(spec: Record<string, unknown>): { options: CommonCheckOptions; args: Record<string, unknown> } {
  const options: Record<string, unknown> = {};
  const args: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(spec)) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) options[key] = v;
    else args[key] = v;
  }
  return { options: options as CommonCheckOptions, args };
}

/** Options of one check: the spec's own over the column's defaults, validated. */
function resolveOptions(base: CommonCheckOptions, own: CommonCheckOptions = {}): CheckOptions {
  const merged = { ...base, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) } as CommonCheckOptions;
  const severity = merged.severity ?? 'error';
  if (severity !== 'error' && severity !== 'warn') throw new CheckArgsError(`severity must be 'error' or 'warn', not '${String(severity)}'`);
  const mostly = merged.mostly ?? 1;
  if (typeof mostly !== 'number' || !(mostly >= 0 && mostly <= 1)) throw new CheckArgsError(`mostly must be a fraction between 0 and 1, not ${String(mostly)}`);
  if (merged.where !== undefined && (typeof merged.where !== 'string' || merged.where.trim() === '')) throw new CheckArgsError('where must be a SQL condition');
  if (merged.warn_if !== undefined) parseThreshold(merged.warn_if);
  if (merged.error_if !== undefined) parseThreshold(merged.error_if);
  return { severity, mostly, where: merged.where, warnIf: merged.warn_if, errorIf: merged.error_if };
}

/**
 * The columns and checks a zod schema declares for one relation: the checks zod's own
 * constraints imply, the `.meta()` extras, and the relation's `tests`. Problems are collected,
 * not thrown, so one parse reports them all.
 *
 * @example collectChecks('dim_customers', { columns: z.object({ customer_id: z.string().meta({ unique: true }) }) })
 *   // checks: not_null_dim_customers_customer_id, unique_dim_customers_customer_id
 */
export function collectChecks(relationName: string, schema: ModelSchema | undefined, file?: string): CollectedSchema {
  const out: CollectedSchema = { columns: [], checks: [], errors: [] };
  if (!schema) return out;
  const early = collectedEarly.get(schema);
  if (early) {
    const found = early.byName.get(relationName);
    // Never read a schema whose zod columns were dropped as if it had none.
    if (!found) throw new Error(`internal: the checks of '${relationName}' were not collected when ${file ?? 'its schema file'} was loaded`);
    return found;
  }
  const names = new Set<string>();
  const attempt = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof CheckArgsError)) throw error;
      out.errors.push(new ParseError('E_CHECK_ARGS', `${what} of '${relationName}': ${error.message}`, { file, hint: 'see the built-in checks in the @strata/core README (expectations)' }));
    }
  };
  const push = (name: string, check: CheckDefinition, options: CheckOptions): void => {
    if (names.has(name)) throw new CheckArgsError(`two checks are named '${name}'; give one of them a name (\`name\` under expect, \`alias\` in tests)`);
    names.add(name);
    out.checks.push({ name, check, options });
  };
  /** A spec from a `tests` list (column or relation level). */
  const fromSpec = (spec: string | CheckSpec, defaults: CommonCheckOptions, column?: string): void => {
    const s = typeof spec === 'string' ? { name: spec } : spec;
    const { name, alias, ...rest } = s;
    const { options, args } = splitSpec(rest);
    const check = buildCheck(name, args, column);
    const suffix = column ? `${relationName}_${column}` : relationName;
    const auto = TABLE_CHECK_NAMES.has(name) ? `${name}_${suffix}_${shortHash(JSON.stringify(args))}` : `${name}_${suffix}`;
    push(alias ?? auto, check, resolveOptions(defaults, options));
  };

  const shape = (schema.columns?.shape ?? {}) as Record<string, unknown>;
  for (const [column, field] of Object.entries(shape)) {
    const facts = readZodColumn(field);
    const meta = facts.meta;
    out.columns.push({ name: column, description: meta.description, type: facts.type, nullable: facts.nullable, pii: meta.pii });
    const { options: defaults } = splitSpec(meta as Record<string, unknown>);
    const expect = (meta.expect ?? {}) as Record<string, unknown>;
    const tuned = new Set<string>();
    const implied = (key: string, kind: string, check: CheckDefinition, suffix = ''): void => {
      tuned.add(key);
      attempt(`${kind} on column '${column}'`, () => {
        const own = (expect[key] ?? {}) as CommonCheckOptions & { name?: string };
        push(own.name ?? `${kind}_${relationName}_${column}${suffix}`, check, resolveOptions(defaults, own));
      });
    };
    if (!facts.nullable) implied('not_null', 'not_null', { kind: 'not_null', column });
    if (meta.unique) {
      attempt(`unique on column '${column}'`, () => push(`unique_${relationName}_${column}`, { kind: 'unique', column }, resolveOptions(defaults, typeof meta.unique === 'object' ? meta.unique : {})));
    }
    if (facts.enumValues) implied('accepted_values', 'accepted_values', { kind: 'accepted_values', column, values: facts.enumValues });
    if (facts.min || facts.max) {
      implied('between', 'between', { kind: 'between', column, min: facts.min?.value, max: facts.max?.value, minInclusive: facts.min?.inclusive ?? true, maxInclusive: facts.max?.inclusive ?? true });
    }
    if (facts.minLength !== undefined || facts.maxLength !== undefined) implied('length', 'length_between', { kind: 'length_between', column, min: facts.minLength, max: facts.maxLength });
    facts.patterns.forEach((p, i) => implied('pattern', 'matches_pattern', { kind: 'matches_pattern', column, pattern: p.source, flags: p.flags, format: p.format }, i === 0 ? '' : `_${i + 1}`));
    if (meta.references) {
      const { model, column: to, project, ...own } = meta.references;
      attempt(`references on column '${column}'`, () => push(`relationships_${relationName}_${column}__${model}_${to}`, { kind: 'relationships', column, to: { model, column: to, project } }, resolveOptions(defaults, splitSpec(own).options)));
    }
    for (const [key, entry] of Object.entries(expect)) {
      if (IMPLIED.has(key)) {
        if (!tuned.has(key)) attempt(`expect.${key} on column '${column}'`, () => {
          throw new CheckArgsError(`tunes the ${key} check that zod's own constraints imply, and this column has none (${IMPLIED_BY[key]})`);
        });
        continue;
      }
      const name = EXPECT_NAMES[key];
      attempt(`expect.${key} on column '${column}'`, () => {
        if (!name) throw new CheckArgsError(`unknown expectation '${key}'; known: ${[...IMPLIED, ...Object.keys(EXPECT_NAMES)].join(', ')}`);
        const spec = (Array.isArray(entry) ? { values: entry } : { ...(entry as object) }) as Record<string, unknown>;
        const { name: custom, ...rest } = spec;
        const { options, args } = splitSpec(rest);
        push((custom as string | undefined) ?? `${name}_${relationName}_${column}`, buildCheck(name, args, column), resolveOptions(defaults, options));
      });
    }
    for (const spec of meta.tests ?? []) attempt(`test '${typeof spec === 'string' ? spec : spec.name}' on column '${column}'`, () => fromSpec(spec, defaults, column));
  }
  for (const spec of schema.tests ?? []) attempt(`test '${typeof spec === 'string' ? spec : spec.name}'`, () => fromSpec(spec as CheckSpec, {}));
  return out;
}

/** Checks collected when a schema file was loaded, by light schema entry and relation name. */
const collectedEarly = new WeakMap<object, { declaredColumns: boolean; byName: Map<string, CollectedSchema> }>();

/** True when a schema entry declares its columns (a zod object), even once they were let go. */
export function declaresColumns(schema: ModelSchema | undefined): boolean {
  return Boolean(schema?.columns) || Boolean(schema && collectedEarly.get(schema)?.declaredColumns);
}

/**
 * The schema entry without its zod `columns`, with its checks collected now for each name it can
 * be parsed under (a source table's schema also serves the seed of the same name). Why: zod
 * objects are heavy (~15 KB a model), and keeping them until every schema file of a 50,000-model
 * project is loaded would hold gigabytes; `collectChecks` then returns what was collected here.
 */
export function withChecksCollected<T extends ModelSchema>(schema: T, relationNames: string[], file: string): T {
  if (!schema || typeof schema !== 'object' || !('columns' in schema)) return schema;
  const collected = new Map(relationNames.map((name) => [name, collectChecks(name, schema, file)]));
  const light = { ...schema, columns: undefined };
  collectedEarly.set(light, { declaredColumns: Boolean(schema.columns), byName: collected });
  return light;
}
