import { basename } from 'node:path';
import type { ExposureType } from '../config/exposure-config.js';
import type { FreshnessConfig, FreshnessSpan } from '../config/project-config.js';
import { ParseError } from '../errors/strata-error.js';
import { checksum, seedContentKey } from '../parse/checksum.js';
import type { ColumnSpec, ExposureNode, SeedNode, SourceNode } from '../parse/manifest.js';
import { columnSpecs, csvHeader, logicalType } from './dbt-columns.js';
import { configFromTree } from './dbt-config.js';
import type { DbtParseState } from './dbt-parse-state.js';

/**
 * Seeds (`seeds/*.csv` with `column_types`, `delimiter`, `+schema`, `alias`), sources from
 * properties files (schema named after the source unless set, `identifier`, freshness) and
 * exposures of a dbt project.
 */

/** Seeds: one node per CSV file, relation named like dbt names it. */
export function parseSeeds(state: DbtParseState): void {
  const { loaded, project } = { loaded: state.loaded, project: state.loaded.dbt.project };
  const seen = new Set<string>();
  for (const path of loaded.seeds) {
    const name = basename(path, '.csv');
    const absolute = state.absolute(path);
    state.attempt(() => {
      const fqn = [project.name, ...state.folders(path, project.seedPaths), name];
      const props = loaded.dbt.properties.seeds.get(name);
      const config = state.nodeConfig('seed', configFromTree(project.seeds, fqn), props?.data.config as Record<string, unknown> | undefined);
      if (!config.enabled) return;
      if (seen.has(name)) throw new ParseError('E_DUPLICATE_SEED', `two seeds are named '${name}'`, { file: absolute, line: 1 });
      seen.add(name);
      const delimiter = typeof config.delimiter === 'string' ? config.delimiter : ',';
      const types = (config.column_types ?? {}) as Record<string, string>;
      const documented = new Map(columnSpecs(props?.data).map((c) => [c.name, c]));
      // With column_types, every column of the file is declared (in file order) so the loader
      // can type some and infer the others; without, the engine infers all of them.
      let columns: ColumnSpec[] = [...documented.values()].map((c) => ({ ...c, type: undefined }));
      if (Object.keys(types).length > 0) {
        const header = csvHeader(absolute, delimiter);
        const unknown = Object.keys(types).filter((t) => !header.some((h) => h.toLowerCase() === t.toLowerCase()));
        if (unknown.length > 0) throw new ParseError('E_SEED_COLUMN_TYPES', `column_types of seed '${name}' name columns its file does not have: ${unknown.join(', ')}`, { file: props?.file ?? project.file, line: props?.line, hint: `the file's columns: ${header.join(', ')}` });
        columns = header.map((h) => {
          const type = Object.entries(types).find(([k]) => k.toLowerCase() === h.toLowerCase())?.[1];
          return { ...(documented.get(h) ?? { name: h, nullable: true }), name: h, dataType: type, type: logicalType(type) };
        });
      }
      const naming = { name, resource_type: 'seed', fqn, path, original_file_path: path, config, package_name: project.name };
      const seed: SeedNode = {
        uniqueId: `seed.${project.name}.${name}`,
        resourceType: 'seed',
        name,
        project: project.name,
        file: absolute,
        path,
        description: props?.data.description as string | undefined,
        tags: config.tags,
        config,
        dependsOn: [],
        relation: { schema: state.env.schemaName(config.schema as string | undefined, naming, absolute), name: state.env.aliasName(config.alias as string | undefined, naming, absolute) },
        columns,
        delimiter,
        checksum: checksum(path, config, seedContentKey(absolute)),
      };
      state.nodes.push(seed);
      state.addTests(seed, props?.data, { kind: 'seed', name }, `{{ ref('${name}') }}`, props?.file ?? absolute, props?.line ?? 1);
    });
  }
}

const span = (value: unknown): FreshnessSpan | undefined => {
  const v = value as { count?: number; period?: string } | null | undefined;
  return v && v.count !== undefined && v.period ? { count: Number(v.count), period: v.period as FreshnessSpan['period'] } : undefined;
};
const freshness = (value: unknown): FreshnessConfig | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  return { warnAfter: span(v.warn_after), errorAfter: span(v.error_after), filter: typeof v.filter === 'string' ? v.filter : undefined };
};

/** Sources: one node per table; a seed that lands on the same relation fills it (and runs first). */
export function parseSources(state: DbtParseState): void {
  const project = state.loaded.dbt.project;
  const seeds = new Map(state.nodes.filter((n) => n.resourceType === 'seed').map((n) => [`${n.relation!.schema}.${n.relation!.name}`.toLowerCase(), n]));
  for (const entry of state.loaded.dbt.properties.sources) {
    const source = entry.data;
    const config = { ...configFromTree(project.sources, [project.name, entry.name]), ...((source.config as Record<string, unknown> | undefined) ?? {}) };
    if (config.enabled === false) continue;
    const schema = state.attempt(() => state.env.renderText(String(source.schema ?? entry.name), entry.file));
    if (schema === undefined) continue;
    const tables = Array.isArray(source.tables) ? (source.tables as Array<Record<string, unknown>>) : [];
    for (const table of tables) {
      const tableName = String(table.name);
      const identifier = state.attempt(() => state.env.renderText(String(table.identifier ?? tableName), entry.file));
      if (identifier === undefined) continue;
      const seed = seeds.get(`${schema}.${identifier}`.toLowerCase());
      const tableFreshness = table.freshness === null ? undefined : (freshness(table.freshness) ?? freshness(source.freshness));
      const node: SourceNode = {
        uniqueId: `source.${project.name}.${entry.name}.${tableName}`,
        resourceType: 'source',
        name: tableName,
        sourceName: entry.name,
        sourceDescription: source.description as string | undefined,
        project: project.name,
        file: entry.file,
        path: entry.file.slice(state.loaded.root.length + 1),
        line: entry.line,
        description: (table.description as string | undefined) ?? (source.description as string | undefined),
        tags: [...((source.tags as string[] | undefined) ?? []), ...((table.tags as string[] | undefined) ?? [])],
        config: { materialized: 'view', tags: [], enabled: true },
        dependsOn: seed ? [seed.uniqueId] : [],
        relation: { schema, name: identifier },
        columns: columnSpecs(table),
        loadedAtField: (table.loaded_at_field ?? source.loaded_at_field) as string | undefined,
        freshness: tableFreshness,
        checksum: checksum(entry.name, table),
      };
      state.nodes.push(node);
      state.addTests(node, table, { kind: 'source', name: `${entry.name}_${tableName}` }, `{{ source('${entry.name}', '${tableName}') }}`, entry.file, entry.line);
    }
  }
}

const EXPOSURE_TYPES = new Set(['dashboard', 'notebook', 'analysis', 'ml', 'application']);

/** Exposures of the properties files, their `depends_on` (`ref('x')`, `source('a', 'b')`) as Strata names. */
export function parseExposures(state: DbtParseState): ExposureNode[] {
  const out: ExposureNode[] = [];
  for (const entry of state.loaded.dbt.properties.exposures) {
    const e = entry.data;
    const type = String(e.type ?? '');
    if (!EXPOSURE_TYPES.has(type)) {
      state.errors.push(new ParseError('E_DBT_EXPOSURE', `exposure '${entry.name}' has type '${type}'`, { file: entry.file, line: entry.line, hint: `use one of ${[...EXPOSURE_TYPES].join(', ')}` }));
      continue;
    }
    const refs = ((e.depends_on as unknown[] | undefined) ?? []).map((d) => {
      const text = String(d);
      const ref = /ref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?\)/.exec(text);
      if (ref) return ref[2] ? `${ref[1]}.${ref[2]}` : ref[1]!;
      const source = /source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(text);
      return source ? `source:${source[1]}.${source[2]}` : text;
    });
    out.push({
      uniqueId: `exposure.${state.project}.${entry.name}`,
      name: entry.name,
      project: state.project,
      type: type as ExposureType,
      owner: (e.owner as ExposureNode['owner']) ?? {},
      url: e.url as string | undefined,
      label: e.label as string | undefined,
      description: e.description as string | undefined,
      maturity: e.maturity as ExposureNode['maturity'],
      tags: (e.tags as string[] | undefined) ?? [],
      refs,
      dependsOn: [],
      file: entry.file,
      line: entry.line,
    });
  }
  return out;
}
