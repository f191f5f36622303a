import { SelectorError } from '../errors/strata-error.js';
import { suggestion } from '../errors/did-you-mean.js';
import type { ManifestNode, SourceNode } from '../parse/manifest.js';

/** Decides whether a node matches a method's value. One entry per method, looked up by name. */
export type SelectorMethod = (node: ManifestNode, value: string, context: SelectorContext) => boolean;

export interface SelectorContext {
  /** Ids of nodes new or modified against the `--state` manifest, when one was given. */
  state?: { modified: Set<string>; added: Set<string> };
}

/** Shell-style glob: `*` any run of characters, `?` one. */
function glob(pattern: string, text: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === text;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(text);
}

export const SELECTOR_METHODS: Record<string, SelectorMethod> = {
  fqn: (node, value) => glob(value, node.name) || glob(value, `${node.project}.${node.name}`) || value === node.project,
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
    if (!context.state) throw new SelectorError('E_SELECTOR_STATE', `'state:${value}' needs --state DIR pointing at a saved manifest`);
    if (value === 'new') return context.state.added.has(node.uniqueId);
    if (value === 'modified') return context.state.modified.has(node.uniqueId) || context.state.added.has(node.uniqueId);
    throw new SelectorError('E_SELECTOR', `unknown state '${value}'`, { hint: "use 'state:modified' or 'state:new'" });
  },
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
