import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifestJson } from '../artifacts/write-artifacts.js';
import { ConfigError } from '../errors/strata-error.js';
import type { Dag } from '../graph/dag.js';
import type { ModifiedReason, StateComparison } from './state-comparison.js';

type Json = Record<string, unknown>;

/** Nodes, sources and macros of one or more saved `manifest.json` files. */
export interface SavedManifest {
  nodes: Map<string, Json>;
  macros: Map<string, Json>;
  files: string[];
}

/** Key-sorted JSON, so that two equal configs compare equal whatever their key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Json).sort().filter((k) => (value as Json)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stable((value as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Reads the manifest(s) a `--state DIR` points at: `DIR/manifest.json`, and `DIR/<x>/manifest.json`
 * for a folder holding several projects' `target/` copies.
 * @example loadSavedManifest('prod-target')
 */
export function loadSavedManifest(dir: string): SavedManifest {
  const root = resolve(dir);
  const files = [join(root, 'manifest.json')];
  if (existsSync(root) && statSync(root).isDirectory()) {
    for (const entry of readdirSync(root)) files.push(join(root, entry, 'manifest.json'));
  }
  const found = files.filter((f) => existsSync(f));
  if (found.length === 0) {
    throw new ConfigError('E_STATE_MISSING', `no manifest.json in ${root}`, { hint: 'point --state at the target/ folder (or a copy of it) of the run to compare against' });
  }
  const saved: SavedManifest = { nodes: new Map(), macros: new Map(), files: found };
  for (const file of found) {
    let json: Json;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as Json;
    } catch (error) {
      throw new ConfigError('E_STATE_INVALID', `${file} is not a readable manifest: ${(error as Error).message}`, { file, hint: 'regenerate it with strata compile or strata build' });
    }
    for (const section of ['nodes', 'sources'] as const) for (const [id, node] of Object.entries((json[section] ?? {}) as Json)) saved.nodes.set(id, node as Json);
    for (const [id, macro] of Object.entries((json.macros ?? {}) as Json)) saved.macros.set(id, macro as Json);
  }
  return saved;
}

/** Why `current` differs from `saved`, per dbt's `state:modified` sub-selectors. */
function reasonsFor(current: Json, saved: Json, currentMacros: Map<string, Json>, savedMacros: Map<string, Json>): Set<ModifiedReason> {
  const reasons = new Set<ModifiedReason>();
  const differs = (a: unknown, b: unknown) => stable(a) !== stable(b);
  const body = current.raw_code !== undefined || saved.raw_code !== undefined ? [current.raw_code, saved.raw_code] : [current.test_metadata ?? (current.checksum as Json)?.checksum, saved.test_metadata ?? (saved.checksum as Json)?.checksum];
  if (current.resource_type !== 'source' && differs(body[0], body[1])) reasons.add('body');
  const relation = (n: Json) => ({ config: n.config, database: n.database, schema: n.schema, alias: n.alias, freshness: n.freshness ?? null, loaded_at_field: n.loaded_at_field ?? null });
  if (differs(relation(current), relation(saved))) reasons.add('configs');
  // Descriptions are documentation, not schema: editing one does not rebuild anything.
  const columns = (n: Json) => Object.values((n.columns ?? {}) as Json).map((c) => ({ ...(c as Json), description: undefined }));
  const shape = (n: Json) => ({ columns: columns(n), contract: n.contract ?? null });
  if (differs(shape(current), shape(saved))) reasons.add('schema');
  const macros = ((current.depends_on as Json | undefined)?.macros as string[] | undefined) ?? [];
  if (macros.some((id) => savedMacros.get(id)?.macro_sql !== currentMacros.get(id)?.macro_sql)) reasons.add('macros');
  return reasons;
}

/**
 * Compares the loaded projects with a saved manifest: which nodes are new, and which changed
 * and why — the SQL body, the config (including schema, alias, hooks, materialization), the
 * columns/contract of its schema, or a project macro it uses (directly or through another macro).
 *
 * @example const state = compareManifests(workspace.dag, loadSavedManifest('prod-target'));
 */
export function compareManifests(dag: Dag, saved: SavedManifest): StateComparison {
  const comparison: StateComparison = { added: new Set(), modified: new Map(), saved: new Set(saved.nodes.keys()) };
  for (const project of dag.manifest.projects.values()) {
    const current = manifestJson(dag, project, 'state-comparison');
    const currentMacros = new Map(Object.entries(current.macros as Json).map(([id, m]) => [id, m as Json]));
    for (const section of ['nodes', 'sources'] as const) {
      for (const [id, node] of Object.entries(current[section] as Json)) {
        const previous = saved.nodes.get(id);
        if (!previous) {
          comparison.added.add(id);
          continue;
        }
        const reasons = reasonsFor(node as Json, previous, currentMacros, saved.macros);
        if (reasons.size > 0) comparison.modified.set(id, reasons);
      }
    }
  }
  return comparison;
}
