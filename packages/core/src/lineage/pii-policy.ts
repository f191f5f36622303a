import type { Dag } from '../graph/dag.js';
import { PiiPolicyError } from '../errors/strata-error.js';
import type { ModelNode, SourceNode } from '../parse/manifest.js';
import type { ModelLineage } from './model-lineage.js';

export type { PiiPolicyConfig } from '../config/pii-policy-config.js';

/** The PII columns (labels such as `ehr.patients.ssn`) each column of each node carries, unmasked. */
export type PiiFlow = Map<string, Map<string, Set<string>>>;

function labelOf(node: { resourceType: string; name: string }, column: string): string {
  return node.resourceType === 'source' ? `${(node as SourceNode).sourceName}.${node.name}.${column}` : `${node.name}.${column}`;
}

/**
 * Follows tagged columns through the DAG: a source or seed column tagged pii carries itself; a
 * model column carries what its unmasked origins carry (nothing when it is listed as
 * `deidentified`, `model.column`); a model whose lineage is unknown carries everything its
 * parents carry, in a `*` column.
 */
export function piiFlow(dag: Dag, lineage: Map<string, ModelLineage>, deidentified: Set<string> = new Set()): PiiFlow {
  const flow: PiiFlow = new Map();
  const add = (node: string, column: string, labels: Iterable<string>) => {
    const columns = flow.get(node) ?? new Map<string, Set<string>>();
    const set = columns.get(column) ?? new Set<string>();
    for (const l of labels) set.add(l);
    if (set.size > 0) {
      columns.set(column, set);
      flow.set(node, columns);
    }
  };
  const all = (node: string) => new Set([...(flow.get(node)?.values() ?? [])].flatMap((s) => [...s]));
  for (const id of dag.topologicalOrder()) {
    const node = dag.node(id);
    if (node.resourceType === 'source' || node.resourceType === 'seed') {
      for (const c of node.columns) if (c.pii) add(id, c.name.toLowerCase(), [labelOf(node, c.name)]);
      continue;
    }
    if (node.resourceType !== 'model' && node.resourceType !== 'snapshot') continue;
    const known = lineage.get(id);
    if (!known || !('columns' in known)) {
      for (const parent of dag.parents.get(id) ?? []) add(id, '*', all(parent));
      continue;
    }
    for (const column of known.columns) {
      if (deidentified.has(`${node.name}.${column.name}`.toLowerCase())) continue;
      for (const from of column.from) {
        if (from.masked) continue;
        add(id, column.name, from.column === '*' ? all(from.node) : (flow.get(from.node)?.get(from.column) ?? flow.get(from.node)?.get('*') ?? []));
      }
    }
  }
  return flow;
}

/**
 * The policy's verdict: one PiiPolicyError per column of a built model outside `allowed` that
 * carries PII, naming the model's file and the column's line, and where the PII comes from.
 */
export function piiViolations(dag: Dag, lineage: Map<string, ModelLineage>, flow: PiiFlow, allowed: Set<string>, checked: Set<string>): PiiPolicyError[] {
  const errors: PiiPolicyError[] = [];
  for (const id of dag.topologicalOrder(checked)) {
    const node = dag.node(id) as ModelNode;
    if (node.resourceType !== 'model' || node.config.materialized === 'ephemeral' || allowed.has(id)) continue;
    const known = lineage.get(id);
    for (const [column, labels] of flow.get(id) ?? []) {
      const line = known && 'columns' in known ? known.columns.find((c) => c.name === column)?.line : undefined;
      const from = [...labels].sort().join(', ');
      const why = known && 'unknown' in known ? ` (its lineage is unknown — ${known.unknown} — so everything it reads counts)` : '';
      errors.push(
        new PiiPolicyError('E_PII_LEAK', column === '*' ? `model '${node.name}' reads PII (${from}) and may hold it${why}` : `model '${node.name}' holds PII in column '${column}' (from ${from})`, {
          file: node.file,
          line,
          hint: `mask it on the way (hash(), surrogate_key() or another function in pii.masking), drop the column, or add the model to pii.allow in strata.config.ts`,
        }),
      );
    }
  }
  return errors;
}
