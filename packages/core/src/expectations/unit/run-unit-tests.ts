import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createJiti } from 'jiti';
import type { AdapterFactory } from '../../adapter/adapter.js';
import { Compiler } from '../../compile/compiler.js';
import { suggestion } from '../../errors/did-you-mean.js';
import { StrataError } from '../../errors/strata-error.js';
import type { ModelNode } from '../../parse/manifest.js';
import type { Workspace } from '../../workspace/load-workspace.js';
import { compareRows, showRow } from './compare-rows.js';
import type { UnitTestDefinition } from './define-unit-test.js';
import { givenProblems, givenTableStatements, inputKey, unitInputs } from './given-tables.js';

/** The outcome of one unit test. */
export interface UnitTestResult {
  name: string;
  project: string;
  model: string;
  file: string;
  status: 'pass' | 'fail' | 'error';
  message?: string;
  executionTime: number;
}

export interface UnitTestOptions {
  /** Opens the throwaway warehouse (DuckDB): called with `path: ':memory:'` for every test. */
  adapter: AdapterFactory;
  /** Only tests of these models (all when absent). */
  models?: string[];
  onResult?: (result: UnitTestResult) => void;
}

/** Reads `tests/unit/*.ts` of each project: every unit test with the file that defines it. */
export async function loadUnitTests(workspace: Workspace): Promise<Array<{ project: string; file: string; test: UnitTestDefinition }>> {
  const out: Array<{ project: string; file: string; test: UnitTestDefinition }> = [];
  for (const project of workspace.projects) {
    const dir = join(project.root, project.config.paths?.tests ?? 'tests', 'unit');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
      const file = join(dir, name);
      const jiti = createJiti(file, { interopDefault: true, moduleCache: false, fsCache: false });
      const loaded = (await jiti.import(file, { default: true })) as UnitTestDefinition | UnitTestDefinition[];
      for (const test of Array.isArray(loaded) ? loaded : [loaded]) out.push({ project: project.config.name, file, test });
    }
  }
  return out;
}

class UnitTestError extends Error {}

/** Runs one unit test in a fresh in-memory database. Resolves to the failure message, or undefined when it passes. */
async function runOne(workspace: Workspace, factory: AdapterFactory, project: string, test: UnitTestDefinition): Promise<string | undefined> {
  const { dag } = workspace;
  const model = dag.manifest.nodes.get(`model.${project}.${test.model}`) as ModelNode | undefined;
  if (!model) {
    const models = [...dag.manifest.nodes.values()].filter((n) => n.resourceType === 'model' && n.project === project).map((n) => n.name);
    throw new UnitTestError(`no model '${test.model}' in ${project}${suggestion(test.model, models) ? ` — ${suggestion(test.model, models)}` : ''}`);
  }
  const inputs = unitInputs(dag, model);
  const byKey = new Map(inputs.map((n) => [inputKey(n), n]));
  const problems: string[] = [];
  for (const key of Object.keys(test.given)) {
    if (!byKey.has(key)) problems.push(`given '${key}' is not read by ${test.model} (it reads: ${[...byKey.keys()].join(', ') || 'nothing'})`);
  }
  for (const [key, input] of byKey) {
    const rows = test.given[key];
    if (!rows) problems.push(`no rows given for ${key}, which ${test.model} reads (give \`${key}: []\` for an empty table)`);
    else {
      problems.push(...givenProblems(dag, input, rows));
      if (rows.length === 0 && input.columns.length === 0) problems.push(`${key} has no schema, so its columns cannot be known from zero rows: give at least one row`);
    }
  }
  if (problems.length > 0) throw new UnitTestError(`the given rows do not fit:\n  ${problems.join('\n  ')}`);
  const adapter = await factory.open({ adapter: factory.name, path: ':memory:' }, { workspaceRoot: workspace.workspaceRoot, projectRoot: dag.manifest.projects.get(project)!.root });
  try {
    const connection = await adapter.connect();
    for (const [key, input] of byKey) for (const sql of givenTableStatements(adapter.dialect, input, test.given[key]!)) await connection.execute(sql);
    const compiler = new Compiler(dag, { dialect: adapter.dialect, target: { name: 'unit', adapter: factory.name }, vars: test.vars });
    const sql = compiler.compile(model).sql;
    const actual = await connection.query(`select * from (\n${sql}\n) as __unit`);
    const outputColumns = actual.length > 0 ? Object.keys(actual[0]!) : undefined;
    const unknown = outputColumns ? [...new Set(test.expect.flatMap((r) => Object.keys(r)))].filter((c) => !outputColumns.includes(c)) : [];
    if (unknown.length > 0) return `expected column(s) ${unknown.join(', ')} are not in the output of ${test.model} (columns: ${outputColumns!.join(', ')})`;
    const diff = compareRows(test.expect, actual, test.ordered);
    if (diff.missing.length === 0 && diff.unexpected.length === 0) return undefined;
    return [
      `${diff.missing.length} expected row(s) missing, ${diff.unexpected.length} unexpected row(s) (${actual.length} returned, ${test.expect.length} expected)`,
      ...diff.missing.map((r) => `  - ${showRow(r)}`),
      ...diff.unexpected.map((r) => `  + ${showRow(r)}`),
    ].join('\n');
  } finally {
    await adapter.close();
  }
}

/**
 * Runs the unit tests of a workspace (`tests/unit/*.ts`): each in a fresh in-memory database
 * (DuckDB), with the given rows loaded under the real names of the relations the model reads,
 * so the warehouse's tables are never touched. Given rows are validated against the inputs'
 * schemas first.
 *
 * @example const results = await runUnitTests(workspace, { adapter: duckdbAdapterFactory });
 */
export async function runUnitTests(workspace: Workspace, options: UnitTestOptions): Promise<UnitTestResult[]> {
  const results: UnitTestResult[] = [];
  for (const { project, file, test } of await loadUnitTests(workspace)) {
    if (options.models && !options.models.includes(test.model)) continue;
    const started = Date.now();
    let status: UnitTestResult['status'] = 'pass';
    let message: string | undefined;
    try {
      message = await runOne(workspace, options.adapter, project, test);
      if (message) status = 'fail';
    } catch (error) {
      status = 'error';
      message = error instanceof StrataError ? error.format() : error instanceof Error ? error.message : String(error);
    }
    const result: UnitTestResult = { name: test.name, project, model: test.model, file, status, message, executionTime: (Date.now() - started) / 1000 };
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
