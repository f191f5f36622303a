import type { CheckSpec, ModelSchema } from '../config/define-schemas.js';
import type { ColumnSpec } from '../parse/manifest.js';
import type { CheckDefinition, CheckOptions } from './check-definition.js';
import { readZodColumn } from './zod-walk.js';

/** A check found in a schema, named the way dbt names its tests. */
export interface CollectedCheck {
  name: string;
  check: CheckDefinition;
  options: CheckOptions;
}

const BUILT_IN_TABLE_CHECKS = new Set(['expression_is_true', 'unique_combination', 'row_count_between']);

function optionsOf(spec: { severity?: 'error' | 'warn'; mostly?: number; where?: string } | undefined): CheckOptions {
  return { severity: spec?.severity ?? 'error', mostly: spec?.mostly ?? 1, where: spec?.where };
}

/** Turns `'name'` or `{ name, ...args }` into a check on `column` (or the whole relation). */
function fromSpec(spec: string | CheckSpec, relationName: string, column?: string): CollectedCheck {
  const s: CheckSpec = typeof spec === 'string' ? { name: spec } : spec;
  const { name, severity, mostly, where, alias, ...args } = s;
  const suffix = column ? `${relationName}_${column}` : relationName;
  let check: CheckDefinition;
  if (name === 'expression_is_true') check = { kind: 'expression_is_true', expression: String(args.expression) };
  else if (name === 'unique_combination') check = { kind: 'unique_combination', columns: args.columns as string[] };
  else if (name === 'row_count_between') check = { kind: 'row_count_between', min: args.min as number | undefined, max: args.max as number | undefined };
  else check = { kind: 'generic', macro: name, column, args };
  const testName = alias ?? (BUILT_IN_TABLE_CHECKS.has(name) ? `${name}_${suffix}_${shortHash(JSON.stringify(args))}` : `${name}_${suffix}`);
  return { name: testName, check, options: optionsOf({ severity, mostly, where }) };
}

function shortHash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16).slice(0, 6);
}

/**
 * The columns and checks a zod schema declares for one relation.
 *
 * @example collectChecks('dim_customers', { columns: z.object({ customer_id: z.string().meta({ unique: true }) }) })
 *   // checks: not_null_dim_customers_customer_id, unique_dim_customers_customer_id
 */
export function collectChecks(relationName: string, schema: ModelSchema | undefined): { columns: ColumnSpec[]; checks: CollectedCheck[] } {
  const columns: ColumnSpec[] = [];
  const checks: CollectedCheck[] = [];
  if (!schema) return { columns, checks };
  const shape = (schema.columns?.shape ?? {}) as Record<string, unknown>;
  for (const [column, field] of Object.entries(shape)) {
    const facts = readZodColumn(field);
    const meta = facts.meta;
    const options = optionsOf(meta);
    columns.push({ name: column, description: meta.description, type: facts.type, nullable: facts.nullable, pii: meta.pii });
    const add = (kind: string, check: CheckDefinition): void => {
      checks.push({ name: `${kind}_${relationName}_${column}`, check, options });
    };
    if (!facts.nullable) add('not_null', { kind: 'not_null', column });
    if (meta.unique) add('unique', { kind: 'unique', column });
    if (facts.enumValues) add('accepted_values', { kind: 'accepted_values', column, values: facts.enumValues });
    if (facts.min || facts.max) {
      add('between', {
        kind: 'between',
        column,
        min: facts.min?.value,
        max: facts.max?.value,
        minInclusive: facts.min?.inclusive ?? true,
        maxInclusive: facts.max?.inclusive ?? true,
      });
    }
    if (facts.minLength !== undefined || facts.maxLength !== undefined) {
      add('length_between', { kind: 'length_between', column, min: facts.minLength, max: facts.maxLength });
    }
    if (facts.pattern) add('matches_pattern', { kind: 'matches_pattern', column, pattern: facts.pattern.source, format: facts.pattern.format });
    if (meta.references) {
      const to = meta.references;
      checks.push({ name: `relationships_${relationName}_${column}__${to.model}_${to.column}`, check: { kind: 'relationships', column, to }, options });
    }
    for (const spec of meta.tests ?? []) checks.push(fromSpec(spec, relationName, column));
  }
  for (const spec of schema.tests ?? []) checks.push(fromSpec(spec, relationName));
  return { columns, checks };
}
