import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dialect } from '../adapter/dialect.js';
import { artifactMetadata, compiledFile, nodeJson } from '../artifacts/write-artifacts.js';
import { spliceFile, type Splice } from '../artifacts/splice-file.js';
import { writeCompiledSql } from '../artifacts/write-compiled-sql.js';
import { Compiler } from '../compile/compiler.js';
import type { ProjectConfig, TargetConfig } from '../config/project-config.js';
import { Dag } from '../graph/dag.js';
import { readProjectFiles } from '../load/load-project.js';
import { checksum } from '../parse/checksum.js';
import { extractCalls } from '../parse/extract-calls.js';
import { projectMacros } from '../parse/macro-dependencies.js';
import type { ManifestNode, ModelNode, ProjectInfo } from '../parse/manifest.js';
import { callsSignature } from '../parse/partial-parse/calls-signature.js';
import { changedInputs, type FileStat } from '../parse/partial-parse/project-inputs.js';
import { updatePartialParseState, type ByteRange, type FileRecord, type NodeRecord, type PartialParseState } from '../parse/partial-parse/partial-parse-state.js';
import { readsBeyondNode } from '../parse/partial-parse/reads-beyond-node.js';
import { recordingEnv } from '../parse/partial-parse/recording-env.js';
import { resolveModelConfig } from '../parse/resolve-config.js';
import { isEphemeral } from './save-partial-parse.js';

/** What a re-compile works from: the project as configured now, and the state of the last compile. */
export interface PartialCompileInput {
  root: string;
  config: ProjectConfig;
  targetName: string;
  target: TargetConfig;
  vars?: Record<string, unknown>;
  dialect: Dialect;
  env: NodeJS.ProcessEnv;
  redact: (text: string) => string;
  state: PartialParseState;
  /** The inputs' stats now, taken at `statsTakenMs`. */
  stats: Map<string, FileStat>;
  statsTakenMs: number;
  /** The fingerprint of the inputs that affect every node, computed now (see inputFingerprint). */
  fingerprint: (envNames: string[]) => string;
}

/** A re-compile that reused the state, or why it could not (the caller then compiles everything). */
export type PartialCompileResult = { reused: true; compiledCount: number; changed: string[]; rendered: number } | { reused: false; reason: string };

/** Thrown inside the fast path when it meets a case it does not handle; becomes `reused: false`. */
class NotReusable extends Error {}

/**
 * dbt's partial parsing for `strata compile`: when the only changed inputs are SQL models whose
 * edits left their `ref`/`source`/`config` calls as they were, only those models (and what
 * inlines them, if they are ephemeral) are rendered again, their compiled files rewritten, and
 * their entries spliced into the previous `manifest.json`; everything else is copied as bytes.
 * Anything else — a config, var, target, env_var, schema, macro, seed or test change, a file
 * added or removed, a template that may read the whole graph or the warehouse — is left to a full compile, so the
 * result is always what a full compile would write.
 */
export function partialCompile(input: PartialCompileInput): PartialCompileResult {
  try {
    return reuseState(input);
  } catch (error) {
    if (error instanceof NotReusable) return { reused: false, reason: error.message };
    // A render error, a file that vanished: the full compile reports it properly.
    return { reused: false, reason: `re-compile failed (${(error as Error).message.split('\n')[0]})` };
  }
}

function reuseState(input: PartialCompileInput): PartialCompileResult {
  const { state, root, config } = input;
  const { header } = state;
  if (header.fingerprint !== input.fingerprint(header.envNames)) throw new NotReusable('the config, vars, target or environment changed');
  const target = join(root, 'target');
  const manifestFile = join(target, 'manifest.json');
  const info: ProjectInfo = { ...header.project, vars: config.vars ?? {}, macroFiles: readProjectFiles(root, config.paths?.macros ?? 'macros', ['.sql']), exposures: [] };
  const manifestStat = statSync(manifestFile, { throwIfNoEntry: false });
  if (!manifestStat || manifestStat.size !== header.manifest.size || manifestStat.mtimeMs !== header.manifest.mtimeMs) throw new NotReusable('target/manifest.json is not the one the state describes');
  const compiledRoot = join(target, 'compiled', info.name);
  if (!existsSync(compiledRoot)) throw new NotReusable('target/compiled is missing');
  const diff = changedInputs(root, input.stats, header.files, header.statsTakenMs);
  if (!diff) throw new NotReusable('files were added or removed');

  // The changed models, re-parsed as parseProject would: same calls, so only text and checksum differ.
  const modelsDir = config.paths?.models ?? 'models';
  const changedNodes = new Map<string, ModelNode>();
  for (const [path, { text }] of diff.changed) {
    const id = header.models[path];
    const record = id ? state.record(id) : undefined;
    if (!id || !record?.calls) throw new NotReusable(`${path} changed, and it is not a SQL model`);
    const calls = extractCalls(text, join(root, path));
    if (callsSignature(calls) !== record.calls) throw new NotReusable(`the ref, source or config calls of ${path} changed`);
    const folders = dirname(path).split('/').slice(modelsDir.split('/').length);
    const node = record.node as ModelNode;
    const parsedConfig = resolveModelConfig(config, folders, calls.config);
    changedNodes.set(id, { ...node, rawSql: text, checksum: checksum(text, parsedConfig, node.schemaFile ? node.columns : null) });
  }

  // What to render: the changed models and, through ephemeral ones, what inlines them.
  const nodeOf = (id: string): ManifestNode => {
    const node = changedNodes.get(id) ?? state.record(id)?.node;
    if (!node) throw new NotReusable(`no record of ${id}`);
    return node;
  };
  const rendered = new Set<string>();
  const renderQueue = [...changedNodes.keys()];
  while (renderQueue.length > 0) {
    const id = renderQueue.pop()!;
    if (rendered.has(id)) continue;
    rendered.add(id);
    if (isEphemeral(nodeOf(id))) renderQueue.push(...(state.record(id)?.renderedBy ?? []));
  }
  // What rendering reads: each rendered node's parents, and through ephemeral parents theirs.
  const nodes = new Map<string, ManifestNode>();
  const readQueue = [...rendered];
  while (readQueue.length > 0) {
    const id = readQueue.pop()!;
    if (nodes.has(id)) continue;
    const node = nodeOf(id);
    nodes.set(id, node);
    if (rendered.has(id) || isEphemeral(node)) readQueue.push(...node.dependsOn);
  }
  // Rendered with only these nodes in the graph: nothing rendered may look at the others.
  const macroReadsBeyond = info.macroFiles.find((f) => readsBeyondNode(f.text));
  if (macroReadsBeyond) throw new NotReusable(`${macroReadsBeyond.path} may read the graph or the warehouse`);
  for (const node of nodes.values()) {
    const sql = (node as ModelNode).rawSql;
    if (sql && (rendered.has(node.uniqueId) || isEphemeral(node)) && readsBeyondNode(sql)) throw new NotReusable(`${node.path ?? node.uniqueId} may read the graph or the warehouse`);
  }
  const dag = new Dag({ nodes, projects: new Map([[info.name, info]]) });
  const envNames = new Set(header.envNames);
  const compiler = new Compiler(dag, { dialect: input.dialect, target: { name: input.targetName, ...input.target } as never, vars: input.vars, env: recordingEnv(input.env, envNames) });
  const files: Array<{ path: string; text: string }> = [];
  for (const id of rendered) {
    const node = nodes.get(id) as ModelNode;
    if (!node.rawSql) continue;
    files.push({ path: compiledFile(info, node), text: `${input.redact(compiler.compile(node).sql)}\n` });
  }
  writeCompiledSql(compiledRoot, files);

  // manifest.json: new metadata and the changed models' entries; the rest copied as bytes.
  const macros = projectMacros(info);
  const splices: Splice[] = [{ start: header.manifest.metadata[0], end: header.manifest.metadata[1], text: input.redact(JSON.stringify(artifactMetadata('manifest', randomUUID(), info.name, input.target.adapter))) }];
  const spliced = [...changedNodes.keys()];
  for (const id of spliced) {
    const range = header.manifest.entries[id];
    if (!range) throw new NotReusable(`no manifest entry recorded for ${id}`);
    splices.push({ start: range[0], end: range[1], text: input.redact(JSON.stringify(nodeJson(changedNodes.get(id)!, dag, macros))) });
  }
  const { ranges, shift } = spliceFile(manifestFile, splices);
  const entries: Record<string, ByteRange> = {};
  for (const [id, [start, end]] of Object.entries(header.manifest.entries)) entries[id] = [shift(start), shift(end)];
  spliced.forEach((id, i) => (entries[id] = ranges[i + 1]!));

  const files2: Record<string, FileRecord> = { ...header.files };
  for (const [path, record] of diff.touched) files2[path] = record;
  for (const [path, { record }] of diff.changed) files2[path] = record;
  const after = statSync(manifestFile);
  const names = [...envNames].sort();
  const records = [...changedNodes].map(([id, node]) => [id, { ...state.record(id)!, node } satisfies NodeRecord] as const);
  updatePartialParseState(
    target,
    state,
    {
      ...header,
      fingerprint: input.fingerprint(names),
      envNames: names,
      statsTakenMs: input.statsTakenMs,
      files: files2,
      manifest: { size: after.size, mtimeMs: after.mtimeMs, metadata: ranges[0]!, entries },
    },
    records,
  );
  return { reused: true, compiledCount: header.compiledCount, changed: [...diff.changed.keys()], rendered: files.length };
}
