import { suggestion } from '../errors/did-you-mean.js';
import { ParseError, throwIfAny, type StrataError } from '../errors/strata-error.js';
import type { Manifest, ManifestNode, TestNode } from './manifest.js';
import type { ParsedProject } from './parse-project.js';
import { resolveExposures } from './parse-exposures.js';
import { accessDenied } from './check-access.js';

/**
 * Merges parsed projects into one manifest and resolves every `ref()`/`source()` to a node id.
 * A ref resolves in its own project first, then in the project it names. All unknown refs and
 * sources are reported together, each with its file, line and a did-you-mean.
 */
export function buildManifest(parsed: ParsedProject[]): Manifest {
  const errors: StrataError[] = parsed.flatMap((p) => p.errors);
  const nodes = new Map<string, ManifestNode>();
  for (const project of parsed) {
    for (const node of project.nodes) {
      if (nodes.has(node.uniqueId)) {
        errors.push(new ParseError('E_DUPLICATE_NODE', `two ${node.resourceType}s resolve to '${node.uniqueId}'`, { file: node.file, hint: 'rename one of them (or give a test an alias)' }));
        continue;
      }
      nodes.set(node.uniqueId, node);
    }
  }
  const projects = new Map(parsed.map((p) => [p.info.name, p.info]));

  const modelIdsByName = (project: string): Map<string, string> => {
    const map = new Map<string, string>();
    for (const node of nodes.values()) {
      if (node.project === project && (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot')) map.set(node.name, node.uniqueId);
    }
    return map;
  };
  const byProject = new Map([...projects.keys()].map((name) => [name, modelIdsByName(name)]));

  for (const { pending, info } of parsed) {
    const local = byProject.get(info.name)!;
    for (const dep of pending) {
      const node = nodes.get(dep.nodeId);
      if (!node) continue;
      const deps = new Set(node.dependsOn);
      for (const ref of dep.refs) {
        const scope = ref.project ? byProject.get(ref.project) : local;
        const id = scope?.get(ref.name);
        if (id) {
          deps.add(id);
          const denied = accessDenied(node, nodes.get(id)!, dep.file, ref.line);
          if (denied) errors.push(denied);
          continue;
        }
        const target = ref.project ? `${ref.project}.${ref.name}` : ref.name;
        const owner = ref.project ? projects.get(ref.project) : info;
        if (ref.project && !scope) {
          errors.push(new ParseError('E_UNKNOWN_PROJECT', `ref('${ref.project}', '${ref.name}') names project '${ref.project}', which is not loaded`, { file: dep.file, line: ref.line, hint: suggestion(ref.project, projects.keys()) ?? 'build it together with this project (--project for each, or --all)' }));
        } else if (owner?.disabled.includes(ref.name)) {
          errors.push(new ParseError('E_REF_DISABLED', `ref('${target}') points to a disabled model`, { file: dep.file, line: ref.line, hint: `enable '${ref.name}' or remove this ref` }));
        } else {
          errors.push(new ParseError('E_UNKNOWN_REF', `ref('${target}') names no model, seed or snapshot`, { file: dep.file, line: ref.line, hint: suggestion(ref.name, scope?.keys() ?? []) }));
        }
      }
      for (const src of dep.sources) {
        const id = `source.${info.name}.${src.source}.${src.table}`;
        if (nodes.has(id)) {
          deps.add(id);
          continue;
        }
        const known = [...nodes.values()].filter((n) => n.resourceType === 'source' && n.project === info.name).map((n) => `${(n as { sourceName: string }).sourceName}.${n.name}`);
        errors.push(new ParseError('E_UNKNOWN_SOURCE', `source('${src.source}', '${src.table}') is not declared`, { file: dep.file, line: src.line, hint: suggestion(`${src.source}.${src.table}`, known) ?? `declare it under sources.${src.source}.tables in strata.config.ts` }));
      }
      node.dependsOn = [...deps];
      // A singular test belongs to the first model it reads, for skip semantics and selection.
      if (node.resourceType === 'test' && !(node as TestNode).attachedTo) (node as TestNode).attachedTo = node.dependsOn[0];
    }
  }
  resolveExposures(projects, nodes, errors);
  throwIfAny(errors);
  return { nodes, projects };
}
