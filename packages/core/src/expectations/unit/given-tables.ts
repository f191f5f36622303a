import type { Dialect, LogicalType } from '../../adapter/dialect.js';
import type { Dag } from '../../graph/dag.js';
import type { ManifestNode, SourceNode, TestNode } from '../../parse/manifest.js';
import { checkValue, ROW_LOCAL_CHECKS, valueTypeProblem } from '../row-evaluator.js';
import type { UnitRow } from './define-unit-test.js';

/** How a unit test names an input: `stg_orders` for models and seeds, `raw.orders` for sources. */
export function inputKey(node: ManifestNode): string {
  return node.resourceType === 'source' ? `${(node as SourceNode).sourceName}.${node.name}` : node.name;
}

/**
 * The relations a model reads, as unit-test inputs: its parents, looking through ephemeral
 * models (they are compiled inline, so their own parents are what must be given).
 */
export function unitInputs(dag: Dag, model: ManifestNode): ManifestNode[] {
  const out = new Map<string, ManifestNode>();
  const visit = (id: string): void => {
    for (const parentId of dag.parents.get(id) ?? []) {
      const parent = dag.node(parentId);
      if (parent.resourceType === 'model' && parent.config.materialized === 'ephemeral') visit(parentId);
      else if (parent.resourceType !== 'test') out.set(parentId, parent);
    }
  };
  visit(model.uniqueId);
  return [...out.values()];
}

/**
 * What is wrong with the rows given for an input, judged by the input's own schema: unknown
 * columns, values of the wrong type, and values its row-local checks reject.
 */
export function givenProblems(dag: Dag, input: ManifestNode, rows: UnitRow[]): string[] {
  const problems: string[] = [];
  const declared = new Map(input.columns.map((c) => [c.name, c]));
  const checks = (dag.children.get(input.uniqueId) ?? [])
    .map((id) => dag.node(id))
    .filter((n): n is TestNode => n.resourceType === 'test' && (n as TestNode).attachedTo === input.uniqueId && Boolean((n as TestNode).check && ROW_LOCAL_CHECKS.has((n as TestNode).check!.kind)));
  rows.forEach((row, i) => {
    const where = `given ${inputKey(input)} row ${i + 1}`;
    for (const [column, value] of Object.entries(row)) {
      const spec = declared.get(column);
      if (declared.size > 0 && !spec) {
        problems.push(`${where}: '${column}' is not a column of ${inputKey(input)} (columns: ${[...declared.keys()].join(', ')})`);
        continue;
      }
      const typeProblem = valueTypeProblem(value, spec?.type);
      if (typeProblem) problems.push(`${where}: ${column} ${typeProblem}`);
    }
    for (const test of checks) {
      const check = test.check!;
      const column = 'column' in check ? check.column : undefined;
      // Columns left out of every given row are not part of the test; an explicit null is.
      if (!column || !(column in row)) continue;
      const why = checkValue(check, row[column]);
      if (why) problems.push(`${where}: ${column} ${why} (${test.name})`);
    }
  });
  return problems;
}

function inferType(values: unknown[]): LogicalType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'string';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => typeof v === 'number' || typeof v === 'bigint')) return present.every((v) => Number.isInteger(Number(v))) ? 'bigint' : 'float';
  if (present.every((v) => v instanceof Date)) return 'timestamp';
  return 'string';
}

function literal(dialect: Dialect, value: unknown, type: string): string {
  if (value === null || value === undefined) return `cast(null as ${type})`;
  if (value instanceof Date) return `cast(${dialect.quoteString(value.toISOString().replace('T', ' ').replace('Z', ''))} as ${type})`;
  if (typeof value === 'number' || typeof value === 'bigint') return `cast(${String(value)} as ${type})`;
  if (typeof value === 'boolean') return `cast(${value ? 'true' : 'false'} as ${type})`;
  return `cast(${dialect.quoteString(String(value))} as ${type})`;
}

/**
 * Statements creating an input's relation, under its real name, in the throwaway database and
 * filling it with the given rows: declared columns with their schema types, else columns and
 * types inferred from the rows.
 */
export function givenTableStatements(dialect: Dialect, input: ManifestNode, rows: UnitRow[]): string[] {
  const relation = input.relation!;
  const columns =
    input.columns.length > 0
      ? input.columns.map((c) => ({ name: c.name, type: dialect.typeName(c.type ?? inferType(rows.map((r) => r[c.name]))) }))
      : [...new Set(rows.flatMap((r) => Object.keys(r)))].map((name) => ({ name, type: dialect.typeName(inferType(rows.map((r) => r[name]))) }));
  const target = dialect.renderRelation(relation);
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${dialect.quoteIdentifier(relation.schema)}`,
    `CREATE TABLE ${target} (${columns.map((c) => `${dialect.quoteIdentifier(c.name)} ${c.type}`).join(', ')})`,
  ];
  if (rows.length > 0) {
    const values = rows.map((row) => `(${columns.map((c) => literal(dialect, row[c.name], c.type)).join(', ')})`);
    statements.push(`INSERT INTO ${target} (${columns.map((c) => dialect.quoteIdentifier(c.name)).join(', ')}) VALUES\n  ${values.join(',\n  ')}`);
  }
  return statements;
}
