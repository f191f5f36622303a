import { ConfigError } from '@strata/core';
import type { BigQueryDialect } from './bigquery-dialect.js';
import type { TableResource } from './bigquery-introspector.js';

/**
 * How a table is partitioned, from a model's `partition_by` config (dbt-bigquery's shape).
 * @example {{ config(materialized='incremental', partition_by={'field': 'ordered_at', 'data_type': 'timestamp', 'granularity': 'day'}) }}
 */
export interface PartitionSpec {
  field: string;
  dataType: 'date' | 'timestamp' | 'datetime' | 'int64';
  granularity: 'hour' | 'day' | 'month' | 'year';
  /** Integer-range partitions: buckets of `interval` from `start` (inclusive) to `end` (exclusive). */
  range?: { start: number; end: number; interval: number };
}

/** Table layout settings of a model. */
export interface TableLayout {
  partition?: PartitionSpec;
  /** At most four columns, in order. */
  clusterBy: string[];
}

const DATA_TYPES = ['date', 'timestamp', 'datetime', 'int64'];
const GRANULARITIES = ['hour', 'day', 'month', 'year'];

function fail(model: string | undefined, file: string | undefined, message: string, hint: string): never {
  throw new ConfigError('E_NODE_CONFIG', `${model ?? 'model'}: ${message}`, { file, hint });
}

/**
 * Reads `partition_by` (a column name, or `{ field, data_type, granularity, range }`) and
 * `cluster_by` (a column or a list of up to four) from a model's config.
 */
export function tableLayout(config: Readonly<Record<string, unknown>> | undefined, model?: string, file?: string): TableLayout {
  const raw = config?.partition_by;
  const clusterRaw = config?.cluster_by;
  const clusterBy = clusterRaw === undefined || clusterRaw === null ? [] : (Array.isArray(clusterRaw) ? clusterRaw : [clusterRaw]).map(String);
  if (clusterBy.length > 4) fail(model, file, `cluster_by names ${clusterBy.length} columns; BigQuery allows at most 4`, 'keep the four columns queries filter on most');
  if (raw === undefined || raw === null) return { clusterBy };
  const spec = typeof raw === 'string' ? { field: raw } : (raw as Record<string, unknown>);
  if (typeof spec.field !== 'string' || spec.field === '') fail(model, file, 'partition_by needs a field', "write partition_by={'field': 'ordered_at', 'data_type': 'timestamp'}");
  const dataType = String(spec.data_type ?? 'date').toLowerCase();
  if (!DATA_TYPES.includes(dataType)) fail(model, file, `unknown partition_by data_type '${dataType}'`, `use one of ${DATA_TYPES.join(', ')}`);
  const granularity = String(spec.granularity ?? 'day').toLowerCase();
  if (!GRANULARITIES.includes(granularity)) fail(model, file, `unknown partition_by granularity '${granularity}'`, `use one of ${GRANULARITIES.join(', ')}`);
  if (dataType === 'date' && granularity === 'hour') fail(model, file, 'a date column cannot be partitioned by hour', "use data_type='timestamp' or granularity='day'");
  let range: PartitionSpec['range'];
  if (dataType === 'int64') {
    const r = spec.range as Record<string, unknown> | undefined;
    if (!r || [r.start, r.end, r.interval].some((v) => !Number.isInteger(Number(v)))) fail(model, file, 'an int64 partition needs a range', "write partition_by={'field': 'customer_id', 'data_type': 'int64', 'range': {'start': 0, 'end': 1000, 'interval': 10}}");
    range = { start: Number(r.start), end: Number(r.end), interval: Number(r.interval) };
  }
  return { partition: { field: spec.field, dataType: dataType as PartitionSpec['dataType'], granularity: granularity as PartitionSpec['granularity'], range }, clusterBy };
}

/**
 * The partition a row falls in, as an expression over `column` (qualified by the caller):
 * `DATE_TRUNC(d, MONTH)`, `TIMESTAMP_TRUNC(ts, DAY)`, or the integer itself.
 */
export function partitionExpression(spec: PartitionSpec, column: string): string {
  const unit = spec.granularity.toUpperCase();
  switch (spec.dataType) {
    case 'date':
      return spec.granularity === 'day' ? column : `DATE_TRUNC(${column}, ${unit})`;
    case 'timestamp':
      return `TIMESTAMP_TRUNC(${column}, ${unit})`;
    case 'datetime':
      return `DATETIME_TRUNC(${column}, ${unit})`;
    case 'int64':
      return column;
  }
}

/** BigQuery's type of a partition value (what `DECLARE` needs). */
export function partitionValueType(spec: PartitionSpec): string {
  return spec.dataType === 'int64' ? 'INT64' : spec.dataType.toUpperCase();
}

/** `PARTITION BY … CLUSTER BY …` clauses of a CREATE TABLE, or '' for a plain table. */
export function layoutClauses(dialect: BigQueryDialect, layout: TableLayout): string {
  const parts: string[] = [];
  const p = layout.partition;
  if (p) {
    const column = dialect.quoteIdentifier(p.field);
    parts.push(p.dataType === 'int64' ? `PARTITION BY RANGE_BUCKET(${column}, GENERATE_ARRAY(${p.range!.start}, ${p.range!.end}, ${p.range!.interval}))` : `PARTITION BY ${partitionExpression(p, column)}`);
  }
  if (layout.clusterBy.length > 0) parts.push(`CLUSTER BY ${layout.clusterBy.map((c) => dialect.quoteIdentifier(c)).join(', ')}`);
  return parts.join('\n');
}

/**
 * True when `CREATE OR REPLACE TABLE` can replace the existing table: BigQuery refuses to
 * change the partitioning or clustering of a table in place, so those changes drop it first.
 */
export function layoutMatches(existing: TableResource, layout: TableLayout): boolean {
  const wantedField = layout.partition?.dataType === 'int64' ? undefined : layout.partition?.field;
  const timeField = existing.timePartitioning ? (existing.timePartitioning.field ?? '_PARTITIONTIME') : undefined;
  const wantedType = layout.partition && layout.partition.dataType !== 'int64' ? layout.partition.granularity.toUpperCase() : undefined;
  if ((timeField ?? undefined)?.toLowerCase() !== wantedField?.toLowerCase()) return false;
  if (existing.timePartitioning && (existing.timePartitioning.type ?? 'DAY') !== wantedType) return false;
  const wantedRange = layout.partition?.dataType === 'int64' ? layout.partition : undefined;
  if ((existing.rangePartitioning?.field ?? '').toLowerCase() !== (wantedRange?.field ?? '').toLowerCase()) return false;
  const cluster = (existing.clustering?.fields ?? []).map((c) => c.toLowerCase()).join(',');
  return cluster === layout.clusterBy.map((c) => c.toLowerCase()).join(',');
}
