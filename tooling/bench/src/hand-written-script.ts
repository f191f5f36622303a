import { DuckDbDialect } from '@strata/adapter-duckdb';
import type { Workspace } from '@strata/core';

/** What the script needs from one entry of run_results.json. */
export interface RunResultEntry {
  unique_id: string;
  status: string;
  relation_name: string | null;
  compiled_code: string | null;
  /** What the node did, e.g. 'created' or 'incremental delete+insert'. */
  message?: string | null;
  /** Seconds the node took. */
  execution_time?: number;
  timing: Array<{ completed_at: string }>;
}

/**
 * The statements a person would run by hand for the same build: each seed loaded with DuckDB's
 * typed CSV reader, each model created from its compiled SQL, each test query run — in the
 * order Strata finished them.
 * @example handWrittenScript(workspace, runResults.results) // ['create schema if not exists "app"', …]
 */
export function handWrittenScript(workspace: Workspace, results: RunResultEntry[]): string[] {
  const dialect = new DuckDbDialect();
  const statements: string[] = [];
  const seenTests = new Set<string>();
  const schemas = new Set<string>();
  for (const result of [...results].sort((a, b) => (a.timing[0]?.completed_at ?? '').localeCompare(b.timing[0]?.completed_at ?? ''))) {
    const node = workspace.dag.manifest.nodes.get(result.unique_id);
    if (!node || result.status === 'skipped') continue;
    if (node.relation && node.resourceType !== 'test') schemas.add(node.relation.schema);
    if (node.resourceType === 'seed') {
      const typed = node.columns.length > 0 && node.columns.every((c) => c.type);
      const columns = typed ? `, columns = {${node.columns.map((c) => `'${c.name}': '${dialect.typeName(c.type!)}'`).join(', ')}}, auto_detect = false` : '';
      statements.push(`create or replace table ${result.relation_name} as select * from read_csv('${node.file}', header = true${columns})`);
    } else if (node.resourceType === 'model' && result.compiled_code) {
      const kind = node.config.materialized === 'view' ? 'view' : 'table';
      statements.push(`create or replace ${kind} ${result.relation_name} as ${result.compiled_code}`);
    } else if (node.resourceType === 'test' && result.compiled_code && !seenTests.has(result.compiled_code)) {
      seenTests.add(result.compiled_code);
      statements.push(result.compiled_code);
    }
  }
  return [...[...schemas].map((s) => `create schema if not exists "${s}"`), ...statements];
}
