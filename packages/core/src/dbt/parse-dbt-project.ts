import { basename } from 'node:path';
import { ConfigError, ParseError } from '../errors/strata-error.js';
import { checksum } from '../parse/checksum.js';
import type { ModelNode, ProjectInfo, TestNode } from '../parse/manifest.js';
import { validateNodeConfig } from '../parse/materialization-config.js';
import type { ParsedProject, ParseOptions } from '../parse/parse-project.js';
import { splitSnapshotFile } from '../parse/parse-snapshots.js';
import { columnSpecs } from './dbt-columns.js';
import { configFromTree } from './dbt-config.js';
import { DbtParseState } from './dbt-parse-state.js';
import { parseExposures, parseSeeds, parseSources } from './parse-dbt-resources.js';
import type { DbtLoadedProject } from './load-dbt-project.js';

/** Materializations Strata builds; dbt's others (materialized_view, custom ones) are errors. */
const MATERIALIZATIONS = new Set(['view', 'table', 'incremental', 'ephemeral']);

/** dbt's snapshot columns (`dbt_valid_from`, …) unless the project names its own. */
const DBT_SNAPSHOT_COLUMNS = { valid_from: 'dbt_valid_from', valid_to: 'dbt_valid_to', scd_id: 'dbt_scd_id', is_current: 'dbt_is_current' };

/**
 * Turns a loaded dbt project into manifest nodes with dbt's semantics: the config hierarchy
 * (`dbt_project.yml` < properties `config:` < `config()`), relation names from
 * `generate_schema_name`/`generate_alias_name` (`<target schema>_<custom>` by default), sources
 * in the schema named after them, and tests named as dbt names them.
 *
 * @example const parsed = parseDbtProject(await loadDbtProject('jaffle_shop'), { target: 'dev' });
 */
export function parseDbtProject(loaded: DbtLoadedProject, options: ParseOptions = {}): ParsedProject {
  const { project, profile, properties } = loaded.dbt;
  const targetName = options.target ?? profile.defaultTarget;
  const template = profile.templateTargets[targetName] ?? {};
  const templateTarget = { ...template, name: targetName, schema: String(template.schema ?? profile.targets[targetName]?.schema ?? 'main') };
  const state = new DbtParseState(loaded, templateTarget);
  const name = project.name;

  // Models
  const seen = new Map<string, string>();
  for (const file of loaded.models) {
    const modelName = basename(file.path, '.sql');
    const absolute = state.absolute(file.path);
    state.attempt(() => {
      const calls = state.calls(file.text, absolute);
      const fqn = [name, ...state.folders(file.path, project.modelPaths), modelName];
      const props = properties.models.get(modelName);
      const config = state.nodeConfig('view', configFromTree(project.models, fqn), props?.data.config as Record<string, unknown> | undefined, calls.config);
      if (!config.enabled) {
        state.disabled.push(modelName);
        return;
      }
      if (seen.has(modelName)) throw new ParseError('E_DUPLICATE_MODEL', `two models are named '${modelName}': ${seen.get(modelName)} and ${file.path}`, { file: absolute, line: 1, hint: 'model names are unique within a project' });
      seen.set(modelName, file.path);
      if (!MATERIALIZATIONS.has(String(config.materialized))) {
        throw new ConfigError('E_DBT_MATERIALIZATION', `${modelName}: materialized='${String(config.materialized)}' is not supported`, { file: absolute, line: calls.configLine ?? 1, hint: 'use view, table, incremental or ephemeral (custom materializations and materialized views are not supported)' });
      }
      const naming = { name: modelName, resource_type: 'model', fqn, path: file.path, original_file_path: file.path, config, package_name: name };
      const contract = config.contract as { enforced?: boolean } | undefined;
      const node: ModelNode = {
        uniqueId: `model.${name}.${modelName}`,
        resourceType: 'model',
        name: modelName,
        project: name,
        file: absolute,
        path: file.path,
        line: 1,
        description: props?.data.description as string | undefined,
        tags: config.tags,
        config,
        dependsOn: [],
        relation: { schema: state.env.schemaName(config.schema as string | undefined, naming, absolute), name: state.env.aliasName(config.alias as string | undefined, naming, absolute) },
        columns: columnSpecs(props?.data),
        rawSql: file.text,
        contract: contract?.enforced === true,
        checksum: checksum(file.text, config, props?.data ?? null),
      };
      state.errors.push(...validateNodeConfig(node));
      state.nodes.push(node);
      state.pending.push({ nodeId: node.uniqueId, file: absolute, refs: calls.refs, sources: calls.sources });
      state.addTests(node, props?.data, { kind: 'model', name: modelName }, `{{ ref('${modelName}') }}`, props?.file ?? absolute, props?.line ?? 1);
    });
  }
  for (const [model, entry] of properties.models) {
    if (!seen.has(model) && !state.disabled.includes(model)) {
      state.errors.push(new ParseError('E_DBT_PROPERTIES', `properties declared for model '${model}', but there is no ${model}.sql`, { file: entry.file, line: entry.line, hint: 'create the model or remove the entry' }));
    }
  }

  // Snapshots
  for (const file of loaded.snapshots) {
    const absolute = state.absolute(file.path);
    const parts = splitSnapshotFile(file.text, file.path);
    if (parts.length === 0) state.errors.push(new ParseError('E_SNAPSHOT_BLOCK', '{% snapshot %} block is not closed', { file: absolute, line: 1, hint: 'end it with {% endsnapshot %}' }));
    for (const part of parts) {
      state.attempt(() => {
        const calls = state.calls(part.body, absolute);
        const fqn = [name, ...state.folders(file.path, project.snapshotPaths), part.name];
        const props = properties.snapshots.get(part.name);
        const config = state.nodeConfig('snapshot', { snapshot_meta_column_names: DBT_SNAPSHOT_COLUMNS }, configFromTree(project.snapshots, fqn), props?.data.config as Record<string, unknown> | undefined, calls.config);
        config.materialized = 'snapshot';
        if (!config.enabled || seen.has(part.name)) {
          if (seen.has(part.name)) state.errors.push(new ParseError('E_DUPLICATE_SNAPSHOT', `snapshot '${part.name}' has the name of another model or snapshot`, { file: absolute, line: part.line }));
          return;
        }
        seen.set(part.name, file.path);
        const naming = { name: part.name, resource_type: 'snapshot', fqn, path: file.path, original_file_path: file.path, config, package_name: name };
        // dbt before 1.9: `target_schema` is used as written; `schema` goes through generate_schema_name.
        const schema = typeof config.target_schema === 'string' ? config.target_schema : state.env.schemaName(config.schema as string | undefined, naming, absolute);
        const node: ModelNode = {
          uniqueId: `snapshot.${name}.${part.name}`,
          resourceType: 'snapshot',
          name: part.name,
          project: name,
          file: absolute,
          path: file.path,
          line: part.line,
          description: props?.data.description as string | undefined,
          tags: config.tags,
          config,
          dependsOn: [],
          relation: { schema, name: (config.alias as string | undefined) ?? part.name },
          columns: columnSpecs(props?.data),
          rawSql: part.body,
          contract: false,
          checksum: checksum(part.body, config),
        };
        const invalid = validateNodeConfig(node);
        if (invalid.length > 0) return void state.errors.push(...invalid);
        state.nodes.push(node);
        state.pending.push({ nodeId: node.uniqueId, file: absolute, refs: calls.refs, sources: calls.sources });
        state.addTests(node, props?.data, { kind: 'snapshot', name: part.name }, `{{ ref('${part.name}') }}`, props?.file ?? absolute, props?.line ?? 1);
      });
    }
  }

  parseSeeds(state);
  parseSources(state);

  // Singular tests
  for (const file of loaded.tests) {
    const absolute = state.absolute(file.path);
    state.attempt(() => {
      const calls = state.calls(file.text, absolute);
      const testName = basename(file.path, '.sql');
      const config = state.nodeConfig('test', configFromTree(project.tests, [name, ...state.folders(file.path, project.testPaths), testName]), calls.config);
      if (!config.enabled) return;
      const severity = String(config.severity ?? 'error').toLowerCase() === 'warn' ? 'warn' : 'error';
      const test: TestNode = {
        uniqueId: `test.${name}.${testName}`,
        resourceType: 'test',
        name: testName,
        project: name,
        file: absolute,
        path: file.path,
        tags: config.tags,
        config: { ...config, severity },
        dependsOn: [],
        columns: [],
        rawSql: file.text,
        severity,
        checksum: checksum(file.text, config),
      };
      state.nodes.push(test);
      state.pending.push({ nodeId: test.uniqueId, file: absolute, refs: calls.refs, sources: calls.sources });
    });
  }

  const info: ProjectInfo = {
    name,
    version: project.version,
    root: loaded.root,
    workspaceRoot: loaded.workspaceRoot,
    vars: project.vars,
    macroFiles: loaded.macros,
    disabled: state.disabled,
    exposures: parseExposures(state),
    templateTarget,
  };
  return { info, nodes: state.nodes, pending: state.pending, errors: state.errors };
}
