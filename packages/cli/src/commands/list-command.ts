import { loadWorkspace, selectWorkspace, type ManifestNode } from '@strata/core';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';

/** The JSON `ls --output json` prints per node (dbt's keys). */
function nodeJson(node: ManifestNode): Record<string, unknown> {
  return {
    unique_id: node.uniqueId,
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.project,
    original_file_path: node.path ?? null,
    path: node.path ?? null,
    depends_on: { nodes: node.dependsOn },
    tags: node.tags,
    config: node.config,
    alias: node.relation?.name ?? null,
    schema: node.relation?.schema ?? null,
  };
}

/**
 * `strata ls`: the selected nodes in DAG order, as `project.name` (with the type for non-models),
 * as file paths, or as JSON lines (`--output-keys` keeps only some keys).
 */
export async function listCommand(options: CommonOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  const selected = selectWorkspace(workspace, options);
  const types = options.resourceType && options.resourceType.length > 0 ? new Set(options.resourceType) : undefined;
  for (const id of workspace.dag.topologicalOrder(selected)) {
    const node = workspace.dag.node(id);
    if (types && !types.has(node.resourceType)) continue;
    if (options.output === 'json') {
      const json = nodeJson(node);
      const keys = options.outputKeys?.flatMap((k) => k.split(',')).filter(Boolean);
      io.out(JSON.stringify(keys && keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, json[k] ?? null])) : json));
    } else if (options.output === 'path') io.out(node.path ?? id);
    else io.out(`${node.project}.${node.resourceType === 'source' ? `${(node as { sourceName?: string }).sourceName}.` : ''}${node.name}${node.resourceType === 'model' ? '' : ` (${node.resourceType})`}`);
  }
  return EXIT.ok;
}
