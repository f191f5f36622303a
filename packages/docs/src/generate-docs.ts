import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogJson, openAdapter, runCommand, writeJsonAtomic, type AdapterFactory, type CatalogJson, type Workspace } from '@strata/core';
import { buildDocsData, type ProjectArtifacts } from './build-docs-data.js';
import { writeSite } from './write-site.js';

/** Options of `generateDocs`. */
export interface GenerateDocsOptions {
  adapters: Record<string, AdapterFactory>;
  /** Where the site goes; default `<project>/target/docs`, or `<workspace>/target/docs` for several projects. */
  outDir?: string;
  /** Read the warehouse for `catalog.json` (types, row counts, latest loads). Default true. */
  introspect?: boolean;
  /** Hears about what could not be done (e.g. a warehouse that would not open). */
  log?: (message: string) => void;
}

/** What `generateDocs` wrote. */
export interface GenerateDocsResult {
  outDir: string;
  /** The page to open: `<outDir>/index.html`. */
  index: string;
  nodes: number;
  edges: number;
  /** `catalog.json` files written, one per project. */
  catalogs: string[];
}

/** The default site folder of a workspace (see `GenerateDocsOptions.outDir`). */
export function defaultDocsDir(workspace: Workspace): string {
  return workspace.projects.length === 1 ? join(workspace.projects[0]!.root, 'target', 'docs') : join(workspace.workspaceRoot, 'target', 'docs');
}

function readJson(file: string): Record<string, unknown> | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

/**
 * `strata docs generate`: compiles every node (fresh `manifest.json` and compiled SQL),
 * introspects the warehouse into each project's `target/catalog.json`, then renders the static
 * site from the artifacts (with the last `run_results.json` and `sources.json` when present).
 *
 * @example const { index } = await generateDocs(await loadWorkspace({ projects: ['domains/ecommerce'] }), { adapters });
 */
export async function generateDocs(workspace: Workspace, options: GenerateDocsOptions): Promise<GenerateDocsResult> {
  const compiled = await runCommand(workspace, { command: 'compile', adapters: options.adapters });
  const catalogs = new Map<string, CatalogJson>();
  if (options.introspect !== false) {
    try {
      const adapter = await openAdapter(workspace, options.adapters, options.log);
      try {
        for (const project of workspace.dag.manifest.projects.values()) {
          catalogs.set(project.name, await catalogJson(workspace.dag, project, adapter, compiled.invocationId));
        }
      } finally {
        await adapter.close();
      }
    } catch (error) {
      options.log?.(`could not read the warehouse for catalog.json (${(error as Error).message}); the docs show no warehouse types or row counts`);
    }
  }
  const written: string[] = [];
  const artifacts: ProjectArtifacts[] = [];
  for (const project of workspace.dag.manifest.projects.values()) {
    const target = join(project.root, 'target');
    const catalog = catalogs.get(project.name);
    if (catalog) {
      writeJsonAtomic(join(target, 'catalog.json'), catalog);
      written.push(join(target, 'catalog.json'));
    }
    const own = Object.fromEntries([...compiled.compiled].filter(([id]) => workspace.dag.manifest.nodes.get(id)?.project === project.name));
    artifacts.push({
      manifest: readJson(join(target, 'manifest.json'))!,
      runResults: readJson(join(target, 'run_results.json')),
      sources: readJson(join(target, 'sources.json')),
      catalog,
      compiled: own,
    });
  }
  const names = artifacts.map((a) => (a.manifest.metadata as { project_name?: string }).project_name).filter(Boolean);
  const data = buildDocsData(artifacts, names.length === 1 ? `${names[0]} · Strata docs` : 'Strata docs');
  const outDir = options.outDir ?? defaultDocsDir(workspace);
  const index = writeSite(outDir, data);
  return { outDir, index, nodes: data.nodes.length, edges: data.edges.length, catalogs: written };
}
