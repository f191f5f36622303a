import type { ProjectInfo } from '../parse/manifest.js';

/** A project's exposures in the shape of dbt's `manifest.json` `exposures`. */
export function exposuresJson(project: ProjectInfo): Record<string, unknown> {
  const exposures: Record<string, unknown> = {};
  for (const e of project.exposures ?? []) {
    exposures[e.uniqueId] = {
      unique_id: e.uniqueId,
      name: e.name,
      resource_type: 'exposure',
      package_name: e.project,
      path: 'strata.config.ts',
      original_file_path: 'strata.config.ts',
      fqn: [e.project, e.name],
      type: e.type,
      owner: { name: e.owner.name ?? null, email: e.owner.email ?? null },
      description: e.description ?? '',
      label: e.label ?? null,
      maturity: e.maturity ?? null,
      url: e.url ?? null,
      tags: e.tags,
      meta: {},
      config: { enabled: true, tags: e.tags, meta: {} },
      depends_on: { macros: [], nodes: e.dependsOn },
      refs: e.refs.filter((r) => !r.startsWith('source:')).map((r) => (r.includes('.') ? { name: r.slice(r.indexOf('.') + 1), package: r.slice(0, r.indexOf('.')), version: null } : { name: r, package: null, version: null })),
      sources: e.refs.filter((r) => r.startsWith('source:')).map((r) => r.slice('source:'.length).split('.')),
      metrics: [],
    };
  }
  return exposures;
}
