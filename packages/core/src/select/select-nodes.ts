import type { Dag } from '../graph/dag.js';
import type { TestNode } from '../parse/manifest.js';
import { methodFor, type SelectorContext } from './selector-methods.js';
import { SelectorError } from '../errors/strata-error.js';
import { suggestion } from '../errors/did-you-mean.js';
import { parseSelector, selectorDefinitionTree, type Criterion, type SelectorTree } from './selector-tree.js';

export interface SelectOptions {
  select?: string[];
  /** A named selector from `strata.config.ts` (`--selector nightly`), added to `select`. */
  selector?: string;
  exclude?: string[];
  context?: SelectorContext;
  /** Add the tests of every selected model/seed/source (what `build` and `test` do). Default true. */
  includeAttachedTests?: boolean;
}

/** The nodes a named selector picks (`selector:nightly`), guarding against selectors that name themselves. */
function evaluateNamed(dag: Dag, name: string, context: SelectorContext, active: string[]): Set<string> {
  const definition = context.selectors?.[name];
  if (definition === undefined) {
    const known = Object.keys(context.selectors ?? {});
    throw new SelectorError('E_SELECTOR_UNKNOWN', `no selector named '${name}'`, { hint: suggestion(name, known) ?? (known.length ? `defined selectors: ${known.join(', ')}` : 'define selectors: { name: "..." } in strata.config.ts') });
  }
  if (active.includes(name)) throw new SelectorError('E_SELECTOR_CYCLE', `selector '${name}' refers to itself: ${[...active, name].join(' -> ')}`, { hint: 'remove the selector:… reference that closes the loop' });
  return evaluate(dag, selectorDefinitionTree(definition), context, [...active, name]);
}

function evaluateCriterion(dag: Dag, criterion: Criterion, context: SelectorContext, active: string[]): Set<string> {
  let matched = new Set<string>();
  if (criterion.method === 'selector') matched = evaluateNamed(dag, criterion.value, context, active);
  else {
    const method = methodFor(criterion.method);
    for (const node of dag.manifest.nodes.values()) if (method(node, criterion.value, context)) matched.add(node.uniqueId);
  }
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

function evaluate(dag: Dag, tree: SelectorTree, context: SelectorContext, active: string[] = []): Set<string> {
  if (tree.type === 'criterion') return evaluateCriterion(dag, tree.criterion, context, active);
  if (tree.type === 'difference') {
    const minus = evaluate(dag, tree.exclude, context, active);
    return new Set([...evaluate(dag, tree.include, context, active)].filter((id) => !minus.has(id)));
  }
  const sets = tree.items.map((item) => evaluate(dag, item, context, active));
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
  const terms = [...(options.select ?? []), ...(options.selector ? [`selector:${options.selector}`] : [])];
  const selected = terms.length > 0 ? evaluate(dag, parseSelector(terms), context) : new Set(dag.manifest.nodes.keys());
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
