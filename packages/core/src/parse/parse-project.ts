import { basename, dirname, join } from 'node:path';
import type { ModelSchema, SourceTableSchema } from '../config/define-schemas.js';
import { ParseError, type StrataError } from '../errors/strata-error.js';
import { auditRelation } from '../expectations/audit-relation.js';
import { collectChecks, type CollectedCheck } from '../expectations/collect-checks.js';
import { seedValidationChecks } from '../expectations/validate-seed.js';
import type { LoadedProject } from '../load/load-project.js';
import { checksum, seedContentKey } from './checksum.js';
import { extractCalls, type ExtractedCalls, type RefCall, type SourceCall } from './extract-calls.js';
import type { ManifestNode, ModelNode, ProjectInfo, SeedNode, SourceNode, TestNode } from './manifest.js';
import { validateNodeConfig } from './materialization-config.js';
import { parseSnapshots } from './parse-snapshots.js';
import { parseTsModel, type ParsedTsModel } from './parse-ts-model.js';
import { applyAccess } from './check-access.js';
import { parseExposures } from './parse-exposures.js';
import { resolveModelConfig, resolveSchemaName } from './resolve-config.js';

/** A dependency still to be resolved once every project is parsed (refs may cross projects). */
export interface PendingDependency {
  nodeId: string;
  file: string;
  refs: RefCall[];
  sources: SourceCall[];
}

export interface ParsedProject {
  info: ProjectInfo;
  nodes: ManifestNode[];
  pending: PendingDependency[];
  errors: StrataError[];
}

export interface ParseOptions {
  /** Target whose `schema` (if any) replaces the project's base schema. */
  target?: string;
  /** Hears the `ref`/`source`/`config` calls found in each SQL model (partial parsing keeps them). */
  onModelCalls?: (nodeId: string, calls: ExtractedCalls) => void;
}

interface SchemaIndex {
  models: Map<string, { schema: ModelSchema; file: string }>;
  seeds: Map<string, { schema: ModelSchema; file: string }>;
  sources: Map<string, { schema: SourceTableSchema; file: string }>;
}

function indexSchemas(loaded: LoadedProject, errors: StrataError[]): SchemaIndex {
  const index: SchemaIndex = { models: new Map(), seeds: new Map(), sources: new Map() };
  for (const { path, schemas } of loaded.schemas) {
    const file = join(loaded.root, path);
    const put = <T>(map: Map<string, { schema: T; file: string }>, key: string, schema: T): void => {
      const previous = map.get(key);
      if (previous) errors.push(new ParseError('E_DUPLICATE_SCHEMA', `'${key}' has a schema in two files: ${previous.file} and ${file}`, { file, hint: 'keep one definition' }));
      else map.set(key, { schema, file });
    };
    for (const [name, schema] of Object.entries(schemas.models ?? {})) put(index.models, name, schema);
    for (const [name, schema] of Object.entries(schemas.seeds ?? {})) put(index.seeds, name, schema);
    for (const [source, tables] of Object.entries(schemas.sources ?? {})) {
      for (const [table, schema] of Object.entries(tables)) put(index.sources, `${source}.${table}`, schema);
    }
  }
  return index;
}

/**
 * Turns one loaded project into manifest nodes: models, seeds, sources, singular tests and the
 * tests its zod schemas declare. Refs are extracted statically and resolved later.
 */
export function parseProject(loaded: LoadedProject, options: ParseOptions = {}): ParsedProject {
  const { config } = loaded;
  const project = config.name;
  const errors: StrataError[] = [];
  const nodes: ManifestNode[] = [];
  const pending: PendingDependency[] = [];
  const target = options.target ? config.targets?.[options.target] : undefined;
  // `dataset` is BigQuery's (and dbt-bigquery's) word for the target's base schema.
  const targetSchema = (target?.schema ?? target?.dataset) as string | undefined;
  const baseSchema = targetSchema ?? config.schema ?? project;
  const schemas = indexSchemas(loaded, errors);
  const disabled: string[] = [];
  const modelsDir = config.paths?.models ?? 'models';

  const auditSchema = resolveSchemaName(baseSchema, 'audit');
  const addChecks = (parent: ManifestNode, collected: CollectedCheck[]): void => {
    for (const { name, check, options: opts } of collected) {
      const thresholds = { ...(opts.warnIf ? { warn_if: opts.warnIf } : {}), ...(opts.errorIf ? { error_if: opts.errorIf } : {}) };
      const test: TestNode = {
        uniqueId: `test.${project}.${name}`,
        resourceType: 'test',
        name,
        project,
        file: parent.file,
        path: parent.path,
        tags: parent.tags,
        config: { materialized: 'view', tags: parent.tags, enabled: true, severity: opts.severity, mostly: opts.mostly, where: opts.where, ...thresholds },
        dependsOn: [parent.uniqueId],
        columns: [],
        attachedTo: parent.uniqueId,
        column: 'column' in check ? check.column : undefined,
        check,
        severity: opts.severity,
        // Where `--store-failures` keeps the failing rows (dbt's audit schema).
        relation: auditRelation(auditSchema, name),
        checksum: checksum(check, opts),
        schemaFile: (parent as { schemaFile?: string }).schemaFile ?? (parent.resourceType === 'source' && parent.file?.endsWith('.ts') && parent.file !== loaded.configFile ? parent.file : undefined),
      };
      if (check.kind === 'relationships' || check.kind === 'row_count_equal') pending.push({ nodeId: test.uniqueId, file: parent.file ?? '', refs: [{ name: check.to.model, project: check.to.project, line: 1 }], sources: [] });
      nodes.push(test);
    }
  };

  // Models
  const seenModels = new Map<string, string>();
  for (const file of loaded.models) {
    const name = basename(file.path).replace(/\.(sql|ts)$/, '');
    const absolute = join(loaded.root, file.path);
    let calls;
    // A TypeScript model declares its refs and builds a Kysely query (parse-ts-model.ts).
    let ts: ParsedTsModel | undefined;
    try {
      if (file.path.endsWith('.ts')) ts = parseTsModel(file.module, file.text, absolute, config);
      calls = ts ? ts.calls : extractCalls(file.text, absolute);
    } catch (error) {
      errors.push(error as StrataError);
      // Known by name all the same, so its schema entry is not reported as an orphan too.
      seenModels.set(name, file.path);
      continue;
    }
    const folders = dirname(file.path).split('/').slice(modelsDir.split('/').length);
    const nodeConfig = resolveModelConfig(config, folders, calls.config);
    if (nodeConfig.enabled === false) {
      disabled.push(name);
      continue;
    }
    const previous = seenModels.get(name);
    if (previous) {
      errors.push(new ParseError('E_DUPLICATE_MODEL', `two models are named '${name}': ${previous} and ${file.path}`, { file: absolute, line: 1, hint: 'model names must be unique within a project; rename one file' }));
      continue;
    }
    seenModels.set(name, file.path);
    const schemaEntry = schemas.models.get(name);
    const { columns, checks, errors: checkErrors } = collectChecks(name, schemaEntry?.schema, schemaEntry?.file);
    errors.push(...checkErrors);
    const node: ModelNode = {
      uniqueId: `model.${project}.${name}`,
      resourceType: 'model',
      name,
      project,
      file: absolute,
      path: file.path,
      line: 1,
      description: schemaEntry?.schema.description,
      tags: [...new Set([...nodeConfig.tags, ...(schemaEntry?.schema.tags ?? [])])],
      config: nodeConfig,
      dependsOn: [],
      relation: { schema: resolveSchemaName(baseSchema, nodeConfig.schema), name: (nodeConfig.alias as string | undefined) ?? name },
      columns,
      rawSql: ts?.rawSql ?? file.text,
      contract: Boolean(schemaEntry?.schema.contract ?? nodeConfig.contract),
      ...(schemaEntry ? { schemaFile: schemaEntry.file } : {}),
      checksum: checksum(file.text, nodeConfig, schemaEntry ? columns : null),
      ...(ts ? { language: 'typescript' as const, tsModel: ts.definition } : {}),
    };
    errors.push(...applyAccess(node, schemaEntry?.schema, schemaEntry?.file));
    nodes.push(node);
    pending.push({ nodeId: node.uniqueId, file: absolute, refs: calls.refs, sources: calls.sources });
    if (!ts) options.onModelCalls?.(node.uniqueId, calls);
    addChecks(node, checks);
    errors.push(...validateNodeConfig(node));
  }
  for (const name of schemas.models.keys()) {
    if (!seenModels.has(name) && !disabled.includes(name)) {
      const entry = schemas.models.get(name)!;
      errors.push(new ParseError('E_SCHEMA_UNKNOWN_MODEL', `schema declared for '${name}' but no model file ${name}.sql (or ${name}.ts) exists`, { file: entry.file, hint: `create models/.../${name}.sql or remove the entry` }));
    }
  }

  // Snapshots
  const snapshots = parseSnapshots(loaded, baseSchema, new Set(seenModels.keys()));
  nodes.push(...snapshots.nodes);
  pending.push(...snapshots.pending);
  errors.push(...snapshots.errors);

  // Seeds
  const seedSchema = resolveSchemaName(baseSchema, config.seeds?.schema);
  const seedByRelation = new Map<string, SeedNode>();
  for (const path of loaded.seeds) {
    const name = basename(path, '.csv');
    const override = config.seeds?.overrides?.[name] ?? {};
    if (override.enabled === false) continue;
    const absolute = join(loaded.root, path);
    const relation = { schema: override.schema ? resolveSchemaName(baseSchema, override.schema) : seedSchema, name };
    // A seed that fills a source table takes that table's schema when it has none of its own.
    const sourceSchema = Object.entries(config.sources ?? {}).find(([source, s]) => s.tables.includes(name) && (s.schema ?? resolveSchemaName(baseSchema, source)) === relation.schema);
    const schemaEntry = schemas.seeds.get(name) ?? (sourceSchema ? schemas.sources.get(`${sourceSchema[0]}.${name}`) : undefined);
    const { columns, checks, errors: checkErrors } = collectChecks(name, schemaEntry?.schema, schemaEntry?.file);
    // A source's schema reports its mistakes once, through the source.
    if (!sourceSchema || schemas.seeds.has(name)) errors.push(...checkErrors);
    const seed: SeedNode = {
      uniqueId: `seed.${project}.${name}`,
      resourceType: 'seed',
      name,
      project,
      file: absolute,
      path,
      tags: config.seeds?.tags ?? [],
      config: { materialized: 'seed', tags: config.seeds?.tags ?? [], enabled: true },
      dependsOn: [],
      relation,
      columns,
      delimiter: override.delimiter ?? ',',
      validation: seedValidationChecks(checks),
      description: schemaEntry?.schema.description,
      ...(schemaEntry ? { schemaFile: schemaEntry.file } : {}),
      checksum: checksum(path, columns, seedContentKey(absolute)),
    };
    nodes.push(seed);
    seedByRelation.set(`${relation.schema}.${name}`, seed);
    // Seeds that feed a source are checked through the source, not twice.
    if (!sourceSchema || schemas.seeds.has(name)) addChecks(seed, checks);
  }

  // Sources
  for (const [sourceName, source] of Object.entries(config.sources ?? {})) {
    const schema = source.schema ?? resolveSchemaName(baseSchema, sourceName);
    for (const table of source.tables) {
      const schemaEntry = schemas.sources.get(`${sourceName}.${table}`);
      const { columns, checks, errors: checkErrors } = collectChecks(`${sourceName}_${table}`, schemaEntry?.schema, schemaEntry?.file);
      errors.push(...checkErrors);
      const seed = seedByRelation.get(`${schema}.${table}`);
      const node: SourceNode = {
        uniqueId: `source.${project}.${sourceName}.${table}`,
        resourceType: 'source',
        name: table,
        sourceName,
        sourceDescription: source.description,
        project,
        file: schemaEntry?.file ?? loaded.configFile,
        path: schemaEntry ? schemaEntry.file.slice(loaded.root.length + 1) : 'strata.config.ts',
        description: schemaEntry?.schema.description ?? source.description,
        tags: schemaEntry?.schema.tags ?? [],
        config: { materialized: 'view', tags: [], enabled: true },
        dependsOn: seed ? [seed.uniqueId] : [],
        relation: { schema, name: table },
        columns,
        loadedAtField: schemaEntry?.schema.loadedAtField ?? source.loadedAtField,
        freshness: schemaEntry?.schema.freshness === null ? undefined : (schemaEntry?.schema.freshness ?? source.freshness),
        checksum: checksum(sourceName, table, columns),
      };
      nodes.push(node);
      addChecks(node, checks);
    }
  }

  // Singular tests
  for (const file of loaded.tests) {
    const name = basename(file.path, '.sql');
    const absolute = join(loaded.root, file.path);
    let calls;
    try {
      calls = extractCalls(file.text, absolute);
    } catch (error) {
      errors.push(error as StrataError);
      continue;
    }
    const severity = (calls.config.severity as 'error' | 'warn' | undefined) ?? 'error';
    const test: TestNode = {
      uniqueId: `test.${project}.${name}`,
      resourceType: 'test',
      name,
      project,
      file: absolute,
      path: file.path,
      tags: (calls.config.tags as string[] | undefined) ?? [],
      config: { materialized: 'view', tags: [], enabled: true, severity },
      dependsOn: [],
      columns: [],
      rawSql: file.text,
      severity,
      checksum: checksum(file.text),
    };
    nodes.push(test);
    pending.push({ nodeId: test.uniqueId, file: absolute, refs: calls.refs, sources: calls.sources });
  }

  const info: ProjectInfo = {
    name: project,
    version: config.version,
    root: loaded.root,
    workspaceRoot: loaded.workspaceRoot,
    vars: config.vars ?? {},
    macroFiles: loaded.macros,
    disabled,
    exposures: parseExposures(loaded),
  };
  return { info, nodes, pending, errors };
}
