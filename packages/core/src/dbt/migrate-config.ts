import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitLevel } from './dbt-config.js';
import type { DbtLoadedProject } from './load-dbt-project.js';
import { literal, type MigratedFile } from './migrate-schemas.js';

/** Folder settings Strata's `strata.config.ts` knows (others stay in the models' own config()). */
const FOLDER_SETTINGS = new Set(['materialized', 'schema', 'tags', 'enabled', 'unique_key', 'incremental_strategy', 'on_schema_change', 'full_refresh', 'pre_hook', 'post_hook', 'alias']);
const HOOKS: Record<string, string> = { 'pre-hook': 'pre_hook', 'post-hook': 'post_hook' };

/** A dbt config tree level as a Strata folder config (settings, then sub-folders). */
function folderConfig(level: Record<string, unknown>, inherited: Record<string, unknown>, notes: string[], path: string): Record<string, unknown> {
  const { settings, children } = splitLevel(level);
  const out: Record<string, unknown> = { ...inherited };
  for (const [raw, value] of settings) {
    const key = HOOKS[raw] ?? raw;
    if (FOLDER_SETTINGS.has(key)) out[key] = value;
    else notes.push(`models.${path}: setting '${raw}' is not a folder setting in Strata; put it in the models' config()`);
  }
  for (const [name, child] of Object.entries(children)) out[name] = folderConfig(child, {}, notes, `${path}.${name}`);
  return out;
}

/**
 * A draft `strata.config.ts` for a dbt project: name, base schema (the target's), folder
 * settings from `dbt_project.yml`, the seeds' schema, sources, vars and targets.
 */
export function migrateConfig(loaded: DbtLoadedProject): { file: MigratedFile; notes: string[] } {
  const notes: string[] = [];
  const { project, profile, properties } = loaded.dbt;
  const tree = (project.models[project.name] ?? {}) as Record<string, unknown>;
  const { settings } = splitLevel(tree);
  const projectWide = Object.fromEntries(settings.filter(([k]) => FOLDER_SETTINGS.has(HOOKS[k] ?? k)).map(([k, v]) => [HOOKS[k] ?? k, v]));
  const models = folderConfig(Object.fromEntries(Object.entries(tree).filter(([k]) => !k.startsWith('+'))), {}, notes, project.name);
  // Project-wide settings apply to every top-level model folder in Strata.
  const modelsDir = join(loaded.root, project.modelPaths[0] ?? 'models');
  const folders = existsSync(modelsDir) ? readdirSync(modelsDir).filter((f) => statSync(join(modelsDir, f)).isDirectory()) : [];
  for (const f of folders) models[f] = { ...projectWide, ...((models[f] as Record<string, unknown> | undefined) ?? {}) };
  const seedTree = splitLevel((project.seeds[project.name] ?? {}) as Record<string, unknown>).settings;
  const seedSchema = seedTree.find(([k]) => k === 'schema')?.[1];
  const sources: Record<string, unknown> = {};
  for (const entry of properties.sources) {
    const tables = ((entry.data.tables ?? []) as Array<Record<string, unknown>>).map((t) => String(t.name));
    sources[entry.name] = { schema: String(entry.data.schema ?? entry.name), tables, ...(typeof entry.data.description === 'string' ? { description: entry.data.description } : {}) };
  }
  const targetSchema = String(profile.targets[profile.defaultTarget]?.schema ?? 'main');
  const config = {
    name: project.name,
    version: project.version,
    schema: targetSchema,
    models,
    seeds: seedSchema ? { schema: seedSchema } : undefined,
    sources,
    vars: Object.keys(project.vars).length > 0 ? project.vars : undefined,
    targets: Object.fromEntries(Object.entries(profile.targets).map(([name, t]) => [name, Object.fromEntries(Object.entries(t).filter(([k, v]) => v !== undefined && !/pass|secret|token/i.test(k)))])),
    defaultTarget: profile.defaultTarget,
  };
  const body = Object.entries(config)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k}: ${literal(v)},`)
    .join('\n');
  notes.push('strata.config.ts: Strata names a custom schema <schema>_<folder schema>, as dbt does by default; a custom generate_schema_name macro is not carried over');
  return { file: { path: 'strata.config.ts', text: `import { defineProject } from '@strata/core';\n\n// Drafted from dbt_project.yml and profiles.yml by \`strata migrate\`: review before use.\nexport default defineProject({\n${body}\n});\n` }, notes };
}
