import type { IncrementalStrategy, OnSchemaChange, SnapshotColumnNames } from '../adapter/materializer.js';
import { ConfigError, type StrataError } from '../errors/strata-error.js';
import type { ManifestNode } from './manifest.js';

/** An incremental model's settings, read from its config. */
export interface IncrementalConfig {
  /** Absent means "the adapter's best": merge with a unique_key, append without. */
  strategy?: IncrementalStrategy;
  uniqueKey: string[];
  onSchemaChange: OnSchemaChange;
  /** `full_refresh=false` protects the table from `--full-refresh`. */
  fullRefresh?: boolean;
}

/** A snapshot's settings, read from its config. */
export interface SnapshotConfig {
  strategy: 'timestamp' | 'check';
  uniqueKey: string[];
  updatedAt?: string;
  checkCols?: string[] | 'all';
  invalidateHardDeletes: boolean;
  columnNames: SnapshotColumnNames;
}

const STRATEGIES = ['append', 'merge', 'delete+insert', 'insert_overwrite'];
const SCHEMA_CHANGES = ['ignore', 'fail', 'append_new_columns', 'sync_all_columns'];

const keyList = (value: unknown): string[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

function fail(node: ManifestNode, message: string, hint: string): never {
  throw new ConfigError('E_NODE_CONFIG', `${node.name}: ${message}`, { file: node.file, line: node.line ?? 1, hint });
}

/** The incremental settings of a model; throws a ConfigError naming the file when one is wrong. */
export function incrementalConfig(node: ManifestNode): IncrementalConfig {
  const c = node.config;
  const strategy = c.incremental_strategy as string | undefined;
  if (strategy !== undefined && !STRATEGIES.includes(strategy)) fail(node, `unknown incremental_strategy '${strategy}'`, `use one of ${STRATEGIES.join(', ')}`);
  const onSchemaChange = (c.on_schema_change as string | undefined) ?? 'ignore';
  if (!SCHEMA_CHANGES.includes(onSchemaChange)) fail(node, `unknown on_schema_change '${onSchemaChange}'`, `use one of ${SCHEMA_CHANGES.join(', ')}`);
  const uniqueKey = keyList(c.unique_key);
  if ((strategy === 'merge' || strategy === 'delete+insert') && uniqueKey.length === 0) {
    fail(node, `incremental_strategy '${strategy}' needs a unique_key`, "add unique_key='id' (or a list of columns), or use incremental_strategy='append'");
  }
  return { strategy: strategy as IncrementalStrategy | undefined, uniqueKey, onSchemaChange: onSchemaChange as OnSchemaChange, fullRefresh: c.full_refresh as boolean | undefined };
}

/** The settings of a snapshot; throws a ConfigError naming the file when one is missing or wrong. */
export function snapshotConfig(node: ManifestNode): SnapshotConfig {
  const c = node.config;
  const strategy = c.strategy as string | undefined;
  if (strategy !== 'timestamp' && strategy !== 'check') fail(node, strategy === undefined ? 'a snapshot needs a strategy' : `unknown snapshot strategy '${strategy}'`, "set strategy='timestamp' (with updated_at='col') or strategy='check' (with check_cols=['a','b'] or 'all')");
  const uniqueKey = keyList(c.unique_key);
  if (uniqueKey.length === 0) fail(node, 'a snapshot needs a unique_key', "set unique_key='id' (or a list of columns)");
  const updatedAt = c.updated_at as string | undefined;
  if (strategy === 'timestamp' && !updatedAt) fail(node, "the timestamp strategy needs updated_at", "set updated_at='updated_at' (the column that grows when a row changes)");
  const rawCheck = c.check_cols;
  const checkCols = rawCheck === 'all' ? 'all' : rawCheck === undefined ? undefined : keyList(rawCheck);
  if (strategy === 'check' && (checkCols === undefined || (Array.isArray(checkCols) && checkCols.length === 0))) fail(node, 'the check strategy needs check_cols', "set check_cols=['status', 'amount'] or check_cols='all'");
  const hardDeletes = c.hard_deletes as string | undefined;
  if (hardDeletes !== undefined && hardDeletes !== 'ignore' && hardDeletes !== 'invalidate') fail(node, `unknown hard_deletes '${hardDeletes}'`, "use hard_deletes='invalidate' or 'ignore'");
  const names = (c.snapshot_meta_column_names as Record<string, string> | undefined) ?? {};
  return {
    strategy,
    uniqueKey,
    updatedAt,
    checkCols,
    invalidateHardDeletes: c.invalidate_hard_deletes === true || hardDeletes === 'invalidate',
    columnNames: { validFrom: names.valid_from ?? 'valid_from', validTo: names.valid_to ?? 'valid_to', isCurrent: names.is_current ?? 'is_current', scdId: names.scd_id ?? 'strata_scd_id' },
  };
}

/** Pre- and post-hooks of a node, in the order they run. */
export function hooksOf(node: ManifestNode): { pre: string[]; post: string[] } {
  return { pre: keyList(node.config.pre_hook), post: keyList(node.config.post_hook) };
}

/** Checks a parsed node's materialization settings, so mistakes surface at parse time, all at once. */
export function validateNodeConfig(node: ManifestNode): StrataError[] {
  try {
    if (node.resourceType === 'snapshot') snapshotConfig(node);
    else if (node.resourceType === 'model' && node.config.materialized === 'incremental') incrementalConfig(node);
    return [];
  } catch (error) {
    return [error as StrataError];
  }
}
