import { createHash } from 'node:crypto';
import type { CheckDefinition } from '../expectations/check-definition.js';
import { ParseError } from '../errors/strata-error.js';
import type { RefCall, SourceCall } from '../parse/extract-calls.js';
import { pyRepr } from '../compile/jinja/python-values.js';

/**
 * dbt's data tests declared in properties files (`tests:` / `data_tests:` of a model, seed,
 * source table or column), turned into Strata tests: `not_null`, `unique`, `accepted_values`
 * and `relationships` become expectation checks (one scan per relation); a project's
 * `{% test name(model, column_name) %}` becomes a generic test; a few dbt_utils tests map onto
 * built-in checks. Names follow dbt (`unique_orders_order_id`, `source_not_null_raw_orders_id`,
 * `accepted_values_orders_status__placed__shipped`).
 */

/** What a test is attached to. */
export interface TestTarget {
  kind: 'model' | 'seed' | 'snapshot' | 'source';
  /** Model/seed name, or `<source>_<table>` for a source table (dbt's naming). */
  name: string;
  column?: string;
}

/** One test from YAML, ready to become a TestNode. */
export interface DbtTestSpec {
  /** dbt's node name: the full synthesized name (or the test's own `name:`). */
  name: string;
  /** dbt's short name (under 64 characters), used for the audit table and compiled file. */
  alias: string;
  testName: string;
  check?: CheckDefinition;
  /** SQL of failing rows (Jinja), for tests whose failure count must match dbt's exactly. */
  rawSql?: string;
  config: Record<string, unknown>;
  refs: RefCall[];
  sources: SourceCall[];
}

/** Test settings that may sit beside the arguments (dbt's older form) rather than under `config:`. */
const CONFIG_KEYS = new Set(['severity', 'tags', 'enabled', 'where', 'limit', 'warn_if', 'error_if', 'store_failures', 'store_failures_as', 'meta', 'fail_calc', 'database', 'schema', 'alias']);

const REF_ARG = /^\s*ref\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?\)\s*$/;
const SOURCE_ARG = /^\s*source\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)\s*$/;

/** Python's `str()` of a test argument, as dbt uses it in test names. */
const pyStr = (value: unknown): string => (typeof value === 'string' ? value : pyRepr(value));

/**
 * dbt's names for a generic test (`synthesize_generic_test_names`): the test, the model and the
 * argument values; the short name (`alias`) of a name of 64 characters or more is cut to 30 and
 * gets an md5.
 */
export function dbtTestName(testType: string, target: string, args: Record<string, unknown>): { name: string; alias: string } {
  const flat: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'model') continue;
    const value = args[key];
    const parts = value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : Array.isArray(value) ? value : [value];
    flat.push(...parts.map(pyStr));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${target}`;
  const full = `${identifier}_${unique}`;
  return { name: full, alias: full.length >= 64 ? `${identifier.slice(0, 30)}_${createHash('md5').update(full).digest('hex')}` : full };
}

/** Splits one YAML test entry into its name, arguments, config and custom name (`strata migrate` reads them too). */
export function readEntry(entry: unknown): { testName: string; args: Record<string, unknown>; config: Record<string, unknown>; alias?: string } {
  if (typeof entry === 'string') return { testName: entry, args: {}, config: {} };
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new Error(`a test must be a name or a mapping, not ${JSON.stringify(entry)}`);
  const record = entry as Record<string, unknown>;
  let testName: string;
  let body: Record<string, unknown>;
  if (typeof record.test_name === 'string') {
    testName = record.test_name;
    body = { ...record };
    delete body.test_name;
  } else {
    const keys = Object.keys(record);
    if (keys.length !== 1) throw new Error(`a test mapping has one key, the test's name (got ${keys.join(', ')})`);
    testName = keys[0]!;
    body = { ...((record[testName] as Record<string, unknown> | null) ?? {}) };
  }
  const config: Record<string, unknown> = { ...((body.config as Record<string, unknown> | undefined) ?? {}) };
  delete body.config;
  const alias = typeof body.name === 'string' ? body.name : undefined;
  delete body.name;
  // dbt 1.10 nests arguments under `arguments:`.
  const args: Record<string, unknown> = { ...((body.arguments as Record<string, unknown> | undefined) ?? {}) };
  delete body.arguments;
  for (const [key, value] of Object.entries(body)) {
    if (CONFIG_KEYS.has(key)) config[key] ??= value;
    else args[key] = value;
  }
  return { testName, args, config, alias };
}

/** A `ref('x')` / `source('a','b')` written as a test argument, as a dependency. */
function dependencyOf(value: unknown, line: number): { ref?: RefCall; source?: SourceCall } {
  if (typeof value !== 'string') return {};
  const ref = REF_ARG.exec(value);
  if (ref) return { ref: ref[4] ? { project: ref[2], name: ref[4], line } : { name: ref[2]!, line } };
  const source = SOURCE_ARG.exec(value);
  if (source) return { source: { source: source[2]!, table: source[4]!, line } };
  return {};
}

const sqlValue = (value: unknown): string | number | boolean => (typeof value === 'number' || typeof value === 'boolean' ? value : String(value));

/** dbt's own SQL of `unique` / `accepted_values` (the failure count is grouped), for tests with thresholds. */
function groupedSql(testName: string, relation: string, column: string, args: Record<string, unknown>, where: string | undefined): string {
  const from = where ? `(select * from ${relation} where ${where}) dbt_subquery` : relation;
  if (testName === 'unique') return `select ${column} as unique_field, count(*) as n_records from ${from} where ${column} is not null group by ${column} having count(*) > 1`;
  const quote = args.quote !== false;
  const values = (args.values as unknown[]).map((v) => (quote ? `'${String(v).replace(/'/g, "''")}'` : String(v))).join(', ');
  return `with all_values as (select ${column} as value_field, count(*) as n_records from ${from} group by ${column}) select * from all_values where value_field not in (${values})`;
}

/**
 * Builds one test from a YAML entry. `relationSql` is the Jinja that names the tested relation
 * (`{{ ref('orders') }}`); `macros` are the project's macro names (`test_<name>` for generic tests).
 */
export function buildDbtTest(entry: unknown, target: TestTarget, relationJinja: string, macros: Set<string>, where: { file: string; line: number; evaluate?: (expression: string) => unknown }): DbtTestSpec {
  let read: ReturnType<typeof readEntry>;
  try {
    read = readEntry(entry);
  } catch (error) {
    throw new ParseError('E_DBT_TEST', `a test of ${target.name}${target.column ? `.${target.column}` : ''}: ${(error as Error).message}`, { file: where.file, line: where.line });
  }
  const { testName, config, alias } = read;
  // `values: "{{ var('statuses') }}"`: Jinja in an argument is evaluated (to a native value).
  const args = Object.fromEntries(Object.entries(read.args).map(([k, v]) => {
    const jinja = typeof v === 'string' ? /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(v) : null;
    return [k, jinja && where.evaluate ? where.evaluate(jinja[1]!) : v];
  }));
  const column = target.column;
  const refs: RefCall[] = [];
  const sources: SourceCall[] = [];
  const namingArgs = column === undefined ? { ...args } : { column_name: column, ...args };
  if (column !== undefined && args.column_name !== undefined) namingArgs.column_name = args.column_name;
  const [namespace, bare] = testName.includes('.') ? (testName.split('.', 2) as [string, string]) : [undefined, testName];
  const type = (target.kind === 'source' ? 'source_' : '') + (namespace ? `${namespace}_${bare}` : bare);
  const synthesized = dbtTestName(type, target.name, namingArgs);
  const name = alias ?? synthesized.name;
  const shortName = alias ?? synthesized.alias;
  const fail = (message: string): never => {
    throw new ParseError('E_DBT_TEST', `test '${testName}' on ${target.name}${column ? `.${column}` : ''}: ${message}`, { file: where.file, line: where.line });
  };
  const needColumn = (): string => column ?? (args.column_name as string | undefined) ?? fail('needs a column (declare it under a column, or pass column_name)');
  const spec = (check: CheckDefinition | undefined, rawSql?: string): DbtTestSpec => ({ name, alias: shortName, testName, check, rawSql, config, refs, sources });
  const thresholds = config.warn_if !== undefined || config.error_if !== undefined;

  if (!namespace || namespace === 'dbt') {
    switch (bare) {
      case 'not_null':
        return spec({ kind: 'not_null', column: needColumn() });
      case 'unique':
        return thresholds ? spec(undefined, groupedSql('unique', relationJinja, needColumn(), args, config.where as string | undefined)) : spec({ kind: 'unique', column: needColumn() });
      case 'accepted_values': {
        const values = args.values;
        if (!Array.isArray(values) || values.length === 0) return fail('needs a non-empty list of values');
        const quote = args.quote !== false;
        const plain = quote || values.every((v) => typeof v === 'number' || typeof v === 'boolean' || /^-?\d+(\.\d+)?$|^(true|false)$/i.test(String(v)));
        if (thresholds || !plain) return spec(undefined, groupedSql('accepted_values', relationJinja, needColumn(), args, config.where as string | undefined));
        const typed = values.map((v) => (quote ? String(v) : typeof v === 'string' ? (/^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : Number(v)) : sqlValue(v)));
        return spec({ kind: 'accepted_values', column: needColumn(), values: typed });
      }
      case 'relationships': {
        const dep = dependencyOf(args.to, where.line);
        const field = args.field;
        if ((!dep.ref && !dep.source) || typeof field !== 'string') return fail("needs to: ref('model') (or source('src', 'table')) and field: column");
        if (dep.ref) refs.push(dep.ref);
        if (dep.source) sources.push(dep.source);
        const model = dep.ref ? dep.ref.name : dep.source!.table;
        return spec({ kind: 'relationships', column: needColumn(), to: { model, column: field, project: dep.ref?.project } });
      }
    }
  }
  if (macros.has(`test_${bare}`) && (!namespace || namespace === 'dbt')) {
    const generic: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(args)) {
      if (key === 'column_name' && column !== undefined) continue;
      const dep = dependencyOf(value, where.line);
      if (dep.ref) refs.push(dep.ref);
      if (dep.source) sources.push(dep.source);
      generic[key] = dep.ref || dep.source ? { __jinja: String(value).trim() } : value;
    }
    if (config.where !== undefined) {
      // dbt filters the tested model, not the test's result rows.
      config.dbt_where = config.where;
      delete config.where;
    }
    return spec({ kind: 'generic', macro: bare, column: column ?? (args.column_name as string | undefined), args: generic });
  }
  if (namespace === 'dbt_utils') return spec(dbtUtilsCheck(bare, column, args, refs, where.line) ?? fail(`dbt_utils.${bare} is not available: the dbt_utils package is not installed and Strata has no built-in equivalent`));
  return fail(namespace ? `no generic test '${bare}' in package '${namespace}' (dbt packages are not loaded; see the Strata README on dbt projects)` : `no generic test named '${bare}': define {% test ${bare}(model, column_name) %} in macros/`);
}

/** The dbt_utils tests Strata has a built-in check for (used when the package is not installed). */
function dbtUtilsCheck(name: string, column: string | undefined, args: Record<string, unknown>, refs: RefCall[], line: number): CheckDefinition | undefined {
  switch (name) {
    case 'expression_is_true': {
      const expression = String(args.expression ?? '');
      // dbt_utils counts rows where the expression is false; NULL is not a failure.
      return { kind: 'expression_is_true', expression: `coalesce((${column ? `${column} ${expression}` : expression}), true)` };
    }
    case 'unique_combination_of_columns':
      return { kind: 'unique_combination', columns: (args.combination_of_columns as unknown[]).map(String) };
    case 'accepted_range': {
      if (!column) return undefined;
      const inclusive = args.inclusive !== false;
      return { kind: 'between', column, min: args.min_value === undefined ? undefined : Number(args.min_value), max: args.max_value === undefined ? undefined : Number(args.max_value), minInclusive: inclusive, maxInclusive: inclusive };
    }
    case 'equal_rowcount': {
      const dep = dependencyOf(args.compare_model, line);
      if (!dep.ref) return undefined;
      refs.push(dep.ref);
      return { kind: 'row_count_equal', to: { model: dep.ref.name, project: dep.ref.project }, factor: 1 };
    }
    case 'recency':
      return { kind: 'recent_data', column: String(args.field), interval: Number(args.interval), datepart: String(args.datepart) as 'day' };
    default:
      return undefined;
  }
}
