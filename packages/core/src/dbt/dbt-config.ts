/**
 * dbt's config hierarchy: `dbt_project.yml` trees (`models: { my_project: { staging: { +materialized: view } } }`),
 * then a properties file's `config:`, then the file's own `config()` — later wins, except
 * `tags` and hooks, which add up, and dict-valued settings (`meta`, `column_types`), which merge.
 */

/** Settings whose values are dicts, so a key without `+` holding a dict is still a setting. */
const DICT_SETTINGS = new Set(['meta', 'column_types', 'persist_docs', 'docs', 'grants', 'partition_by', 'contract', 'snapshot_meta_column_names', 'quoting', 'labels', 'freshness']);
/** Settings recognised without a `+` (dbt's own names); other plain keys name folders. */
const KNOWN_SETTINGS = new Set([
  'materialized', 'schema', 'database', 'alias', 'tags', 'enabled', 'pre-hook', 'post-hook', 'pre_hook', 'post_hook', 'full_refresh', 'unique_key',
  'incremental_strategy', 'on_schema_change', 'column_types', 'quote_columns', 'delimiter', 'persist_docs', 'docs', 'meta', 'grants', 'contract',
  'severity', 'where', 'limit', 'warn_if', 'error_if', 'store_failures', 'strategy', 'updated_at', 'check_cols', 'target_schema', 'target_database',
  'invalidate_hard_deletes', 'hard_deletes', 'snapshot_meta_column_names', 'group', 'access', 'sql_header', 'partition_by', 'cluster_by', 'on_configuration_change',
  'bind', 'batch_size', 'lookback', 'event_time', 'begin', 'loaded_at_field', 'freshness',
]);
const HOOKS: Record<string, string> = { 'pre-hook': 'pre_hook', pre_hook: 'pre_hook', 'post-hook': 'post_hook', post_hook: 'post_hook' };

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** Adds one setting to a merged config with dbt's merge rules. */
export function mergeSetting(config: Record<string, unknown>, rawKey: string, value: unknown): void {
  const key = HOOKS[rawKey] ?? rawKey;
  if (key === 'tags') config.tags = [...new Set([...(config.tags as string[] | undefined ?? []), ...asList(value).map(String)])];
  else if (key === 'pre_hook' || key === 'post_hook') config[key] = [...asList(config[key]), ...asList(value)];
  else if (DICT_SETTINGS.has(key) && value && typeof value === 'object' && !Array.isArray(value) && config[key] && typeof config[key] === 'object') config[key] = { ...(config[key] as object), ...value };
  else config[key] = value;
}

/** The settings at one level of a config tree, and its sub-trees by name. */
export function splitLevel(level: Record<string, unknown>): { settings: Array<[string, unknown]>; children: Record<string, Record<string, unknown>> } {
  const settings: Array<[string, unknown]> = [];
  const children: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(level)) {
    const isDict = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (key.startsWith('+')) settings.push([key.slice(1), value]);
    else if (KNOWN_SETTINGS.has(key) && (!isDict || DICT_SETTINGS.has(key))) settings.push([key, value]);
    else if (isDict) children[key] = value as Record<string, unknown>;
    else settings.push([key, value]);
  }
  return { settings, children };
}

/**
 * The settings a `dbt_project.yml` tree gives a node with this fqn (`[project, ...folders, name]`):
 * the tree's top level applies to every node, then each level along the fqn.
 * @example configFromTree({ '+materialized': 'view', shop: { marts: { '+materialized': 'table' } } }, ['shop', 'marts', 'orders'])
 *   // { materialized: 'table' }
 */
export function configFromTree(tree: Record<string, unknown>, fqn: string[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  let level: Record<string, unknown> | undefined = tree;
  for (let depth = 0; level; depth++) {
    const { settings, children } = splitLevel(level);
    for (const [key, value] of settings) mergeSetting(config, key, value);
    const next = fqn[depth];
    level = next === undefined ? undefined : children[next];
  }
  return config;
}

/** Merges config layers in order (later wins, tags and hooks add up). */
export function mergeConfigs(...layers: Array<Record<string, unknown> | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) for (const [key, value] of Object.entries(layer ?? {})) mergeSetting(out, key, value);
  return out;
}
