import { ConfigError, ContractError, type ColumnInfo, type IncrementalStrategy, type RelationRef } from '@strata/core';
import type { BigQueryDialect } from './bigquery-dialect.js';
import { partitionExpression, partitionValueType, type PartitionSpec } from './bigquery-partitioning.js';

/** How the table's columns change before new rows are written (dbt's `on_schema_change`). */
export interface SchemaChangePlan {
  add: ColumnInfo[];
  drop: string[];
  retype: ColumnInfo[];
  /** Columns the insert writes, spelt as the table spells them. */
  columns: string[];
}

const lower = (s: string) => s.toLowerCase();

/**
 * Compares the table's columns with the new rows' columns, as core does for every adapter:
 * `ignore` writes shared columns, `fail` stops on any difference, `append_new_columns` adds,
 * `sync_all_columns` adds, drops and retypes.
 */
export function planSchemaChange(table: ColumnInfo[], incoming: ColumnInfo[], mode: string, model: string, file?: string): SchemaChangePlan {
  const known = new Map(table.map((c) => [lower(c.name), c]));
  const seen = new Set(incoming.map((c) => lower(c.name)));
  const added = incoming.filter((c) => !known.has(lower(c.name)));
  const removed = table.filter((c) => !seen.has(lower(c.name)));
  const changed = incoming.filter((c) => known.has(lower(c.name)) && known.get(lower(c.name))!.type !== c.type);
  const shared = incoming.filter((c) => known.has(lower(c.name))).map((c) => known.get(lower(c.name))!.name);
  if (mode === 'fail' && added.length + removed.length + changed.length > 0) {
    const parts = [
      added.length ? `new columns ${added.map((c) => `${c.name} ${c.type}`).join(', ')}` : '',
      removed.length ? `removed columns ${removed.map((c) => c.name).join(', ')}` : '',
      changed.length ? `changed types ${changed.map((c) => `${c.name} ${known.get(lower(c.name))!.type} -> ${c.type}`).join(', ')}` : '',
    ].filter(Boolean);
    throw new ContractError('E_SCHEMA_CHANGE', `the columns of incremental model ${model} changed (${parts.join('; ')}) and on_schema_change is 'fail'; the table was left as it was`, {
      file,
      hint: "run with --full-refresh to rebuild it, or set on_schema_change to 'append_new_columns' or 'sync_all_columns'",
    });
  }
  if (mode === 'append_new_columns') return { add: added, drop: [], retype: [], columns: [...shared, ...added.map((c) => c.name)] };
  if (mode === 'sync_all_columns') return { add: added, drop: removed.map((c) => c.name), retype: changed, columns: [...shared, ...added.map((c) => c.name)] };
  return { add: [], drop: [], retype: [], columns: shared };
}

/**
 * BigQuery's ALTERs for a plan, one statement each (DDL cannot run inside a BigQuery
 * transaction). Retyping only widens, as BigQuery allows (INT64 → NUMERIC → FLOAT64).
 */
export function alterStatements(dialect: BigQueryDialect, target: RelationRef, plan: SchemaChangePlan): string[] {
  const table = dialect.renderRelation(target);
  const q = (name: string) => dialect.quoteIdentifier(name);
  return [
    ...plan.add.map((c) => `ALTER TABLE ${table} ADD COLUMN ${q(c.name)} ${c.type}`),
    ...plan.retype.map((c) => `ALTER TABLE ${table} ALTER COLUMN ${q(c.name)} SET DATA TYPE ${c.type}`),
    ...plan.drop.map((name) => `ALTER TABLE ${table} DROP COLUMN ${q(name)}`),
  ];
}

/** What one incremental write needs. */
export interface IncrementalWrite {
  dialect: BigQueryDialect;
  target: RelationRef;
  /** The staged new rows. */
  source: RelationRef;
  columns: string[];
  strategy: IncrementalStrategy;
  uniqueKey: string[];
  partition?: PartitionSpec;
  model: string;
  file?: string;
}

/**
 * The SQL that writes staged rows into the table, and whether it must run as one transaction:
 * `append` is an INSERT; `merge` one MERGE (atomic by itself); `delete+insert` a DELETE and an
 * INSERT in a transaction; `insert_overwrite` replaces every partition the new rows touch with
 * one MERGE … ON FALSE (dbt-bigquery's approach: partitions listed once in a script variable so
 * BigQuery prunes the scan of the table).
 */
export function incrementalSql(w: IncrementalWrite): { statements: string[]; transaction: boolean } {
  const { dialect } = w;
  const q = (name: string) => dialect.quoteIdentifier(name);
  const target = dialect.renderRelation(w.target);
  const source = dialect.renderRelation(w.source);
  const cols = w.columns.map(q);
  const insert = `INSERT INTO ${target} (${cols.join(', ')})\nSELECT ${cols.join(', ')} FROM ${source}`;
  const keyMatch = w.uniqueKey.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ');
  switch (w.strategy) {
    case 'append':
      return { statements: [insert], transaction: false };
    case 'delete+insert':
      return { statements: [`DELETE FROM ${target} AS t\nWHERE EXISTS (SELECT 1 FROM ${source} AS s WHERE ${keyMatch})`, insert], transaction: true };
    case 'merge': {
      const keys = new Set(w.uniqueKey.map(lower));
      const updates = w.columns.filter((c) => !keys.has(lower(c))).map((c) => `${q(c)} = s.${q(c)}`);
      return {
        statements: [
          [
            `MERGE INTO ${target} AS t`,
            `USING ${source} AS s`,
            `ON ${keyMatch}`,
            ...(updates.length > 0 ? [`WHEN MATCHED THEN UPDATE SET ${updates.join(', ')}`] : []),
            `WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${w.columns.map((c) => `s.${q(c)}`).join(', ')})`,
          ].join('\n'),
        ],
        transaction: false,
      };
    }
    case 'insert_overwrite': {
      const p = w.partition;
      if (!p) {
        throw new ConfigError('E_NODE_CONFIG', `${w.model}: incremental_strategy 'insert_overwrite' needs partition_by`, {
          file: w.file,
          hint: "add partition_by={'field': 'ordered_at', 'data_type': 'timestamp', 'granularity': 'day'} to its config",
        });
      }
      const script = [
        `DECLARE strata_partitions ARRAY<${partitionValueType(p)}>;`,
        `SET strata_partitions = (SELECT ARRAY_AGG(DISTINCT ${partitionExpression(p, `s.${q(p.field)}`)} IGNORE NULLS) FROM ${source} AS s);`,
        [
          `MERGE INTO ${target} AS t`,
          `USING ${source} AS s`,
          'ON FALSE',
          `WHEN NOT MATCHED BY SOURCE AND ${partitionExpression(p, `t.${q(p.field)}`)} IN UNNEST(strata_partitions) THEN DELETE`,
          `WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${w.columns.map((c) => `s.${q(c)}`).join(', ')});`,
        ].join('\n'),
      ].join('\n');
      return { statements: [script], transaction: false };
    }
  }
}
