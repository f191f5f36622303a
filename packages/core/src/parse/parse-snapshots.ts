import { basename, join } from 'node:path';
import { ParseError, type StrataError } from '../errors/strata-error.js';
import type { LoadedProject } from '../load/load-project.js';
import { checksum } from './checksum.js';
import { extractCalls } from './extract-calls.js';
import type { ModelNode } from './manifest.js';
import { validateNodeConfig } from './materialization-config.js';
import type { PendingDependency } from './parse-project.js';
import { resolveSchemaName, resolveSnapshotConfig } from './resolve-config.js';

const BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g;
const OPEN = /\{%-?\s*snapshot\b/;

/** Blanks every character but newlines, so line numbers inside the kept text still hold. */
const blank = (text: string): string => text.replace(/[^\n]/g, ' ');

/**
 * The snapshots of one file: dbt's `{% snapshot name %} … {% endsnapshot %}` blocks (several per
 * file allowed), or, without a block, the whole file as a snapshot named after it. Each body keeps
 * the file's line numbers, so compile errors point at the right line.
 */
export function splitSnapshotFile(text: string, fileName: string): Array<{ name: string; body: string; line: number }> {
  const blocks = [...text.matchAll(BLOCK)];
  if (blocks.length === 0) return OPEN.test(text) ? [] : [{ name: basename(fileName, '.sql'), body: text, line: 1 }];
  return blocks.map((m) => {
    const start = m.index + m[0].indexOf('%}') + 2;
    const end = start + m[2]!.length;
    return { name: m[1]!, body: blank(text.slice(0, start)) + m[2]! + blank(text.slice(end)), line: text.slice(0, m.index).split('\n').length };
  });
}

/**
 * Parses `snapshots/*.sql` into snapshot nodes. A snapshot builds into `<base>_snapshots` unless
 * its config (or the project's `snapshots` block) names another schema.
 */
export function parseSnapshots(loaded: LoadedProject, baseSchema: string, modelNames: Set<string>): { nodes: ModelNode[]; pending: PendingDependency[]; errors: StrataError[] } {
  const project = loaded.config.name;
  const nodes: ModelNode[] = [];
  const pending: PendingDependency[] = [];
  const errors: StrataError[] = [];
  const seen = new Map<string, string>();
  for (const file of loaded.snapshots) {
    const absolute = join(loaded.root, file.path);
    const parts = splitSnapshotFile(file.text, file.path);
    if (parts.length === 0) {
      errors.push(new ParseError('E_SNAPSHOT_BLOCK', '{% snapshot %} block is not closed', { file: absolute, line: 1, hint: 'end it with {% endsnapshot %}' }));
      continue;
    }
    for (const { name, body, line } of parts) {
      let calls;
      try {
        calls = extractCalls(body, absolute);
      } catch (error) {
        errors.push(error as StrataError);
        continue;
      }
      if (seen.has(name) || modelNames.has(name)) {
        errors.push(new ParseError('E_DUPLICATE_SNAPSHOT', `snapshot '${name}' has the name of another ${seen.has(name) ? `snapshot (${seen.get(name)})` : 'model'}`, { file: absolute, line, hint: 'snapshot names share one namespace with models; rename one' }));
        continue;
      }
      seen.set(name, file.path);
      const config = resolveSnapshotConfig(loaded.config, calls.config);
      const schema = (config.schema as string | undefined) ?? (config.target_schema as string | undefined) ?? 'snapshots';
      const node: ModelNode = {
        uniqueId: `snapshot.${project}.${name}`,
        resourceType: 'snapshot',
        name,
        project,
        file: absolute,
        path: file.path,
        line,
        tags: config.tags,
        config,
        dependsOn: [],
        relation: { schema: resolveSchemaName(baseSchema, schema), name: (config.alias as string | undefined) ?? name },
        columns: [],
        rawSql: body,
        contract: false,
        checksum: checksum(body, config),
      };
      const invalid = validateNodeConfig(node);
      if (invalid.length > 0) {
        errors.push(...invalid);
        continue;
      }
      nodes.push(node);
      pending.push({ nodeId: node.uniqueId, file: absolute, refs: calls.refs, sources: calls.sources });
    }
  }
  return { nodes, pending, errors };
}
