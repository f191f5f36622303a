import type { FolderConfig, Materialization, ProjectConfig } from '../config/project-config.js';
import type { NodeConfig } from './manifest.js';

const FOLDER_KEYS = new Set(['materialized', 'schema', 'tags', 'enabled']);

/** Settings that accumulate from folder to model instead of being replaced (dbt does the same for hooks). */
const HOOK_KEYS: Record<string, 'pre_hook' | 'post_hook'> = { pre_hook: 'pre_hook', 'pre-hook': 'pre_hook', post_hook: 'post_hook', 'post-hook': 'post_hook' };

const asList = (value: unknown): string[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** Sets one setting on a merged config: tags and hooks accumulate, everything else overrides. */
function mergeSetting(merged: NodeConfig, key: string, value: unknown): void {
  const hook = HOOK_KEYS[key];
  if (key === 'tags') merged.tags = [...merged.tags, ...asList(value)];
  else if (hook) merged[hook] = [...asList(merged[hook]), ...asList(value)];
  else merged[key] = value;
}

/**
 * Merges folder settings from `strata.config.ts` for a model at `models/a/b/x.sql`:
 * settings of `a`, then of `a.b`, then the model's own `config()` call. Tags accumulate.
 */
export function resolveModelConfig(project: ProjectConfig, relativeDir: string[], inFile: Record<string, unknown>): NodeConfig {
  const merged: NodeConfig = { materialized: 'view', tags: [], enabled: true };
  let level: Record<string, unknown> | undefined = project.models as Record<string, unknown> | undefined;
  for (const folder of relativeDir) {
    const folderConfig = level?.[folder] as FolderConfig | undefined;
    if (!folderConfig || typeof folderConfig !== 'object') break;
    for (const [key, value] of Object.entries(folderConfig)) {
      if (!FOLDER_KEYS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) continue; // a subfolder
      mergeSetting(merged, key, value);
    }
    level = folderConfig as Record<string, unknown>;
  }
  for (const [key, value] of Object.entries(inFile)) mergeSetting(merged, key, value);
  merged.materialized = merged.materialized as Materialization;
  return merged;
}

/**
 * A snapshot's settings: the project's `snapshots` block, then the snapshot's own `config()`.
 * `materialized` is always `snapshot`.
 */
export function resolveSnapshotConfig(project: ProjectConfig, inFile: Record<string, unknown>): NodeConfig {
  const merged: NodeConfig = { materialized: 'snapshot', tags: [], enabled: true };
  for (const [key, value] of Object.entries(project.snapshots ?? {})) mergeSetting(merged, key, value);
  for (const [key, value] of Object.entries(inFile)) mergeSetting(merged, key, value);
  merged.materialized = 'snapshot';
  return merged;
}

/**
 * The physical schema of a node, like dbt's generate_schema_name: the base schema alone, or
 * `<base>_<custom>` when the node has a custom schema.
 */
export function resolveSchemaName(baseSchema: string, custom: string | undefined): string {
  return custom ? `${baseSchema}_${custom}` : baseSchema;
}
