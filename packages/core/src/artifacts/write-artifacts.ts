import { randomUUID } from 'node:crypto';
import { join, relative } from 'node:path';
import type { Dag } from '../graph/dag.js';
import type { ManifestNode, ProjectInfo, SourceNode, TestNode } from '../parse/manifest.js';
import type { NodeResult } from '../execute/node-result.js';
import { macroDependencies, projectMacros, type MacroDefinition } from '../parse/macro-dependencies.js';
import { exposuresJson } from './exposures-json.js';
import { sharesScan } from '../expectations/check-definition.js';
import { JsonEntries, materializeJson, writeJsonStreamed, type JsonValuePath } from './json-entries.js';
import { writeCompiledSql } from './write-compiled-sql.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Version of Strata's artifact shapes; bumped on any breaking change. */
export const ARTIFACT_SCHEMA_VERSION = 1;

/**
 * The `metadata` block of an artifact. dbt's schemas forbid extra keys here, so Strata's own
 * schema version travels in `env.STRATA_SCHEMA_VERSION` (dbt's free-form string map).
 */
export interface ArtifactMetadata {
  dbt_schema_version: string;
  generated_at: string;
  invocation_id: string;
  env: Record<string, string>;
  /** Manifest only (the other artifacts' schemas have no such field). */
  project_name?: string;
  adapter_type?: string;
}

/** Metadata block shared by every artifact of one invocation. */
export function artifactMetadata(kind: 'manifest' | 'run-results' | 'sources' | 'catalog', invocationId: string, project?: string, adapter?: string): ArtifactMetadata {
  const versions = { manifest: 'v12', 'run-results': 'v6', sources: 'v3', catalog: 'v1' } as const;
  const metadata: ArtifactMetadata = {
    dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}/${versions[kind]}.json`,
    generated_at: new Date().toISOString(),
    invocation_id: invocationId,
    env: { STRATA_SCHEMA_VERSION: String(ARTIFACT_SCHEMA_VERSION) },
  };
  if (kind === 'manifest') {
    metadata.project_name = project;
    metadata.adapter_type = adapter;
  }
  return metadata;
}

/**
 * Writes JSON atomically (temp file + rename), so a crash or a full disk never leaves half an
 * artifact: the previous one stays until the new one is complete (E_ARTIFACT_WRITE otherwise).
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  // Compact, like dbt's own artifacts: at 50,000 nodes indentation doubles the size and the time.
  writeFileAtomic(file, JSON.stringify(value));
}

/** A node's entry in `manifest.json` (dbt's shape). */
export function nodeJson(node: ManifestNode, dag: Dag, macros: Map<string, MacroDefinition>): Record<string, unknown> {
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
    // dbt's seeds and sources have no node dependencies (a Strata source filled by a seed keeps that edge in parent_map).
    depends_on: node.resourceType === 'seed' ? { macros: macroDependencies(node, macros) } : { nodes: dag.parents.get(node.uniqueId) ?? [], macros: macroDependencies(node, macros) },
    database: node.relation?.database ?? null,
    // A singular test has no relation of its own; dbt's schema wants a string.
    schema: node.relation?.schema ?? '',
    alias: node.relation?.name ?? node.name,
    relation_name: null,
    columns: Object.fromEntries(node.columns.map((c) => [c.name, { name: c.name, description: c.description ?? '', data_type: c.type ?? null, meta: { nullable: c.nullable, pii: c.pii ?? false }, tags: [] }])),
    checksum: { name: 'sha256', checksum: node.checksum },
    meta: {},
  };
  if ('rawSql' in node && node.rawSql) base.raw_code = node.rawSql;
  if ('contract' in node) base.contract = { enforced: node.contract };
  if (node.resourceType === 'test') {
    const test = node as TestNode;
    if (test.check) {
      base.attached_node = test.attachedTo ?? null;
      base.column_name = test.column ?? null;
      base.test_metadata = { name: test.check.kind, kwargs: test.check };
    } else {
      // dbt's singular tests have no attached node; Strata's gate skips with it, so keep it in meta.
      base.meta = { strata: { attached_node: test.attachedTo ?? null } };
    }
  }
  if (node.resourceType === 'source') {
    const s = node as SourceNode;
    // Sources in dbt's shape: no depends_on, alias or checksum (what fills them stays in parent_map).
    delete base.depends_on;
    delete base.alias;
    delete base.checksum;
    base.source_description = s.sourceDescription ?? '';
    base.loader = '';
    base.source_name = s.sourceName;
    base.identifier = s.relation?.name ?? s.name;
    base.loaded_at_field = s.loadedAtField ?? null;
    base.freshness = s.freshness ? { warn_after: spanJson(s.freshness.warnAfter), error_after: spanJson(s.freshness.errorAfter), filter: s.freshness.filter ?? null } : null;
  }
  return base;
}

/** A freshness span in dbt's shape. */
function spanJson(span: { count: number; period: string } | undefined): { count: number | null; period: string | null } {
  return { count: span?.count ?? null, period: span?.period ?? null };
}

/** `target/manifest.json`: every node of the project with config, columns and dependencies. */
export function manifestJson(dag: Dag, project: ProjectInfo, invocationId: string, adapter?: string): Record<string, unknown> {
  return materializeJson(manifestDocument(dag, project, invocationId, adapter));
}

/**
 * The manifest with its per-node maps as `JsonEntries`: written entry by entry, never held whole
 * (at 50,000 models the plain manifest is ~400 MB of objects and a ~400 MB string).
 */
function manifestDocument(dag: Dag, project: ProjectInfo, invocationId: string, adapter?: string): Record<string, unknown> {
  const macros = projectMacros(project);
  const own = () => [...dag.manifest.nodes.values()].filter((node) => node.project === project.name);
  // Exposures are nodes of the maps too: their parents, and a child of each local parent.
  const exposures = project.exposures ?? [];
  const exposureChildren = new Map<string, string[]>();
  for (const e of exposures) for (const parent of e.dependsOn) exposureChildren.set(parent, [...(exposureChildren.get(parent) ?? []), e.uniqueId]);
  const parentMap = new JsonEntries(function* () {
    for (const node of own()) yield [node.uniqueId, dag.parents.get(node.uniqueId) ?? []] as const;
    for (const e of exposures) yield [e.uniqueId, [...e.dependsOn]] as const;
  });
  const childMap = new JsonEntries(function* () {
    for (const node of own()) yield [node.uniqueId, [...(dag.children.get(node.uniqueId) ?? []), ...(exposureChildren.get(node.uniqueId) ?? [])]] as const;
    for (const e of exposures) yield [e.uniqueId, []] as const;
  });
  return {
    metadata: artifactMetadata('manifest', invocationId, project.name, adapter),
    nodes: new JsonEntries(function* () {
      for (const node of own()) if (node.resourceType !== 'source') yield [node.uniqueId, nodeJson(node, dag, macros)] as const;
    }),
    sources: new JsonEntries(function* () {
      for (const node of own()) if (node.resourceType === 'source') yield [node.uniqueId, nodeJson(node, dag, macros)] as const;
    }),
    macros: Object.fromEntries(
      [...macros.values()].map((m) => [m.uniqueId, { unique_id: m.uniqueId, name: m.name, package_name: project.name, resource_type: 'macro', path: m.path, original_file_path: m.path, macro_sql: m.sql, depends_on: { macros: m.dependsOn } }]),
    ),
    docs: {},
    exposures: exposuresJson(project),
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
      // `adapter_response` is the one free-form object of a dbt run result: Strata's extras live under its `strata` key.
      adapter_response: { rows_affected: r.rowsAffected ?? null, strata: { expectation: r.expectation, error: r.error, compiled_path: r.compiledPath } },
      message: r.message ?? null,
      failures: r.failures ?? null,
      compiled: r.compiledSql !== undefined,
      compiled_code: r.compiledSql ?? null,
      relation_name: r.relation ?? null,
      batch_results: null,
    })),
  };
}

/** Writes `manifest.json`, `run_results.json` and compiled SQL into each project's `target/`. */
export function writeArtifacts(
  dag: Dag,
  results: NodeResult[] | undefined,
  options: {
    invocationId?: string;
    elapsed?: number;
    args?: Record<string, unknown>;
    adapter?: string;
    compiled?: Map<string, string>;
    redact?: (text: string) => string;
    /** Hears where each value of a project's `manifest.json` was written (for partial parsing). */
    onManifestValue?: (project: ProjectInfo, path: JsonValuePath, start: number, end: number) => void;
  },
): string {
  const invocationId = options.invocationId ?? randomUUID();
  // Secrets (a password, a STRATA_ENV_SECRET_ value rendered into a hook) never reach target/.
  const redact = options.redact ?? ((text: string) => text);
  const writeJson = (file: string, value: unknown) => writeFileAtomic(file, redact(JSON.stringify(value)));
  for (const project of dag.manifest.projects.values()) {
    const target = join(project.root, 'target');
    const onValue = options.onManifestValue;
    writeJsonStreamed(join(target, 'manifest.json'), manifestDocument(dag, project, invocationId, options.adapter), redact, onValue && ((path, start, end) => onValue(project, path, start, end)));
    const compiled = options.compiled ?? new Map((results ?? []).filter((r) => r.compiledSql).map((r) => [r.uniqueId, r.compiledSql!]));
    // The checks of one relation share one query, and the queries of the relations a schema file
    // describes share that file's compiled counterpart: one section per relation.
    // Each file's text is made when it is written (not all at once: hundreds of MB at 50,000 models).
    const files = new Map<string, () => string>();
    const scans = new Map<string, Map<string, string>>();
    for (const [id, sql] of compiled) {
      const node = dag.manifest.nodes.get(id);
      if (!node || node.project !== project.name) continue;
      const path = compiledFile(project, node);
      const scanOf = scanRelation(node);
      if (scanOf) {
        const sections = scans.get(path) ?? new Map<string, string>();
        scans.set(path, sections);
        if (!sections.has(scanOf)) sections.set(scanOf, sql);
      } else if (!files.has(path)) files.set(path, () => redact(sql) + '\n');
    }
    for (const [path, sections] of scans) files.set(path, () => [...sections].map(([relation, sql]) => `-- expectations of ${relation}\n${redact(sql)}\n`).join('\n'));
    writeCompiledSql(join(target, 'compiled', project.name), [...files].map(([path, text]) => ({ path, text })));
    if (results) {
      const own = results.filter((r) => r.project === project.name);
      writeJson(join(target, 'run_results.json'), runResultsJson(own, invocationId, options.elapsed ?? 0, options.args ?? {}));
    }
  }
  return invocationId;
}

/** Where a node's compiled SQL lands, for messages. */
export function compiledPath(project: ProjectInfo, node: ManifestNode): string {
  return join(project.root, 'target', 'compiled', project.name, compiledFile(project, node));
}

/** The relation whose single scan runs a test's check, or undefined for other nodes. */
function scanRelation(node: ManifestNode): string | undefined {
  const test = node as TestNode;
  return node.resourceType === 'test' && !test.rawSql && test.check && test.attachedTo && sharesScan(test.check) ? test.attachedTo : undefined;
}

/**
 * A node's compiled file under `target/compiled/<project>/`: its own path; for a check that runs
 * in its relation's single scan, the compiled counterpart of the schema file declaring it
 * (`models/marts/schema.ts.sql`, one section per relation — at 10,000 models 50 files, not
 * 50,000), else `expectations/<relation>.sql`; `tests/<name>.sql` for other schema tests.
 */
export function compiledFile(project: ProjectInfo, node: ManifestNode): string {
  const relation = scanRelation(node);
  if (relation) {
    const schemaFile = (node as TestNode).schemaFile;
    return schemaFile && schemaFile.startsWith(`${project.root}/`) ? `${relative(project.root, schemaFile).split('\\').join('/')}.sql` : `expectations/${relation}.sql`;
  }
  if (node.resourceType === 'test' && !(node as TestNode).rawSql) return `tests/${node.name}.sql`;
  // A TypeScript model's compiled SQL is a .sql file like every other.
  return node.path?.replace(/\.ts$/, '.sql') ?? `${node.name}.sql`;
}
