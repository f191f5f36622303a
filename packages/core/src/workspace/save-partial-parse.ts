import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ProjectConfig } from '../config/project-config.js';
import { evaluatedModuleFiles } from '../load/load-project.js';
import type { ManifestNode, ModelNode, ProjectInfo } from '../parse/manifest.js';
import { contentHash, projectInputs, type FileStat } from '../parse/partial-parse/project-inputs.js';
import { writePartialParseState, type ByteRange, type FileRecord, type NodeRecord, type PartialParseHeader } from '../parse/partial-parse/partial-parse-state.js';
import type { Workspace } from './load-workspace.js';

/** Stats and hashes of a project's inputs taken before it is loaded (see recordInputs). */
export interface InputSnapshot {
  takenMs: number;
  stats: Map<string, FileStat>;
  /** Hashes of the inputs other than SQL files (schema files, seeds, the config), whose text loading does not keep. */
  hashes: Map<string, string>;
}

/**
 * Takes the stats of a project's inputs before it is loaded, and hashes all but the SQL files
 * (whose hash is taken from the text the load read, after this). Stats first, content after: a
 * file edited during the compile then looks changed to the next one, never unchanged.
 */
export function snapshotInputs(root: string, config: ProjectConfig): InputSnapshot {
  const takenMs = Date.now();
  const stats = projectInputs(root, config, evaluatedModuleFiles(root));
  const hashes = new Map<string, string>();
  for (const path of stats.keys()) if (!path.endsWith('.sql')) hashes.set(path, contentHash(readFileSync(join(root, path))));
  return { takenMs, stats, hashes };
}

/** Byte ranges of a project's `manifest.json` values, as writeArtifacts reports them. */
export interface ManifestRanges {
  metadata?: ByteRange;
  entries: Record<string, ByteRange>;
}

/**
 * Writes the partial-parse state of a single-project workspace after a full compile: every
 * input's stat and hash, a record of each node a re-compile may render (not the check tests),
 * and where each model's entry lies in the `manifest.json` just written.
 */
export function savePartialParse(
  workspace: Workspace,
  inputs: InputSnapshot,
  extra: { fingerprint: string; envNames: string[]; calls: Map<string, string>; ranges: ManifestRanges; compiledCount: number },
): void {
  const loaded = workspace.projects[0]!;
  const root = loaded.root;
  const info = workspace.dag.manifest.projects.get(loaded.config.name)!;
  const texts = new Map<string, string>();
  for (const file of [...loaded.models, ...loaded.tests, ...loaded.macros, ...loaded.snapshots]) texts.set(file.path, file.text);
  const files: Record<string, FileRecord> = {};
  for (const [path, stat] of inputs.stats) {
    const hash = inputs.hashes.get(path) ?? (texts.has(path) ? contentHash(texts.get(path)!) : contentHash(readFileSync(join(root, path))));
    files[path] = [stat.mtimeMs, stat.size, hash];
  }
  // Imported by a schema file from outside the input folders: known only now that it was loaded.
  for (const file of evaluatedModuleFiles(root)) {
    const path = relative(root, file).split(sep).join('/');
    if (files[path]) continue;
    const { mtimeMs, size } = statSync(file);
    files[path] = [mtimeMs, size, contentHash(readFileSync(file))];
  }
  const { dag } = workspace;
  const models: Record<string, string> = {};
  const records: Array<[string, NodeRecord]> = [];
  for (const node of dag.manifest.nodes.values()) {
    if (node.resourceType === 'test' && !(node as { rawSql?: string }).rawSql) continue;
    const record: NodeRecord = { node };
    const calls = extra.calls.get(node.uniqueId);
    if (calls !== undefined && node.path) {
      record.calls = calls;
      models[node.path] = node.uniqueId;
    }
    if (isEphemeral(node)) record.renderedBy = (dag.children.get(node.uniqueId) ?? []).filter((id) => (dag.node(id) as { rawSql?: string }).rawSql);
    records.push([node.uniqueId, record]);
  }
  const target = join(root, 'target');
  const manifest = statSync(join(target, 'manifest.json'));
  const entries: Record<string, ByteRange> = {};
  for (const id of Object.values(models)) if (extra.ranges.entries[id]) entries[id] = extra.ranges.entries[id]!;
  const header: Omit<PartialParseHeader, 'records' | 'recordsLength' | 'recordsToken'> = {
    format: 'strata-partial-parse',
    version: 1,
    fingerprint: extra.fingerprint,
    envNames: extra.envNames,
    manifest: { size: manifest.size, mtimeMs: manifest.mtimeMs, metadata: extra.ranges.metadata!, entries },
    statsTakenMs: inputs.takenMs,
    files,
    models,
    project: projectRecord(info),
    compiledCount: extra.compiledCount,
  };
  writePartialParseState(target, header, records);
}

/** What a re-compile takes of the project's info from the state (vars and macros it reads afresh). */
export function projectRecord(info: ProjectInfo): Omit<ProjectInfo, 'vars' | 'macroFiles' | 'exposures'> {
  const { vars: _vars, macroFiles: _macros, exposures: _exposures, ...rest } = info;
  return rest;
}

/** An ephemeral model: inlined as a CTE into what reads it. */
export function isEphemeral(node: ManifestNode): node is ModelNode {
  return node.resourceType === 'model' && node.config.materialized === 'ephemeral';
}
