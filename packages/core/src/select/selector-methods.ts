import { SelectorError } from '../errors/strata-error.js';
import { suggestion } from '../errors/did-you-mean.js';
import type { SelectorDefinition } from '../config/project-config.js';
import type { ManifestNode, SourceNode } from '../parse/manifest.js';
import { MODIFIED_REASONS, type ModifiedReason, type StateComparison } from '../state/state-comparison.js';

/** Decides whether a node matches a method's value. One entry per method, looked up by name. */
export type SelectorMethod = (node: ManifestNode, value: string, context: SelectorContext) => boolean;

export interface SelectorContext {
  /** The comparison with the `--state` manifest, when one was given. */
  state?: StateComparison;
  /** Named selectors from the projects' `strata.config.ts`, for `selector:name`. */
  selectors?: Record<string, SelectorDefinition>;
}

/** Shell-style glob: `*` any run of characters, `?` one. */
function glob(pattern: string, text: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === text;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(text);
}

/** dbt's fully qualified name: project, folders under the resource folder, name. */
export function fqnOf(node: ManifestNode): string[] {
  if (node.resourceType === 'source') return [node.project, (node as SourceNode).sourceName, node.name];
  if (node.resourceType === 'test' || !node.path) return [node.project, node.name];
  const folders = node.path.split('/').slice(1, -1);
  return [node.project, ...folders, node.name];
}

/** True when the dotted selector's parts match the start of `fqn` (globs per part). */
function fqnPrefix(parts: string[], fqn: string[]): boolean {
  return parts.length <= fqn.length && parts.every((part, i) => glob(part, fqn[i]!));
}

/** One `state:` value: `new`, `old`, `unmodified`, `modified` or `modified.<reason>`. */
function stateMatches(node: ManifestNode, value: string, state: StateComparison): boolean {
  const id = node.uniqueId;
  if (value === 'new') return state.added.has(id);
  if (value === 'old') return state.saved.has(id);
  if (value === 'modified') return state.added.has(id) || state.modified.has(id);
  if (value === 'unmodified') return state.saved.has(id) && !state.modified.has(id);
  const reason = /^modified\.(\w+)$/.exec(value)?.[1];
  const alias: Record<string, ModifiedReason> = { contract: 'schema', columns: 'schema', config: 'configs' };
  const wanted = reason ? (alias[reason] ?? reason) : undefined;
  if (wanted && (MODIFIED_REASONS as string[]).includes(wanted)) return state.modified.get(id)?.has(wanted as ModifiedReason) ?? false;
  throw new SelectorError('E_SELECTOR', `unknown state '${value}'`, { hint: `use state:new, state:old, state:modified, state:unmodified or state:modified.<${MODIFIED_REASONS.join('|')}>` });
}

export const SELECTOR_METHODS: Record<string, SelectorMethod> = {
  fqn: (node, value) => {
    if (glob(value, node.name) || glob(value, `${node.project}.${node.name}`) || value === node.project) return true;
    // Dotted or folder selectors, like dbt: `staging`, `staging.stg_*`, `ecommerce.marts`.
    const parts = value.split('.');
    const fqn = fqnOf(node);
    return fqnPrefix(parts, fqn) || fqnPrefix([node.project, ...parts], fqn);
  },
  tag: (node, value) => node.tags.some((tag) => glob(value, tag)),
  path: (node, value) => {
    if (!node.path) return false;
    const v = value.replace(/\/$/, '');
    return glob(v, node.path) || node.path.startsWith(`${v}/`);
  },
  source: (node, value) => {
    if (node.resourceType !== 'source') return false;
    const s = node as SourceNode;
    return glob(value, s.sourceName) || glob(value, `${s.sourceName}.${s.name}`);
  },
  resource_type: (node, value) => node.resourceType === value,
  package: (node, value) => glob(value, node.project),
  test_type: (node, value) => node.resourceType === 'test' && (value === 'singular' ? Boolean((node as { rawSql?: string }).rawSql) : !(node as { rawSql?: string }).rawSql),
  state: (node, value, context) => {
    if (!context.state) throw new SelectorError('E_SELECTOR_STATE', `'state:${value}' needs --state DIR pointing at a saved manifest`, { hint: 'copy target/ of the run to compare against (e.g. production) and pass --state thatdir' });
    return stateMatches(node, value, context.state);
  },
  // Resolved by select-nodes (it expands to the named selector's tree); listed for suggestions.
  selector: () => false,
};

/** The method for a name, including `config.<key>`; throws a SelectorError with a suggestion. */
export function methodFor(name: string): SelectorMethod {
  if (name.startsWith('config.')) {
    const key = name.slice('config.'.length);
    return (node, value) => {
      const actual = node.config[key];
      return Array.isArray(actual) ? actual.map(String).includes(value) : String(actual) === value;
    };
  }
  const method = SELECTOR_METHODS[name];
  if (!method) throw new SelectorError('E_SELECTOR_METHOD', `unknown selector method '${name}:'`, { hint: suggestion(name, Object.keys(SELECTOR_METHODS)) ?? `known methods: ${Object.keys(SELECTOR_METHODS).join(', ')}, config.<key>` });
  return method;
}
