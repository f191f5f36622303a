import type { DocsColumn, DocsData, DocsExpectation, DocsFreshness, DocsLayer, DocsNode, DocsRun } from './docs-data.js';
import { describeCheck } from './describe-check.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- artifacts are JSON read from disk, shaped after dbt's schemas */
type Json = Record<string, any>;

/** The artifacts of one project, as read from its `target/`. */
export interface ProjectArtifacts {
  manifest: Json;
  runResults?: Json;
  catalog?: Json;
  sources?: Json;
  /** Compiled SQL by node id (what `strata compile` produced). */
  compiled?: Record<string, string>;
}

const LAYERS = new Set<DocsLayer>(['staging', 'intermediate', 'marts']);

function layerOf(node: Json): DocsLayer {
  if (node.resource_type === 'source') return 'source';
  if (node.resource_type === 'seed') return 'seed';
  if (node.resource_type === 'snapshot') return 'snapshot';
  if (node.resource_type === 'exposure') return 'exposure';
  const folder = String(node.path ?? '').split('/')[1] as DocsLayer;
  return LAYERS.has(folder) ? folder : 'model';
}

function runOf(result: Json | undefined): DocsRun | null {
  if (!result) return null;
  const timing = (result.timing ?? []).find((t: Json) => t.name === 'execute') ?? result.timing?.[0];
  return {
    status: result.status,
    completedAt: timing?.completed_at ?? null,
    executionTime: result.execution_time ?? 0,
    rowsAffected: result.adapter_response?.rows_affected ?? null,
    message: result.message ?? null,
  };
}

const span = (s: Json | null | undefined) => (s && s.count != null ? `${s.count} ${s.period}${s.count === 1 ? '' : 's'}` : null);

function freshnessOf(source: Json, catalog: Json | undefined, result: Json | undefined): DocsFreshness | null {
  const maxLoadedAt = result?.max_loaded_at ?? catalog?.stats?.max_loaded_at?.value ?? null;
  if (!source.loaded_at_field && !result && maxLoadedAt === null) return null;
  const criteria = result?.criteria ?? source.freshness ?? {};
  const age = result?.max_loaded_at_time_ago_in_s ?? (maxLoadedAt ? (Date.now() - Date.parse(maxLoadedAt)) / 1000 : null);
  return {
    maxLoadedAt,
    ageSeconds: age === null || Number.isNaN(age) ? null : age,
    status: result?.status ?? null,
    loadedAtField: source.loaded_at_field ?? null,
    warnAfter: span(criteria.warn_after),
    errorAfter: span(criteria.error_after),
  };
}

function expectationOf(test: Json, result: Json | undefined): DocsExpectation {
  const meta = test.test_metadata;
  const expectation = result?.adapter_response?.strata?.expectation;
  return {
    id: test.unique_id,
    name: test.name,
    kind: meta?.name ?? 'singular',
    column: test.column_name ?? null,
    severity: String(test.config?.severity ?? 'error').toLowerCase(),
    status: result?.status ?? 'not run',
    expectationType: expectation?.expectation_type,
    elementCount: expectation?.element_count,
    unexpectedCount: expectation?.unexpected_count ?? (typeof result?.failures === 'number' ? result.failures : undefined),
    unexpectedPercent: expectation?.unexpected_percent,
    observedValue: expectation?.observed_value,
    sample: expectation?.partial_unexpected_list,
    message: result?.message ?? null,
    detail: meta ? describeCheck(meta.name, meta.kwargs ?? {}) : test.raw_code,
  };
}

function columnsOf(node: Json, catalog: Json | undefined): DocsColumn[] {
  const declared: Json = node.columns ?? {};
  const actual: Json = catalog?.columns ?? {};
  const names = [...Object.keys(declared)];
  // Columns the warehouse has but the schema does not declare still belong on the page.
  for (const c of Object.values(actual).sort((a: Json, b: Json) => a.index - b.index)) if (!(c.name in declared)) names.push(c.name);
  return names.map((name) => {
    const d = declared[name];
    const a = actual[name];
    return {
      name,
      type: d?.data_type ?? null,
      warehouseType: a?.type ?? null,
      description: d?.description || a?.comment || '',
      nullable: typeof d?.meta?.nullable === 'boolean' ? d.meta.nullable : null,
      pii: d?.meta?.pii === true,
      tests: [],
    };
  });
}

/**
 * Merges the artifacts of one or more projects into what the site renders: a page per source,
 * seed, model, snapshot and exposure, with columns (schema + warehouse types), expectations and
 * their last results, row counts, freshness and the lineage edges between them.
 *
 * @example const data = buildDocsData([{ manifest, runResults, catalog }]);
 */
export function buildDocsData(projects: ProjectArtifacts[], title = 'Strata docs'): DocsData {
  const results = new Map<string, Json>();
  const freshness = new Map<string, Json>();
  const catalog = new Map<string, Json>();
  for (const p of projects) {
    for (const r of p.runResults?.results ?? []) results.set(r.unique_id, r);
    for (const r of p.sources?.results ?? []) freshness.set(r.unique_id, r);
    for (const [id, t] of Object.entries<Json>({ ...(p.catalog?.nodes ?? {}), ...(p.catalog?.sources ?? {}) })) catalog.set(id, t);
  }

  const nodes = new Map<string, DocsNode>();
  const tests: Json[] = [];
  const parents = new Map<string, string[]>();
  for (const p of projects) {
    const m = p.manifest;
    const all: Json[] = [...Object.values<Json>(m.nodes ?? {}), ...Object.values<Json>(m.sources ?? {}), ...Object.values<Json>(m.exposures ?? {})];
    for (const [id, ps] of Object.entries<string[]>(m.parent_map ?? {})) parents.set(id, ps);
    for (const n of all) {
      if (n.resource_type === 'test') {
        tests.push(n);
        continue;
      }
      if (!['model', 'seed', 'source', 'snapshot', 'exposure'].includes(n.resource_type)) continue;
      const cat = catalog.get(n.unique_id);
      const run = runOf(results.get(n.unique_id));
      const isSource = n.resource_type === 'source';
      const owner = n.owner ? [n.owner.name, n.owner.email].filter(Boolean).join(' · ') : '';
      nodes.set(n.unique_id, {
        id: n.unique_id,
        name: n.name,
        resourceType: n.resource_type,
        project: n.package_name,
        layer: layerOf(n),
        label: isSource ? `${n.source_name}.${n.name}` : n.resource_type === 'exposure' ? (n.label ?? n.name) : n.name,
        description: n.description || (isSource ? (n.source_description ?? '') : ''),
        path: n.original_file_path ?? null,
        tags: n.tags ?? [],
        materialized: n.config?.materialized ?? (isSource ? 'source' : null),
        relation: n.schema ? `${n.schema}.${isSource ? n.identifier : n.alias}` : null,
        rawSql: n.raw_code ?? null,
        compiledSql: p.compiled?.[n.unique_id] ?? results.get(n.unique_id)?.compiled_code ?? null,
        columns: columnsOf(n, cat),
        expectations: [],
        rowCount: typeof cat?.stats?.row_count?.value === 'number' ? cat.stats.row_count.value : n.config?.materialized === 'table' || n.resource_type === 'seed' ? (run?.rowsAffected ?? null) : null,
        lastRun: run,
        freshness: isSource ? freshnessOf(n, cat, freshness.get(n.unique_id)) : null,
        exposure: n.resource_type === 'exposure' ? { type: n.type, owner, url: n.url ?? null, maturity: n.maturity ?? null } : undefined,
        contract: n.contract?.enforced === true,
        upstream: [],
        downstream: [],
      });
    }
  }

  for (const test of tests) {
    const target = nodes.get(test.attached_node ?? test.meta?.strata?.attached_node ?? '');
    if (!target) continue;
    const expectation = expectationOf(test, results.get(test.unique_id));
    target.expectations.push(expectation);
    const column = target.columns.find((c) => c.name === expectation.column);
    if (column) column.tests.push(expectation.id);
  }

  const edges: Array<[string, string]> = [];
  for (const node of nodes.values()) {
    for (const parent of parents.get(node.id) ?? []) {
      const from = nodes.get(parent);
      if (!from || from.id === node.id) continue;
      edges.push([from.id, node.id]);
      node.upstream.push(from.id);
      from.downstream.push(node.id);
    }
  }

  const byProject = new Map<string, DocsNode[]>();
  for (const n of nodes.values()) byProject.set(n.project, [...(byProject.get(n.project) ?? []), n]);
  return {
    title,
    generatedAt: new Date().toISOString(),
    projects: projects.map((p) => {
      const name = p.manifest.metadata?.project_name ?? Object.values<Json>(p.manifest.nodes ?? {})[0]?.package_name ?? 'project';
      return { name, nodes: byProject.get(name)?.length ?? 0, lastRunAt: p.runResults?.metadata?.generated_at ?? null, adapter: p.manifest.metadata?.adapter_type ?? null };
    }),
    nodes: [...nodes.values()].sort((a, b) => a.project.localeCompare(b.project) || a.id.localeCompare(b.id)),
    edges: edges.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])),
  };
}
