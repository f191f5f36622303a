import { existsSync, readFileSync } from 'node:fs';
import { suggestion } from '../errors/did-you-mean.js';
import { ParseError, type StrataError } from '../errors/strata-error.js';
import type { LoadedProject } from '../load/load-project.js';
import type { ExposureNode, ManifestNode, ProjectInfo } from './manifest.js';

/** Line (1-based) of `name:` in the config file, so errors point at the exposure. */
function lineOfKey(text: string, name: string): number | undefined {
  const match = new RegExp(`(^|[\\s{,'"])${name}['"]?\\s*:`, 'm').exec(text);
  return match ? text.slice(0, match.index + match[1]!.length).split('\n').length : undefined;
}

/**
 * The exposures a project's `strata.config.ts` declares, with their `dependsOn` names still
 * unresolved (refs may name another project's models, known only once all are parsed).
 */
export function parseExposures(loaded: LoadedProject): ExposureNode[] {
  const entries = Object.entries(loaded.config.exposures ?? {});
  if (entries.length === 0) return [];
  const text = existsSync(loaded.configFile) ? readFileSync(loaded.configFile, 'utf8') : '';
  return entries.map(([name, e]) => ({
    uniqueId: `exposure.${loaded.config.name}.${name}`,
    name,
    project: loaded.config.name,
    type: e.type,
    owner: e.owner,
    url: e.url,
    label: e.label,
    description: e.description,
    maturity: e.maturity,
    tags: e.tags ?? [],
    refs: e.dependsOn,
    dependsOn: [],
    file: loaded.configFile,
    line: lineOfKey(text, name),
  }));
}

/**
 * Resolves every exposure's `dependsOn` to node ids: `'name'` in its own project, `'project.name'`
 * in another loaded project, `'source:src.table'` for a source table. Unknown names become
 * errors with the config file, the exposure's line and a did-you-mean.
 */
export function resolveExposures(projects: Map<string, ProjectInfo>, nodes: Map<string, ManifestNode>, errors: StrataError[]): void {
  const buildable = (n: ManifestNode) => n.resourceType === 'model' || n.resourceType === 'seed' || n.resourceType === 'snapshot';
  for (const info of projects.values()) {
    for (const exposure of info.exposures ?? []) {
      const resolved = new Set<string>();
      for (const ref of exposure.refs) {
        const [id, candidates] = resolveOne(ref, info.name, projects, nodes, buildable);
        if (id) {
          resolved.add(id);
          continue;
        }
        errors.push(
          new ParseError('E_EXPOSURE_UNKNOWN_REF', `exposure '${exposure.name}' depends on '${ref}', which names no model, seed, snapshot or source`, {
            file: exposure.file,
            line: exposure.line,
            hint: suggestion(ref, candidates) ?? "use a model name, 'project.model' for another project's model, or 'source:name.table'",
          }),
        );
      }
      exposure.dependsOn = [...resolved];
    }
  }
}

function resolveOne(ref: string, project: string, projects: Map<string, ProjectInfo>, nodes: Map<string, ManifestNode>, buildable: (n: ManifestNode) => boolean): [string | undefined, string[]] {
  if (ref.startsWith('source:')) {
    const id = `source.${project}.${ref.slice('source:'.length)}`;
    if (nodes.has(id)) return [id, []];
    const known = [...nodes.values()].filter((n) => n.resourceType === 'source' && n.project === project).map((n) => `source:${(n as { sourceName: string }).sourceName}.${n.name}`);
    return [undefined, known];
  }
  const dot = ref.indexOf('.');
  const owner = dot > 0 && projects.has(ref.slice(0, dot)) ? ref.slice(0, dot) : project;
  const name = owner === project && !ref.startsWith(`${project}.`) ? ref : ref.slice(dot + 1);
  const candidates: string[] = [];
  for (const node of nodes.values()) {
    if (node.project !== owner || !buildable(node)) continue;
    if (node.name === name) return [node.uniqueId, []];
    candidates.push(owner === project ? node.name : `${owner}.${node.name}`);
  }
  return [undefined, candidates];
}
