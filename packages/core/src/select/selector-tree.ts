import type { SelectorDefinition } from '../config/project-config.js';
import { SelectorError } from '../errors/strata-error.js';

/** One criterion with its graph operators: `2+tag:nightly+1`, `@stg_orders`. */
export interface Criterion {
  method: string;
  value: string;
  parents: number; // 0 none, Infinity for a bare `+`
  children: number;
  childrenWithParents: boolean; // `@`
}

export type SelectorTree =
  | { type: 'union'; items: SelectorTree[] }
  | { type: 'intersection'; items: SelectorTree[] }
  | { type: 'difference'; include: SelectorTree; exclude: SelectorTree }
  | { type: 'criterion'; criterion: Criterion };

const CRITERION = /^(@)?(?:(\d*)\+)?([^+@]+?)(?:\+(\d*))?$/;

/** Parses one space-free term: `+stg_orders`, `tag:daily+`, `3+path:models/marts`. */
export function parseCriterion(term: string): Criterion {
  const m = CRITERION.exec(term);
  if (!m || !m[3]) throw new SelectorError('E_SELECTOR', `invalid selector '${term}'`, { hint: "use forms like 'name', '+name', 'name+', '2+name', '@name', 'tag:x', 'path:models/staging'" });
  const [, at, parentDepth, body, childDepth] = m;
  const hasParents = term.slice(at ? 1 : 0).match(/^\d*\+/) !== null;
  const hasChildren = /\+\d*$/.test(term);
  if (at && (hasParents || hasChildren)) throw new SelectorError('E_SELECTOR', `'@' cannot be combined with '+' in '${term}'`);
  const colon = body!.indexOf(':');
  const method = colon > 0 ? body!.slice(0, colon) : 'fqn';
  const value = colon > 0 ? body!.slice(colon + 1) : body!;
  if (!value) throw new SelectorError('E_SELECTOR', `selector '${term}' has a method but no value`);
  return {
    method,
    value,
    parents: hasParents ? (parentDepth ? Number(parentDepth) : Infinity) : 0,
    children: hasChildren ? (childDepth ? Number(childDepth) : Infinity) : 0,
    childrenWithParents: Boolean(at),
  };
}

/**
 * Parses dbt's selection syntax: spaces separate a union, commas an intersection.
 * @example parseSelector('+fct_orders tag:daily,path:models/marts')
 */
export function parseSelector(selectors: string[]): SelectorTree {
  const terms = selectors.flatMap((s) => s.split(/\s+/)).filter(Boolean);
  return {
    type: 'union',
    items: terms.map((term) => {
      const parts = term.split(',').filter(Boolean);
      if (parts.length === 1) return { type: 'criterion', criterion: parseCriterion(parts[0]!) } as SelectorTree;
      return { type: 'intersection', items: parts.map((p) => ({ type: 'criterion', criterion: parseCriterion(p) }) as SelectorTree) };
    }),
  };
}

/**
 * The tree of a named selector from `strata.config.ts`: a selection string, a list of them (a
 * union), or `{ select, exclude }` (a difference).
 * @example selectorDefinitionTree({ select: ['tag:nightly'], exclude: 'tag:slow' })
 */
export function selectorDefinitionTree(definition: SelectorDefinition): SelectorTree {
  const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);
  if (typeof definition === 'string' || Array.isArray(definition)) return parseSelector(list(definition));
  const include = parseSelector(list(definition.select));
  return definition.exclude === undefined ? include : { type: 'difference', include, exclude: parseSelector(list(definition.exclude)) };
}
