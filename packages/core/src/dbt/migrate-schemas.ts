import { dirname, posix } from 'node:path';
import { logicalType } from './dbt-columns.js';
import { columnsOf, testsOf } from './dbt-properties.js';
import { DbtParseEnv } from './dbt-parse-env.js';
import { readEntry } from './dbt-tests.js';
import type { DbtLoadedProject } from './load-dbt-project.js';

/**
 * `strata migrate`: a dbt project's properties files (YAML tests and column docs) as Strata
 * `schema.ts` files, one per model folder, in zod form: `not_null` is a non-nullable field,
 * `accepted_values` a `z.enum`, `unique`/`relationships` column metadata, other tests `tests:`
 * entries. What has no Strata equivalent is listed in `notes` and left as a comment.
 */

/** A file to write, relative to the project folder. */
export interface MigratedFile {
  path: string;
  text: string;
}

const ZOD_TYPES: Record<string, string> = { string: 'z.string()', integer: 'z.number().int()', bigint: 'z.number().int()', float: 'z.number()', numeric: 'z.number()', boolean: 'z.boolean()', timestamp: 'z.iso.datetime()', date: 'z.iso.date()' };
const OPTION_KEYS = ['severity', 'where', 'warn_if', 'error_if'];

/** A value as TypeScript source (single-quoted strings, unquoted identifier keys). */
export function literal(value: unknown, indent = ''): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(', ')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : literal(k));
  return `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, indent)}`).join(', ')} }`;
}

/** The options of a test (severity, where, thresholds) in Strata's names. */
function optionsOf(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(OPTION_KEYS.filter((k) => config[k] !== undefined).map((k) => [k, k === 'severity' ? String(config[k]).toLowerCase() : config[k]]));
}

/** Evaluates the Jinja of a `"{{ ... }}"` test argument. */
type Evaluate = (expression: string) => unknown;

/** A YAML test entry with its `"{{ ... }}"` arguments evaluated, as dbt renders them. */
function read(entry: unknown, evaluate: Evaluate): ReturnType<typeof readEntry> {
  const parsed = readEntry(entry);
  for (const [key, value] of Object.entries(parsed.args)) {
    const jinja = typeof value === 'string' ? /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(value) : null;
    if (jinja) parsed.args[key] = evaluate(jinja[1]!);
  }
  return parsed;
}

const REF = /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/;

/** One column's zod source, with its checks. */
function columnSource(relation: string, column: Record<string, unknown> & { name: string }, notes: string[], evaluate: Evaluate): string {
  let zod = ZOD_TYPES[logicalType(column.data_type) ?? ''] ?? 'z.unknown()';
  let nullable = true;
  const meta: Record<string, unknown> = {};
  const expect: Record<string, unknown> = {};
  const extra: unknown[] = [];
  const raw: string[] = [];
  if (typeof column.description === 'string' && column.description) meta.description = column.description;
  for (const entry of testsOf(column)) {
    const { testName, args, config } = read(entry, evaluate);
    const options = optionsOf(config);
    const tuned = Object.keys(options).length > 0;
    if (testName === 'not_null') {
      nullable = false;
      if (tuned) expect.not_null = options;
    } else if (testName === 'unique') meta.unique = tuned ? options : true;
    else if (testName === 'accepted_values' && Array.isArray(args.values) && args.quote !== false && (zod === 'z.unknown()' || zod === 'z.string()')) {
      zod = `z.enum(${literal(args.values.map(String))})`;
      if (tuned) expect.accepted_values = options;
    } else if (testName === 'relationships' && typeof args.to === 'string' && REF.test(args.to)) {
      raw.push(`references: ${tuned ? `{ ...ref(${literal(REF.exec(args.to)![1])}, ${literal(args.field)}), ${literal(options).slice(2, -2)} }` : `ref(${literal(REF.exec(args.to)![1])}, ${literal(args.field)})`}`);
    } else if (testName === 'dbt_utils.accepted_range') extra.push({ name: 'between', min: args.min_value, max: args.max_value, ...options });
    else if (!testName.includes('.') && !['accepted_values', 'relationships'].includes(testName)) extra.push(Object.keys(args).length + Object.keys(options).length === 0 ? testName : { name: testName, ...args, ...options });
    else notes.push(`${relation}.${column.name}: test ${testName} ${literal(args)} has no Strata equivalent; left as a comment`), raw.push(`// TODO(migrate): dbt test ${testName} ${JSON.stringify(args)}`);
  }
  if (Object.keys(expect).length > 0) meta.expect = expect;
  if (extra.length > 0) meta.tests = extra;
  const parts = [...Object.entries(meta).map(([k, v]) => `${k}: ${literal(v)}`), ...raw.filter((r) => !r.startsWith('//'))];
  const comments = raw.filter((r) => r.startsWith('//'));
  const field = `${zod}${nullable ? '.nullable()' : ''}${parts.length > 0 ? `.meta({ ${parts.join(', ')} })` : ''}`;
  return `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(column.name) ? column.name : literal(column.name)}: ${field},${comments.map((c) => ` ${c}`).join('')}`;
}

/** A relation's `tests: [...]` from its own (not column) tests. */
function relationTests(relation: string, data: Record<string, unknown>, notes: string[], evaluate: Evaluate): string[] {
  const out: string[] = [];
  for (const entry of testsOf(data)) {
    const { testName, args, config } = read(entry, evaluate);
    const options = optionsOf(config);
    const map: Record<string, () => Record<string, unknown> | undefined> = {
      'dbt_utils.expression_is_true': () => ({ name: 'expression_is_true', expression: args.expression }),
      'dbt_utils.unique_combination_of_columns': () => ({ name: 'unique_combination', columns: args.combination_of_columns }),
      'dbt_utils.equal_rowcount': () => (typeof args.compare_model === 'string' && REF.test(args.compare_model) ? { name: 'row_count_equal', to: REF.exec(args.compare_model)![1] } : undefined),
    };
    const mapped = map[testName]?.() ?? (testName.includes('.') ? undefined : { name: testName, ...args });
    if (mapped) out.push(literal({ ...mapped, ...options }));
    else notes.push(`${relation}: test ${testName} ${literal(args)} has no Strata equivalent`);
  }
  return out;
}

/** One relation's entry (`stg_orders: { description, columns: z.object({...}), tests }`). */
function relationSource(name: string, data: Record<string, unknown>, notes: string[], evaluate: Evaluate, indent: string, extra: Record<string, unknown> = {}): string {
  const lines: string[] = [];
  if (typeof data.description === 'string' && data.description) lines.push(`description: ${literal(data.description)},`);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) lines.push(`${k}: ${literal(v)},`);
  const columns = columnsOf(data);
  if (columns.length > 0) lines.push(`columns: z.object({\n${columns.map((c) => `${indent}    ${columnSource(name, c, notes, evaluate)}`).join('\n')}\n${indent}  }),`);
  const tests = relationTests(name, data, notes, evaluate);
  if (tests.length > 0) lines.push(`tests: [${tests.join(', ')}],`);
  if ((data.config as { contract?: { enforced?: boolean } } | undefined)?.contract?.enforced) lines.push('contract: true,');
  return `${indent}${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name)}: {\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}},`;
}

/**
 * The `schema.ts` files of a dbt project: models and sources grouped by the folder of the
 * model's SQL file (sources by the folder of their properties file).
 * @example migrateSchemas(await loadDbtProject('jaffle')).files[0].path // 'models/staging/schema.ts'
 */
export function migrateSchemas(loaded: DbtLoadedProject): { files: MigratedFile[]; notes: string[] } {
  const notes: string[] = [];
  const { profile } = loaded.dbt;
  const target = { ...profile.templateTargets[profile.defaultTarget], name: profile.defaultTarget, schema: String(profile.targets[profile.defaultTarget]?.schema ?? 'main') };
  const env = new DbtParseEnv(loaded.macros, loaded.root, target, loaded.dbt.project.vars);
  const evaluate: Evaluate = (expression) => env.evaluate(expression, loaded.configFile);
  const folders = new Map<string, { models: string[]; sources: Map<string, string[]> }>();
  const folder = (path: string) => {
    let entry = folders.get(path);
    if (!entry) folders.set(path, (entry = { models: [], sources: new Map() }));
    return entry;
  };
  const relative = (file: string) => posix.relative(loaded.root, file);
  for (const [name, entry] of loaded.dbt.properties.models) {
    const sql = loaded.models.find((m) => posix.basename(m.path, '.sql') === name);
    if (!sql) {
      notes.push(`${name}: no model file; skipped`);
      continue;
    }
    folder(dirname(sql.path)).models.push(relationSource(name, entry.data, notes, evaluate, '    '));
  }
  for (const entry of loaded.dbt.properties.sources) {
    const tables = (Array.isArray(entry.data.tables) ? entry.data.tables : []) as Array<Record<string, unknown>>;
    const target = folder(dirname(relative(entry.file))).sources;
    for (const table of tables) {
      if (table.identifier) notes.push(`source ${entry.name}.${String(table.name)}: identifier '${String(table.identifier)}' must become the table's name or a view in Strata`);
      const list = target.get(entry.name) ?? [];
      list.push(relationSource(String(table.name), table, notes, evaluate, '      ', { loadedAtField: table.loaded_at_field ?? entry.data.loaded_at_field }));
      target.set(entry.name, list);
    }
  }
  for (const [, entry] of loaded.dbt.properties.seeds) notes.push(`seed ${entry.name}: seed properties are not migrated (Strata types a seed from a schema listing every column)`);
  const files: MigratedFile[] = [];
  for (const [path, { models, sources }] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    const usesRef = models.some((m) => m.includes('ref(')) || [...sources.values()].flat().some((s) => s.includes('ref('));
    const blocks: string[] = [];
    if (sources.size > 0) blocks.push(`  sources: {\n${[...sources].map(([source, tables]) => `    ${source}: {\n${tables.join('\n')}\n    },`).join('\n')}\n  },`);
    if (models.length > 0) blocks.push(`  models: {\n${models.join('\n')}\n  },`);
    const text = `import { z } from 'zod';\nimport { defineSchemas${usesRef ? ', ref' : ''} } from '@strata/core';\n\n// Migrated from dbt properties files by \`strata migrate\`.\nexport default defineSchemas({\n${blocks.join('\n')}\n});\n`;
    files.push({ path: posix.join(path, 'schema.ts'), text });
  }
  return { files, notes };
}
