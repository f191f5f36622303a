import type { ManifestNode, ProjectInfo, TestNode } from './manifest.js';

/** One project macro (or generic test, named `test_<name>`) with its text. */
export interface MacroDefinition {
  uniqueId: string;
  name: string;
  /** Project-relative file path. */
  path: string;
  /** The whole `{% macro %}…{% endmacro %}` block. */
  sql: string;
  /** Unique ids of the project macros it calls. */
  dependsOn: string[];
}

const BLOCK = /\{%-?\s*(macro|test)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\([\s\S]*?\{%-?\s*end(?:macro|test)\s*-?%\}/g;

/** A regular expression finding calls (`name(`) of any of `names`; null when there are none. */
function callMatcher(names: string[]): RegExp | null {
  if (names.length === 0) return null;
  return new RegExp(`\\b(${[...names].sort((a, b) => b.length - a.length).join('|')})\\s*\\(`, 'g');
}

function calledNames(text: string, matcher: RegExp | null): string[] {
  return matcher ? [...new Set([...text.matchAll(matcher)].map((m) => m[1]!))] : [];
}

/** Compiled once per project's macro map: nodes are many, macros few. */
const matchers = new WeakMap<Map<string, MacroDefinition>, RegExp | null>();

/**
 * The macros of a project, each with the macros it calls, keyed by name. Static, like ref
 * extraction: a call is a macro name followed by `(` anywhere in the text.
 */
export function projectMacros(project: ProjectInfo): Map<string, MacroDefinition> {
  const macros = new Map<string, MacroDefinition>();
  for (const file of project.macroFiles) {
    for (const m of file.text.matchAll(BLOCK)) {
      const name = m[1] === 'test' ? `test_${m[2]}` : m[2]!;
      macros.set(name, { uniqueId: `macro.${project.name}.${name}`, name, path: file.path, sql: m[0], dependsOn: [] });
    }
  }
  const matcher = callMatcher([...macros.keys()]);
  for (const macro of macros.values()) {
    const body = macro.sql.replace(/^\{%[\s\S]*?%\}/, '');
    macro.dependsOn = calledNames(body, matcher).filter((n) => n !== macro.name).map((n) => macros.get(n)!.uniqueId);
  }
  matchers.set(macros, matcher);
  return macros;
}

/**
 * Unique ids of the project macros a node uses, directly or through other macros, so that
 * `state:modified` sees a node as changed when a macro it depends on changed.
 *
 * @example macroDependencies(node, projectMacros(info)) // ['macro.ecommerce.cents_to_dollars']
 */
export function macroDependencies(node: ManifestNode, macros: Map<string, MacroDefinition>): string[] {
  if (macros.size === 0) return [];
  let matcher = matchers.get(macros);
  if (matcher === undefined) {
    matcher = callMatcher([...macros.keys()]);
    matchers.set(macros, matcher);
  }
  const direct = new Set<string>();
  const text = (node as { rawSql?: string }).rawSql;
  if (text) for (const name of calledNames(text, matcher)) direct.add(name);
  const check = (node as TestNode).check;
  if (node.resourceType === 'test' && check?.kind === 'generic') {
    if (macros.has(`test_${check.macro}`)) direct.add(`test_${check.macro}`);
    else if (macros.has(check.macro)) direct.add(check.macro);
  }
  if (direct.size === 0) return [];
  const byId = new Map([...macros.values()].map((m) => [m.uniqueId, m]));
  const out = new Set<string>();
  const stack = [...direct].map((n) => macros.get(n)!.uniqueId);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return [...out].sort();
}
