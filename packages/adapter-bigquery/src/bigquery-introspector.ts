import type { ColumnInfo, Introspector, RelationKind, RelationRef } from '@strata/core';
import { describeFailure, toAdapterError } from './bigquery-errors.js';
import type { BigQueryJobRunner } from './bigquery-jobs.js';
import { canonicalType, type BigQueryField } from './bigquery-values.js';

/** The parts of a BigQuery `Table` resource Strata reads. */
export interface TableResource {
  type?: 'TABLE' | 'VIEW' | 'MATERIALIZED_VIEW' | 'EXTERNAL' | 'SNAPSHOT' | 'CLONE';
  numRows?: string;
  schema?: { fields: BigQueryField[] };
  timePartitioning?: { type?: string; field?: string };
  rangePartitioning?: { field?: string; range?: { start?: string; end?: string; interval?: string } };
  clustering?: { fields?: string[] };
}

/** BigQuery's type name of a column as DDL writes it: `INT64`, `ARRAY<STRING>`, `STRUCT<a INT64>`. */
function columnType(field: BigQueryField): string {
  const base = canonicalType(field.type);
  const inner = base === 'STRUCT' && field.fields ? `STRUCT<${field.fields.map((f) => `${f.name} ${columnType(f)}`).join(', ')}>` : base;
  return field.mode === 'REPEATED' ? `ARRAY<${inner}>` : inner;
}

/**
 * Reads BigQuery's catalog through the REST API (`tables.get`, `tables.list`) rather than
 * INFORMATION_SCHEMA queries: metadata calls are free, fast and need no location.
 */
export class BigQueryIntrospector implements Introspector {
  constructor(
    private readonly jobs: BigQueryJobRunner,
    private readonly project: string,
  ) {}

  /** The table resource, or undefined when the table (or its dataset) does not exist. */
  async table(relation: RelationRef): Promise<TableResource | undefined> {
    try {
      return await this.jobs.call<TableResource>('GET', `/datasets/${encodeURIComponent(relation.schema)}/tables/${encodeURIComponent(relation.name)}`, { projectId: relation.database ?? this.project });
    } catch (error) {
      if (describeFailure(error).status === 404) return undefined;
      throw toAdapterError(error, { action: `tables.get of ${relation.schema}.${relation.name} failed` });
    }
  }

  async relationKind(relation: RelationRef): Promise<RelationKind | undefined> {
    const table = await this.table(relation);
    if (!table) return undefined;
    return table.type === 'VIEW' || table.type === 'MATERIALIZED_VIEW' ? 'view' : 'table';
  }

  async columns(relation: RelationRef): Promise<ColumnInfo[]> {
    const table = await this.table(relation);
    return (table?.schema?.fields ?? []).map((field) => ({ name: field.name, type: columnType(field) }));
  }

  /** Tables and views of a dataset whose name starts with `prefix`, every page of `tables.list`. */
  async listRelations(schema: string, prefix = ''): Promise<Array<{ name: string; kind: RelationKind }>> {
    const found: Array<{ name: string; kind: RelationKind }> = [];
    let pageToken: string | undefined;
    try {
      do {
        const page = await this.jobs.call<{ tables?: Array<{ tableReference: { tableId: string }; type?: string }>; nextPageToken?: string }>('GET', `/datasets/${encodeURIComponent(schema)}/tables`, {
          qs: { maxResults: 1000, ...(pageToken ? { pageToken } : {}) },
        });
        for (const t of page.tables ?? []) {
          if (t.tableReference.tableId.startsWith(prefix)) found.push({ name: t.tableReference.tableId, kind: t.type === 'VIEW' || t.type === 'MATERIALIZED_VIEW' ? 'view' : 'table' });
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
    } catch (error) {
      if (describeFailure(error).status === 404) return [];
      throw toAdapterError(error, { action: `tables.list of ${schema} failed` });
    }
    return found;
  }
}
