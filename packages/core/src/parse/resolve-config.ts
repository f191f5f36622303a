import type { FolderConfig, Materialization, ProjectConfig } from '../config/project-config.js';
import type { NodeConfig } from './manifest.js';

const FOLDER_KEYS = new Set(['materialized', 'schema', 'tags', 'enabled']);

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
      if (key === 'tags') merged.tags = [...merged.tags, ...(value as string[])];
      else merged[key] = value;
    }
    level = folderConfig as Record<string, unknown>;
  }
  for (const [key, value] of Object.entries(inFile)) {
    if (key === 'tags') merged.tags = [...merged.tags, ...(Array.isArray(value) ? (value as string[]) : [String(value)])];
    else merged[key] = value;
  }
  merged.materialized = merged.materialized as Materialization;
  return merged;
}

/**
 * The physical schema of a node, like dbt's generate_schema_name: the base schema alone, or
 * `<base>_<custom>` when the node has a custom schema.
 */
export function resolveSchemaName(baseSchema: string, custom: string | undefined): string {
  return custom ? `${baseSchema}_${custom}` : baseSchema;
}
