import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dag } from '../graph/dag.js';
import type { ManifestNode, ProjectInfo, SourceNode, TestNode } from '../parse/manifest.js';
import type { NodeResult } from '../execute/node-result.js';

/** Version of Strata's artifact shapes; bumped on any breaking change. */
export const ARTIFACT_SCHEMA_VERSION = 1;

export interface ArtifactMetadata {
  dbt_schema_version: string;
  strata_schema_version: number;
  generated_at: string;
  invocation_id: string;
  project_name?: string;
  adapter_type?: string;
}

/** Metadata block shared by every artifact of one invocation. */
export function artifactMetadata(kind: 'manifest' | 'run-results' | 'sources', invocationId: string, project?: string, adapter?: string): ArtifactMetadata {
  const versions = { manifest: 'v12', 'run-results': 'v6', sources: 'v3' } as const;
  return {
    dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}/${versions[kind]}.json`,
    strata_schema_version: ARTIFACT_SCHEMA_VERSION,
    generated_at: new Date().toISOString(),
    invocation_id: invocationId,
    project_name: project,
    adapter_type: adapter,
  };
}

/** Writes JSON atomically (temp file + rename), so a crash never leaves half an artifact. */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2));
  renameSync(temporary, file);
}

function nodeJson(node: ManifestNode, dag: Dag): Record<string, unknown> {
  const base: Record<string, unknown> = {
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    name: node.name,
    package_name: node.project,
    path: node.path,
    original_file_path: node.path,
    fqn: [node.project, ...(node.path?.replace(/\.(sql|csv|ts)$/, '').split('/').slice(1) ?? [node.name])],
    description: node.description ?? '',
    tags: node.tags,
    config: node.config,
    depends_on: { nodes: dag.parents.get(node.uniqueId) ?? [], macros: [] },
    database: node.relation?.database ?? null,
    schema: node.relation?.schema ?? null,
    alias: node.relation?.name ?? node.name,
    relation_name: null,
    columns: Object.fromEntries(node.columns.map((c) => [c.name, { name: c.name, description: c.description ?? '', data_type: c.type ?? null, meta: { nullable: c.nullable, pii: c.pii ?? false }, tags: [] }])),
    checksum: { name: 'sha256', checksum: node.checksum },
    meta: {},
  };
  if ('rawSql' in node && node.rawSql) base.raw_code = node.rawSql;
  if (node.resourceType === 'test') {
    const test = node as TestNode;
    base.attached_node = test.attachedTo ?? null;
    base.column_name = test.column ?? null;
    base.test_metadata = test.check ? { name: test.check.kind, kwargs: test.check } : undefined;
  }
  if (node.resourceType === 'source') {
    const s = node as SourceNode;
    base.source_name = s.sourceName;
    base.identifier = s.name;
    base.loaded_at_field = s.loadedAtField ?? null;
  }
  return base;
}

/** `target/manifest.json`: every node of the project with config, columns and dependencies. */
export function manifestJson(dag: Dag, project: ProjectInfo, invocationId: string, adapter?: string): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const node of dag.manifest.nodes.values()) {
    if (node.project !== project.name) continue;
    (node.resourceType === 'source' ? sources : nodes)[node.uniqueId] = nodeJson(node, dag);
    parentMap[node.uniqueId] = dag.parents.get(node.uniqueId) ?? [];
    childMap[node.uniqueId] = dag.children.get(node.uniqueId) ?? [];
  }
  return {
    metadata: artifactMetadata('manifest', invocationId, project.name, adapter),
    nodes,
    sources,
    macros: {},
    docs: {},
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled: Object.fromEntries(project.disabled.map((name) => [`model.${project.name}.${name}`, []])),
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}

/** `target/run_results.json`: one entry per node with status, timing, rows and failures. */
export function runResultsJson(results: NodeResult[], invocationId: string, elapsed: number, args: Record<string, unknown>): Record<string, unknown> {
  return {
    metadata: artifactMetadata('run-results', invocationId),
    elapsed_time: elapsed,
    args,
    results: results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      thread_id: 'Thread-1',
      execution_time: r.executionTime,
      timing: [{ name: 'execute', started_at: r.startedAt, completed_at: r.completedAt }],
      adapter_response: { rows_affected: r.rowsAffected ?? null },
      message: r.message ?? null,
      failures: r.failures ?? null,
      compiled: r.compiledSql !== undefined,
      compiled_code: r.compiledSql ?? null,
      relation_name: r.relation ?? null,
      batch_results: null,
      strata: { expectation: r.expectation, error: r.error },
    })),
  };
}

/** Writes `manifest.json`, `run_results.json` and compiled SQL into each project's `target/`. */
export function writeArtifacts(dag: Dag, results: NodeResult[] | undefined, options: { invocationId?: string; elapsed?: number; args?: Record<string, unknown>; adapter?: string; compiled?: Map<string, string> }): string {
  const invocationId = options.invocationId ?? randomUUID();
  for (const project of dag.manifest.projects.values()) {
    const target = join(project.root, 'target');
    writeJsonAtomic(join(target, 'manifest.json'), manifestJson(dag, project, invocationId, options.adapter));
    const compiled = options.compiled ?? new Map((results ?? []).filter((r) => r.compiledSql).map((r) => [r.uniqueId, r.compiledSql!]));
    for (const [id, sql] of compiled) {
      const node = dag.manifest.nodes.get(id);
      if (!node || node.project !== project.name) continue;
      const file = node.resourceType === 'test' && !(node as TestNode).rawSql ? `tests/${node.name}.sql` : node.path ?? `${node.name}.sql`;
      const out = join(target, 'compiled', project.name, file);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, sql + '\n');
    }
    if (results) {
      const own = results.filter((r) => r.project === project.name);
      writeJsonAtomic(join(target, 'run_results.json'), runResultsJson(own, invocationId, options.elapsed ?? 0, options.args ?? {}));
    }
  }
  return invocationId;
}

/** Where a node's compiled SQL lands, for messages. */
export function compiledPath(project: ProjectInfo, node: ManifestNode): string {
  return join(project.root, 'target', 'compiled', project.name, node.path ?? `${node.name}.sql`);
}
