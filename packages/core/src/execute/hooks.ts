import type { Adapter } from '../adapter/adapter.js';
import type { Connection } from '../adapter/connection.js';
import type { Compiler, RenderFlags } from '../compile/compiler.js';
import type { ManifestNode, ProjectInfo } from '../parse/manifest.js';
import { hooksOf } from '../parse/materialization-config.js';
import type { NodeResult } from './node-result.js';

/** Runs a node's pre-hooks (`which: 'pre'`) or post-hooks, each rendered with the node's context. */
export async function runNodeHooks(connection: Connection, compiler: Compiler, node: ManifestNode, which: 'pre' | 'post', flags: RenderFlags = {}): Promise<void> {
  const hooks = hooksOf(node)[which];
  for (const hook of hooks) {
    const sql = compiler.renderHook(node, hook, flags);
    if (sql) await connection.execute(sql);
  }
}

/** The hooks of one project for one end of the run, from `onRunStart`/`onRunEnd`. */
function projectHooks(config: { onRunStart?: string | string[]; onRunEnd?: string | string[] }, which: 'start' | 'end'): string[] {
  const value = which === 'start' ? config.onRunStart : config.onRunEnd;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Runs every project's `onRunStart` (or `onRunEnd`) hooks in order, on one connection, and
 * reports each as an `operation` result like dbt (`operation.<project>.<project>-on-run-start-0`).
 * Stops at the first failure: later hooks would run against an unknown state.
 */
export async function runProjectHooks(
  adapter: Adapter,
  compiler: Compiler,
  projects: Array<{ info: ProjectInfo; config: { onRunStart?: string | string[]; onRunEnd?: string | string[] } }>,
  which: 'start' | 'end',
  extra: Record<string, unknown> = {},
): Promise<NodeResult[]> {
  const results: NodeResult[] = [];
  const pending = projects.flatMap(({ info, config }) => projectHooks(config, which).map((hook, index) => ({ info, hook, index })));
  if (pending.length === 0) return results;
  const connection = await adapter.connect();
  try {
    for (const { info, hook, index } of pending) {
      const startedAt = new Date();
      const name = `${info.name}-on-run-${which}-${index}`;
      let sql: string | undefined;
      const base = () => {
        const completedAt = new Date();
        return { uniqueId: `operation.${info.name}.${name}`, name, resourceType: 'operation', project: info.name, startedAt: startedAt.toISOString(), completedAt: completedAt.toISOString(), executionTime: (completedAt.getTime() - startedAt.getTime()) / 1000 };
      };
      try {
        sql = compiler.renderProjectHook(info.name, hook, extra);
        if (sql) await connection.execute(sql);
        results.push({ ...base(), status: 'success', compiledSql: sql });
      } catch (error) {
        const e = error as Error & { code?: string; format?: () => string };
        results.push({ ...base(), status: 'error', compiledSql: sql, message: e.format?.() ?? e.message, error: { code: e.code ?? 'E_HOOK' } });
        break;
      }
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
  return results;
}
