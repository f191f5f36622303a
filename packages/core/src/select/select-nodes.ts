import type { Dag } from '../graph/dag.js';
import type { TestNode } from '../parse/manifest.js';
import { methodFor, type SelectorContext } from './selector-methods.js';
import { parseSelector, type Criterion, type SelectorTree } from './selector-tree.js';

export interface SelectOptions {
  select?: string[];
  exclude?: string[];
  context?: SelectorContext;
  /** Add the tests of every selected model/seed/source (what `build` and `test` do). Default true. */
  includeAttachedTests?: boolean;
}

function evaluateCriterion(dag: Dag, criterion: Criterion, context: SelectorContext): Set<string> {
  const method = methodFor(criterion.method);
  const matched = new Set<string>();
  for (const node of dag.manifest.nodes.values()) if (method(node, criterion.value, context)) matched.add(node.uniqueId);
  const result = new Set(matched);
  for (const id of matched) {
    if (criterion.parents > 0) for (const a of dag.ancestors(id, criterion.parents)) result.add(a);
    if (criterion.children > 0) for (const d of dag.descendants(id, criterion.children)) result.add(d);
    if (criterion.childrenWithParents) {
      for (const d of dag.descendants(id)) {
        result.add(d);
        for (const a of dag.ancestors(d)) result.add(a);
      }
      for (const a of dag.ancestors(id)) result.add(a);
    }
  }
  return result;
}

function evaluate(dag: Dag, tree: SelectorTree, context: SelectorContext): Set<string> {
  if (tree.type === 'criterion') return evaluateCriterion(dag, tree.criterion, context);
  const sets = tree.items.map((item) => evaluate(dag, item, context));
  if (tree.type === 'union') return new Set(sets.flatMap((s) => [...s]));
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((id) => rest.every((s) => s.has(id))));
}

/**
 * The node ids a `--select`/`--exclude` pair picks, with dbt's semantics: no selector means
 * everything; tests come along with the models they check once all their parents are selected.
 */
export function selectNodes(dag: Dag, options: SelectOptions = {}): Set<string> {
  const context = options.context ?? {};
  const selected = options.select && options.select.length > 0 ? evaluate(dag, parseSelector(options.select), context) : new Set(dag.manifest.nodes.keys());
  if (options.includeAttachedTests !== false) {
    for (const node of dag.manifest.nodes.values()) {
      if (node.resourceType !== 'test' || selected.has(node.uniqueId)) continue;
      const test = node as TestNode;
      const parents = dag.parents.get(test.uniqueId) ?? [];
      if (test.attachedTo && selected.has(test.attachedTo) && parents.every((p) => selected.has(p) || dag.node(p).resourceType === 'source' || dag.node(p).resourceType === 'seed')) {
        selected.add(test.uniqueId);
      }
    }
  }
  if (options.exclude && options.exclude.length > 0) {
    for (const id of evaluate(dag, parseSelector(options.exclude), context)) selected.delete(id);
  }
  return selected;
}
