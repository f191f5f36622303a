import type { Dialect } from '../../adapter/dialect.js';
import type { IncrementalStrategy } from '../../adapter/materializer.js';
import type { RelationRef } from '../../adapter/relation.js';
import { ConfigError } from '../../errors/strata-error.js';
import type { SchemaChangePlan } from './schema-change.js';

/** Inputs of the statements that move new rows into an incremental model's table. */
export interface IncrementalSqlInput {
  dialect: Dialect;
  target: RelationRef;
  /** The temporary table holding the new rows. */
  source: RelationRef;
  plan: SchemaChangePlan;
  strategy: IncrementalStrategy;
  uniqueKey: string[];
}

/** `ALTER TABLE` statements that apply a schema-change plan, in standard SQL. */
export function alterStatements(dialect: Dialect, target: RelationRef, plan: SchemaChangePlan): string[] {
  const table = dialect.renderRelation(target);
  const q = (name: string) => dialect.quoteIdentifier(name);
  return [
    ...plan.add.map((c) => `ALTER TABLE ${table} ADD COLUMN ${q(c.name)} ${c.type}`),
    ...plan.retype.map((c) => `ALTER TABLE ${table} ALTER COLUMN ${q(c.name)} TYPE ${c.type}`),
    ...plan.drop.map((name) => `ALTER TABLE ${table} DROP COLUMN ${q(name)}`),
  ];
}

/** Key equality between the table (alias `t`) and the new rows (alias `s`). */
function keyMatch(dialect: Dialect, uniqueKey: string[]): string {
  return uniqueKey.map((k) => `t.${dialect.quoteIdentifier(k)} = s.${dialect.quoteIdentifier(k)}`).join(' and ');
}

/**
 * The statements of one strategy, run in a single transaction after the ALTERs:
 * `append` inserts every new row; `delete+insert` deletes the table's rows whose key appears in
 * the new rows, then inserts them; `merge` updates matched rows and inserts the others.
 *
 * @example incrementalStatements({ dialect, target, source, plan, strategy: 'merge', uniqueKey: ['order_id'] })
 */
export function incrementalStatements(input: IncrementalSqlInput): string[] {
  const { dialect, plan, uniqueKey } = input;
  const target = dialect.renderRelation(input.target);
  const source = dialect.renderRelation(input.source);
  const columns = plan.columns.map((c) => dialect.quoteIdentifier(c));
  const insert = `INSERT INTO ${target} (${columns.join(', ')})\nSELECT ${columns.join(', ')} FROM ${source}`;
  switch (input.strategy) {
    case 'insert_overwrite':
      throw new ConfigError('E_INCREMENTAL_STRATEGY', "incremental_strategy 'insert_overwrite' replaces partitions, which only partitioned warehouses (BigQuery) have", { hint: "use incremental_strategy='merge' or 'delete+insert' on this adapter" });
    case 'append':
      return [insert];
    case 'delete+insert':
      return [`DELETE FROM ${target} AS t\nWHERE EXISTS (SELECT 1 FROM ${source} AS s WHERE ${keyMatch(dialect, uniqueKey)})`, insert];
    case 'merge': {
      const keys = new Set(uniqueKey.map((k) => k.toLowerCase()));
      const updates = plan.columns.filter((c) => !keys.has(c.toLowerCase())).map((c) => `${dialect.quoteIdentifier(c)} = s.${dialect.quoteIdentifier(c)}`);
      return [
        [
          `MERGE INTO ${target} AS t`,
          `USING ${source} AS s`,
          `ON ${keyMatch(dialect, uniqueKey)}`,
          ...(updates.length > 0 ? [`WHEN MATCHED THEN UPDATE SET ${updates.join(', ')}`] : []),
          `WHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${plan.columns.map((c) => `s.${dialect.quoteIdentifier(c)}`).join(', ')})`,
        ].join('\n'),
      ];
    }
  }
}
