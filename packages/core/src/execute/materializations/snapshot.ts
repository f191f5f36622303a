import type { MaterializeResult, SnapshotOptions } from '../../adapter/materializer.js';
import { temporaryRelation } from '../../adapter/materializer.js';
import type { RelationRef } from '../../adapter/relation.js';
import { ConfigError } from '../../errors/strata-error.js';
import { dropQuietly, type MaterializationContext } from './materialization-context.js';
import { SnapshotSql } from './snapshot-sql.js';

/**
 * Records a snapshot (SCD type 2). The query's rows are staged in a temporary table; the first
 * run builds the snapshot table from them (atomic swap), later runs insert new versions, close
 * the versions they replace and, when asked, close versions of rows gone from the source — all
 * in one transaction. Re-running without source changes writes nothing.
 *
 * @example await materializeSnapshot(context, relation, sql, { strategy: 'timestamp', uniqueKey: ['id'], updatedAt: 'updated_at', ... })
 */
export async function materializeSnapshot(context: MaterializationContext, relation: RelationRef, sql: string, options: SnapshotOptions): Promise<MaterializeResult> {
  const { connection, dialect, introspector } = context;
  const snapshot = new SnapshotSql(dialect, options);
  const staged = temporaryRelation(relation);
  try {
    await connection.execute(`CREATE TABLE ${dialect.renderRelation(staged)} AS\n${sql}`);
    const columns = (await introspector.columns(staged)).map((c) => c.name);
    requireColumns(columns, options);
    const existing = await introspector.relationKind(relation);
    if (existing !== 'table') {
      const built = await context.buildTable(relation, snapshot.initial(`SELECT * FROM ${dialect.renderRelation(staged)}`), {});
      return { rowsAffected: built.rowsAffected, message: 'snapshot created' };
    }
    const meta = new Set(Object.values(options.columnNames).map((c) => c.toLowerCase()));
    const tableColumns = await introspector.columns(relation);
    const known = new Set(tableColumns.map((c) => c.name.toLowerCase()));
    const stagedColumns = await introspector.columns(staged);
    const added = stagedColumns.filter((c) => !known.has(c.name.toLowerCase()) && !meta.has(c.name.toLowerCase()));
    const alters = added.map((c) => `ALTER TABLE ${dialect.renderRelation(relation)} ADD COLUMN ${dialect.quoteIdentifier(c.name)} ${c.type}`);
    const written = columns.filter((c) => !meta.has(c.toLowerCase()));
    const results = await connection.transaction([...alters, ...snapshot.update(relation, staged, written)]);
    const inserted = results[alters.length]?.rowsAffected ?? 0;
    const closed = results.slice(alters.length + 1).reduce((n, r) => n + r.rowsAffected, 0);
    return { rowsAffected: inserted, message: `snapshot: ${inserted} new versions, ${closed} closed` };
  } finally {
    await dropQuietly(context, staged);
  }
}

/** The key, `updated_at` and check columns must be columns of the snapshot query. */
function requireColumns(columns: string[], options: SnapshotOptions): void {
  const have = new Set(columns.map((c) => c.toLowerCase()));
  const wanted = [...options.uniqueKey, ...(options.strategy === 'timestamp' ? [options.updatedAt!] : []), ...(Array.isArray(options.checkCols) ? options.checkCols : [])];
  const missing = wanted.filter((c) => !have.has(c.toLowerCase()));
  if (missing.length > 0) {
    throw new ConfigError('E_SNAPSHOT_COLUMNS', `snapshot ${options.model ?? ''} names columns its query does not return: ${missing.join(', ')}`.replace('  ', ' '), {
      file: options.file,
      hint: `the query returns: ${columns.join(', ')}`,
    });
  }
  const clash = Object.values(options.columnNames).filter((c) => have.has(c.toLowerCase()));
  if (clash.length > 0) {
    throw new ConfigError('E_SNAPSHOT_COLUMNS', `snapshot ${options.model ?? ''} query already has column(s) ${clash.join(', ')}, which the snapshot adds`.replace('  ', ' '), {
      file: options.file,
      hint: "rename them in the query, or pick other names with snapshot_meta_column_names={'valid_from': '...'}",
    });
  }
}
