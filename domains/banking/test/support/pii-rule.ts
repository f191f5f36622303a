/**
 * The PII rule, checked three ways on a built warehouse (the build-time singular test
 * tests/assert_no_pii_after_staging.sql does the first):
 *
 *  1. name   — no built model has a column named like a source column tagged `.meta({ pii: true })`;
 *  2. source — only models under models/staging/ may read a source that has PII columns;
 *  3. value  — no text column of a built model holds a raw value of a PII column (catches
 *              `ssn as tax_id`, which the name check cannot see).
 *
 * Domain-level on purpose: a column-level lineage engine would make (2) and (3) exact.
 */
import type { ManifestNode, Workspace } from '@strata/core';

/** One violation: which model, which column, and why. */
export interface PiiLeak {
  model: string;
  column: string;
  kind: 'name' | 'source' | 'value';
  message: string;
}

/** Thrown by `assertNoPiiLeaks`; its message lists every leak, one a line. */
export class PiiLeakError extends Error {
  constructor(readonly leaks: PiiLeak[]) {
    super(`PII rule violated:\n${leaks.map((l) => `  ${l.message}`).join('\n')}`);
    this.name = 'PiiLeakError';
  }
}

type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** Raw values shorter than this are too common to mean anything (a first name like 'Bo'). */
const MIN_VALUE_LENGTH = 5;

interface PiiColumn {
  source: ManifestNode;
  column: string;
  label: string;
}

function piiColumnsOf(nodes: ManifestNode[]): PiiColumn[] {
  return nodes
    .filter((n) => n.resourceType === 'source')
    .flatMap((source) => source.columns.filter((c) => c.pii).map((c) => ({ source, column: c.name, label: `${(source as { sourceName: string }).sourceName}.${source.name}.${c.name}` })));
}

/** Every PII leak in the built models of a workspace. */
export async function findPiiLeaks(workspace: Workspace, query: Query, options: { stagingPath?: string } = {}): Promise<PiiLeak[]> {
  const stagingPath = options.stagingPath ?? 'models/staging/';
  const nodes = [...workspace.dag.manifest.nodes.values()];
  const pii = piiColumnsOf(nodes);
  const piiByName = new Map<string, string[]>();
  for (const p of pii) piiByName.set(p.column.toLowerCase(), [...(piiByName.get(p.column.toLowerCase()) ?? []), p.label]);
  const piiSources = new Set(pii.map((p) => p.source.uniqueId));
  const models = nodes.filter((n) => n.resourceType === 'model');
  const leaks: PiiLeak[] = [];

  for (const model of models) {
    if (model.path?.startsWith(stagingPath)) continue;
    for (const parent of model.dependsOn.filter((id) => piiSources.has(id))) {
      const source = workspace.dag.node(parent) as ManifestNode & { sourceName: string };
      leaks.push({ model: model.name, column: '*', kind: 'source', message: `model '${model.name}' reads source ${source.sourceName}.${source.name}, which has PII columns; only staging models may` });
    }
  }

  const built = models.filter((m) => m.config.materialized !== 'ephemeral' && m.relation);
  const columns = await query(
    `select table_schema, table_name, column_name, data_type from information_schema.columns where ${built.map((m) => `(table_schema = ${lit(m.relation!.schema)} and table_name = ${lit(m.relation!.name)})`).join(' or ') || 'false'}`,
  );
  const modelOf = (schema: string, table: string) => built.find((m) => m.relation!.schema === schema && m.relation!.name === table)!;
  for (const c of columns) {
    const labels = piiByName.get(String(c.column_name).toLowerCase());
    if (labels) {
      const model = modelOf(String(c.table_schema), String(c.table_name));
      leaks.push({ model: model.name, column: String(c.column_name), kind: 'name', message: `model '${model.name}' exposes PII column '${c.column_name}' (${labels.join(', ')} is tagged pii)` });
    }
  }

  const textColumns = columns.filter((c) => /^(VARCHAR|TEXT|STRING|CHAR)/i.test(String(c.data_type)));
  if (pii.length > 0 && textColumns.length > 0) {
    const values = pii
      .map((p) => `select distinct trim(cast(${q(p.column)} as varchar)) as v, ${lit(p.label)} as origin from ${q(p.source.relation!.schema)}.${q(p.source.relation!.name)} where length(trim(cast(${q(p.column)} as varchar))) >= ${MIN_VALUE_LENGTH}`)
      .join('\nunion all\n');
    const probes = textColumns
      .map((c) => `select ${lit(String(c.table_schema))} as s, ${lit(String(c.table_name))} as t, ${lit(String(c.column_name))} as c, pii.origin, count(*) as n from ${q(String(c.table_schema))}.${q(String(c.table_name))} as m join pii on trim(m.${q(String(c.column_name))}) = pii.v group by pii.origin`)
      .join('\nunion all\n');
    const hits = await query(`with pii as (\n${values}\n)\n${probes}`);
    for (const hit of hits) {
      const model = modelOf(String(hit.s), String(hit.t));
      leaks.push({ model: model.name, column: String(hit.c), kind: 'value', message: `column '${hit.c}' of model '${model.name}' holds ${hit.n} raw value(s) of PII column ${hit.origin}` });
    }
  }
  return leaks.sort((a, b) => a.message.localeCompare(b.message));
}

/** Throws a PiiLeakError naming every model and column that breaks the rule. */
export async function assertNoPiiLeaks(workspace: Workspace, query: Query, options: { stagingPath?: string } = {}): Promise<void> {
  const leaks = await findPiiLeaks(workspace, query, options);
  if (leaks.length > 0) throw new PiiLeakError(leaks);
}
