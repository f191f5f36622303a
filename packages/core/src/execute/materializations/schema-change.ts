import type { OnSchemaChange } from '../../adapter/materializer.js';
import type { ColumnInfo } from '../../adapter/relation.js';
import { ContractError } from '../../errors/strata-error.js';

/** How an incremental run reconciles the table's columns with the new rows' columns. */
export interface SchemaChangePlan {
  /** Columns to add to the table (new in the query). */
  add: ColumnInfo[];
  /** Columns to drop from the table (gone from the query). */
  drop: string[];
  /** Columns whose type changes to the query's type. */
  retype: ColumnInfo[];
  /** Columns written by the insert/merge, in the query's order, spelt as the table spells them. */
  columns: string[];
}

const key = (name: string): string => name.toLowerCase();

/**
 * Compares the table's columns with the new rows' columns and decides what changes, following
 * dbt's `on_schema_change`: `ignore` writes the shared columns only; `fail` stops on any
 * difference (names or types); `append_new_columns` adds new columns and keeps removed ones
 * (they get NULL); `sync_all_columns` adds, drops and retypes so the table matches the query.
 *
 * @example planSchemaChange(tableColumns, queryColumns, 'append_new_columns', 'fct_orders')
 */
export function planSchemaChange(table: ColumnInfo[], incoming: ColumnInfo[], mode: OnSchemaChange, model: string, file?: string): SchemaChangePlan {
  const tableByKey = new Map(table.map((c) => [key(c.name), c]));
  const incomingByKey = new Map(incoming.map((c) => [key(c.name), c]));
  const added = incoming.filter((c) => !tableByKey.has(key(c.name)));
  const removed = table.filter((c) => !incomingByKey.has(key(c.name)));
  const changed = incoming.filter((c) => {
    const existing = tableByKey.get(key(c.name));
    return existing !== undefined && existing.type !== c.type;
  });
  const shared = incoming.filter((c) => tableByKey.has(key(c.name))).map((c) => tableByKey.get(key(c.name))!.name);

  if (mode === 'fail' && (added.length > 0 || removed.length > 0 || changed.length > 0)) {
    const parts = [
      added.length ? `new columns ${added.map((c) => `${c.name} ${c.type}`).join(', ')}` : '',
      removed.length ? `removed columns ${removed.map((c) => c.name).join(', ')}` : '',
      changed.length ? `changed types ${changed.map((c) => `${c.name} ${tableByKey.get(key(c.name))!.type} -> ${c.type}`).join(', ')}` : '',
    ].filter(Boolean);
    throw new ContractError('E_SCHEMA_CHANGE', `the columns of incremental model ${model} changed (${parts.join('; ')}) and on_schema_change is 'fail'; the table was left as it was`, {
      file,
      hint: "run with --full-refresh to rebuild it, or set on_schema_change to 'append_new_columns' or 'sync_all_columns'",
    });
  }
  if (mode === 'ignore' || mode === 'fail') return { add: [], drop: [], retype: [], columns: shared };
  if (mode === 'append_new_columns') return { add: added, drop: [], retype: [], columns: [...shared, ...added.map((c) => c.name)] };
  return { add: added, drop: removed.map((c) => c.name), retype: changed, columns: [...shared, ...added.map((c) => c.name)] };
}
