import type { IncrementalOptions, MaterializeResult } from '../../adapter/materializer.js';
import { temporaryRelation } from '../../adapter/materializer.js';
import type { RelationRef } from '../../adapter/relation.js';
import { ConfigError } from '../../errors/strata-error.js';
import { alterStatements, incrementalStatements } from './incremental-sql.js';
import { dropQuietly, type MaterializationContext } from './materialization-context.js';
import { planSchemaChange } from './schema-change.js';

/**
 * Builds an incremental model. When its table is missing (or a full refresh is asked) the whole
 * query is built under a temporary name and swapped in. Otherwise the new rows are written to a
 * temporary table first, then the column changes and the strategy's statements run in one
 * transaction: a failure or a kill leaves the previous table exactly as it was.
 *
 * @example await materializeIncremental(context, relation, sql, { strategy: 'merge', uniqueKey: ['id'], onSchemaChange: 'ignore', fullRefresh: false })
 */
export async function materializeIncremental(context: MaterializationContext, relation: RelationRef, sql: string, options: IncrementalOptions): Promise<MaterializeResult> {
  const { connection, dialect, introspector } = context;
  if (options.strategy === 'insert_overwrite') {
    throw new ConfigError('E_INCREMENTAL_STRATEGY', `incremental_strategy 'insert_overwrite' of ${options.model ?? relation.name} replaces partitions, which only partitioned warehouses (BigQuery) have`, {
      file: options.file,
      hint: "use incremental_strategy='merge' or 'delete+insert' on this adapter",
    });
  }
  if (options.strategy !== 'append' && options.uniqueKey.length === 0) {
    throw new ConfigError('E_INCREMENTAL_KEY', `incremental_strategy '${options.strategy}' of ${options.model ?? relation.name} needs a unique_key`, {
      file: options.file,
      hint: "add unique_key='id' (or a list of columns) to its config, or use incremental_strategy='append'",
    });
  }
  const existing = await introspector.relationKind(relation);
  if (existing !== 'table' || options.fullRefresh) {
    const result = await context.buildTable(relation, sql, options);
    return { ...result, message: existing === undefined ? 'created' : 'full refresh' };
  }
  const delta = temporaryRelation(relation);
  try {
    const { rowsAffected } = await connection.execute(`CREATE TABLE ${dialect.renderRelation(delta)} AS\n${sql}`);
    await options.verify?.(delta);
    const plan = planSchemaChange(await introspector.columns(relation), await introspector.columns(delta), options.onSchemaChange, options.model ?? relation.name, options.file);
    const statements = [
      ...alterStatements(dialect, relation, plan),
      ...(rowsAffected > 0 ? incrementalStatements({ dialect, target: relation, source: delta, plan, strategy: options.strategy, uniqueKey: options.uniqueKey }) : []),
    ];
    if (statements.length > 0) await connection.transaction(statements);
    const changes = [plan.add.length ? `+${plan.add.length} columns` : '', plan.drop.length ? `-${plan.drop.length} columns` : '', plan.retype.length ? `${plan.retype.length} retyped` : ''].filter(Boolean);
    return { rowsAffected, message: `incremental ${options.strategy}${changes.length ? ` (${changes.join(', ')})` : ''}` };
  } finally {
    await dropQuietly(context, delta);
  }
}
