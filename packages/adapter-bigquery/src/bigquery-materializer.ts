import { TEMP_PREFIX, temporaryRelation, type IncrementalOptions, type MaterializeResult, type Materializer, type NodeIdentity, type RelationRef, type SeedOptions, type SnapshotOptions, type TableOptions } from '@strata/core';
import type { BigQueryConnection } from './bigquery-connection.js';
import type { BigQueryDialect } from './bigquery-dialect.js';
import { describeFailure, forModel, toAdapterError } from './bigquery-errors.js';
import { bigQueryGrantsOf, syncBigQueryGrants, type BigQueryGrants } from './bigquery-grants.js';
import { alterStatements, incrementalSql, planSchemaChange } from './bigquery-incremental.js';
import type { BigQueryIntrospector, TableResource } from './bigquery-introspector.js';
import { layoutClauses, layoutMatches, tableLayout } from './bigquery-partitioning.js';
import { loadSeed } from './bigquery-seed.js';
import { BigQuerySnapshotSql } from './bigquery-snapshot.js';

/** Temporary tables expire on their own: a killed run leaves nothing that costs storage for long. */
const EXPIRES = 'OPTIONS(expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 1 DAY))';

/**
 * BigQuery materializations. BigQuery has no transactional DDL but has atomic statements:
 * `CREATE OR REPLACE TABLE/VIEW` swaps in one step, a MERGE or a load/copy job with
 * WRITE_TRUNCATE commits all or nothing, and DML runs in multi-statement transactions.
 * Contracts are checked on a temporary view (free: no bytes scanned) before the real build.
 * A node's `grants` are applied with DCL after every build of a view, table, incremental model
 * or snapshot: a replaced table's IAM policy cannot be relied on to survive.
 */
export class BigQueryMaterializer implements Materializer {
  /** Dataset locations looked up for INFORMATION_SCHEMA's region qualifier, when the target names none. */
  private readonly locations = new Map<string, Promise<string>>();

  constructor(
    private readonly connection: BigQueryConnection,
    private readonly dialect: BigQueryDialect,
    private readonly introspector: BigQueryIntrospector,
  ) {}

  /** Creates the dataset in the target's location when it does not exist (`datasets.get`/`datasets.insert`). */
  async ensureSchema(schema: string): Promise<void> {
    const { jobs } = this.connection;
    try {
      await jobs.call('GET', `/datasets/${encodeURIComponent(schema)}`);
      return;
    } catch (error) {
      if (describeFailure(error).status !== 404) throw toAdapterError(error, { action: `datasets.get of ${schema} failed` });
    }
    const body = { datasetReference: { projectId: jobs.config.project, datasetId: schema }, ...(jobs.config.location ? { location: jobs.config.location } : {}) };
    try {
      await jobs.call('POST', '/datasets', { json: body });
    } catch (error) {
      // Another thread or run created it first.
      if (describeFailure(error).status !== 409) throw toAdapterError(error, { action: `creating dataset ${schema} failed` });
    }
  }

  async view(relation: RelationRef, sql: string, options: TableOptions = {}): Promise<MaterializeResult> {
    return this.named(options, relation, async () => {
      const grants = this.grantsOf(options, relation);
      if (options.verify) await this.verifyOnView(relation, sql, options);
      const existing = await this.introspector.table(relation);
      // CREATE OR REPLACE VIEW cannot replace a table; BigQuery has no DDL transactions, so drop first.
      if (existing && existing.type !== 'VIEW') await this.connection.execute(`DROP TABLE ${this.dialect.renderRelation(relation)}`);
      await this.connection.execute(`CREATE OR REPLACE VIEW ${this.dialect.renderRelation(relation)} AS\n${sql}`);
      await this.applyGrants(relation, 'VIEW', grants);
      return { rowsAffected: 0 };
    });
  }

  /** `CREATE OR REPLACE TABLE … PARTITION BY … CLUSTER BY … AS`: one atomic statement. */
  async table(relation: RelationRef, sql: string, options: TableOptions = {}): Promise<MaterializeResult> {
    return this.named(options, relation, async () => {
      const grants = this.grantsOf(options, relation);
      const result = await this.replaceTable(relation, sql, options);
      await this.applyGrants(relation, 'TABLE', grants);
      return result;
    });
  }

  async incremental(relation: RelationRef, sql: string, options: IncrementalOptions): Promise<MaterializeResult> {
    return this.named(options, relation, async () => {
      const grants = this.grantsOf(options, relation);
      const result = await this.writeIncremental(relation, sql, options);
      await this.applyGrants(relation, 'TABLE', grants);
      return result;
    });
  }

  /** The incremental run itself: first build, or stage the new rows, evolve the schema and write them. */
  private async writeIncremental(relation: RelationRef, sql: string, options: IncrementalOptions): Promise<MaterializeResult> {
    const model = options.model ?? relation.name;
    const layout = tableLayout(options.config, options.model, options.file);
    const existing = await this.introspector.table(relation);
    if (!existing || existing.type === 'VIEW' || options.fullRefresh) {
      const result = await this.replaceTable(relation, sql, options);
      return { ...result, message: existing === undefined ? 'created' : 'full refresh' };
    }
    const delta = temporaryRelation(relation);
    try {
      const { rowsAffected } = await this.connection.execute(`CREATE TABLE ${this.dialect.renderRelation(delta)}\n${EXPIRES}\nAS\n${sql}`);
      await options.verify?.(delta);
      const plan = planSchemaChange(await this.introspector.columns(relation), await this.introspector.columns(delta), options.onSchemaChange, model, options.file);
      for (const alter of alterStatements(this.dialect, relation, plan)) await this.connection.execute(alter);
      if (rowsAffected > 0) {
        const write = incrementalSql({ dialect: this.dialect, target: relation, source: delta, columns: plan.columns, strategy: options.strategy, uniqueKey: options.uniqueKey, partition: layout.partition, model, file: options.file });
        if (write.transaction) await this.connection.transaction(write.statements);
        else for (const statement of write.statements) await this.connection.execute(statement);
      }
      const changes = [plan.add.length ? `+${plan.add.length} columns` : '', plan.drop.length ? `-${plan.drop.length} columns` : '', plan.retype.length ? `${plan.retype.length} retyped` : ''].filter(Boolean);
      return { rowsAffected, message: `incremental ${options.strategy}${changes.length ? ` (${changes.join(', ')})` : ''}` };
    } finally {
      await this.dropQuietly(delta);
    }
  }

  async snapshot(relation: RelationRef, sql: string, options: SnapshotOptions): Promise<MaterializeResult> {
    return this.named(options, relation, async () => {
      const grants = this.grantsOf(options, relation);
      const result = await this.writeSnapshot(relation, sql, options);
      await this.applyGrants(relation, 'TABLE', grants);
      return result;
    });
  }

  /** The snapshot run itself: first build, or new versions and closed ones in one transaction. */
  private async writeSnapshot(relation: RelationRef, sql: string, options: SnapshotOptions): Promise<MaterializeResult> {
    const snapshot = new BigQuerySnapshotSql(this.dialect, options);
    const staged = temporaryRelation(relation);
    try {
      await this.connection.execute(`CREATE TABLE ${this.dialect.renderRelation(staged)}\n${EXPIRES}\nAS\n${sql}`);
      const stagedColumns = await this.introspector.columns(staged);
      snapshot.requireColumns(stagedColumns.map((c) => c.name));
      const existing = await this.introspector.table(relation);
      if (!existing || existing.type === 'VIEW') {
        const built = await this.replaceTable(relation, snapshot.initial(staged), { config: options.config, model: options.model, file: options.file });
        return { rowsAffected: built.rowsAffected, message: 'snapshot created' };
      }
      const meta = new Set(Object.values(options.columnNames).map((c) => c.toLowerCase()));
      const known = new Set((existing.schema?.fields ?? []).map((f) => f.name.toLowerCase()));
      const added = stagedColumns.filter((c) => !known.has(c.name.toLowerCase()) && !meta.has(c.name.toLowerCase()));
      for (const c of added) await this.connection.execute(`ALTER TABLE ${this.dialect.renderRelation(relation)} ADD COLUMN ${this.dialect.quoteIdentifier(c.name)} ${c.type}`);
      const written = stagedColumns.map((c) => c.name).filter((c) => !meta.has(c.toLowerCase()));
      const results = await this.connection.transaction(snapshot.update(relation, staged, written));
      const inserted = results[0]?.rowsAffected ?? 0;
      const closed = results.slice(1).reduce((n, r) => n + r.rowsAffected, 0);
      return { rowsAffected: inserted, message: `snapshot: ${inserted} new versions, ${closed} closed` };
    } finally {
      await this.dropQuietly(staged);
    }
  }

  /**
   * Loads a CSV with a load job into a temporary table, checks it, then copies it over the
   * seed's table with a copy job (WRITE_TRUNCATE: atomic, and free).
   */
  async seed(relation: RelationRef, file: string, options: SeedOptions & TableOptions): Promise<MaterializeResult> {
    const staged = temporaryRelation(relation, `${Date.now().toString(36)}_load`);
    const typed = temporaryRelation(relation, `${Date.now().toString(36)}_typed`);
    try {
      const loaded = await loadSeed(this.connection, this.dialect, staged, typed, file, options);
      await options.verify?.(loaded.relation);
      const existing = await this.introspector.table(relation);
      if (existing && existing.type === 'VIEW') await this.connection.execute(`DROP VIEW ${this.dialect.renderRelation(relation)}`);
      await this.copy(loaded.relation, relation);
      return { rowsAffected: loaded.rows };
    } finally {
      await this.dropQuietly(staged);
      await this.dropQuietly(typed);
    }
  }

  async dropTemporaryRelations(schema: string): Promise<number> {
    const leftovers = await this.introspector.listRelations(schema, TEMP_PREFIX);
    for (const relation of leftovers) await this.deleteTable({ schema, name: relation.name });
    return leftovers.length;
  }

  /** A copy job `source` → `target` that replaces the target's rows and schema in one step. */
  private async copy(source: RelationRef, target: RelationRef): Promise<void> {
    const { jobs } = this.connection;
    const ref = (r: RelationRef) => ({ projectId: r.database ?? jobs.config.project, datasetId: r.schema, tableId: r.name });
    const configuration = { copy: { sourceTable: ref(source), destinationTable: ref(target), writeDisposition: 'WRITE_TRUNCATE', createDisposition: 'CREATE_IF_NEEDED' }, ...(jobs.config.labels ? { labels: jobs.config.labels } : {}) };
    try {
      await jobs.run('copy job', (jobId) => jobs.call('POST', '/jobs', { json: { jobReference: jobs.reference(jobId), configuration } }));
    } catch (error) {
      throw toAdapterError(error, { action: `copy job ${source.name} -> ${target.name} failed` });
    }
  }

  /** The table build itself, without grants (incremental and snapshot runs build through it too). */
  private async replaceTable(relation: RelationRef, sql: string, options: TableOptions): Promise<MaterializeResult> {
    if (options.verify) await this.verifyOnView(relation, sql, options);
    const layout = tableLayout(options.config, options.model, options.file);
    await this.prepareReplace(relation, await this.introspector.table(relation), layout);
    const clauses = layoutClauses(this.dialect, layout);
    return this.connection.execute(`CREATE OR REPLACE TABLE ${this.dialect.renderRelation(relation)}${clauses ? `\n${clauses}` : ''}\nAS\n${sql}`);
  }

  /** The node's grants, checked before anything is built so a malformed one costs no job. */
  private grantsOf(options: NodeIdentity, relation: RelationRef): BigQueryGrants | undefined {
    return bigQueryGrantsOf(options.config, options.model ?? relation.name, options.file);
  }

  /** Re-applies the node's grants to what was just built (see syncBigQueryGrants). */
  private async applyGrants(relation: RelationRef, kind: 'TABLE' | 'VIEW', grants: BigQueryGrants | undefined): Promise<void> {
    if (!grants) return;
    await syncBigQueryGrants(this.connection, this.dialect, relation, kind, grants, await this.location(relation));
  }

  /** The target's location, else the dataset's (`datasets.get`), for INFORMATION_SCHEMA's `region-…` qualifier. */
  private location(relation: RelationRef): Promise<string> {
    const { jobs } = this.connection;
    if (jobs.config.location) return Promise.resolve(jobs.config.location);
    const project = relation.database ?? jobs.config.project;
    const key = `${project}.${relation.schema}`;
    if (!this.locations.has(key)) {
      const lookup = jobs
        .call<{ location?: string }>('GET', `/datasets/${encodeURIComponent(relation.schema)}`, { projectId: project })
        .then((d) => d.location ?? 'US')
        .catch((error) => {
          this.locations.delete(key);
          throw toAdapterError(error, { action: `datasets.get of ${relation.schema} failed` });
        });
      this.locations.set(key, lookup);
    }
    return this.locations.get(key)!;
  }

  /**
   * Makes `CREATE OR REPLACE TABLE` possible: a view of the same name is dropped, and so is a
   * table whose partitioning or clustering differs (BigQuery refuses to change those in place).
   */
  private async prepareReplace(relation: RelationRef, existing: TableResource | undefined, layout: ReturnType<typeof tableLayout>): Promise<void> {
    if (!existing) return;
    if (existing.type === 'VIEW' || existing.type === 'MATERIALIZED_VIEW') await this.connection.execute(`DROP VIEW ${this.dialect.renderRelation(relation)}`);
    else if (!layoutMatches(existing, layout)) await this.connection.execute(`DROP TABLE ${this.dialect.renderRelation(relation)}`);
  }

  /** Builds the query as a temporary view and runs the caller's check on its columns (no bytes scanned). */
  private async verifyOnView(relation: RelationRef, sql: string, options: TableOptions): Promise<void> {
    const temporary = temporaryRelation(relation);
    await this.connection.execute(`CREATE VIEW ${this.dialect.renderRelation(temporary)} AS\n${sql}`);
    try {
      await options.verify!(temporary);
    } finally {
      await this.deleteTable(temporary).catch(() => undefined);
    }
  }

  /** `tables.delete`, ignoring a table that is already gone. */
  private async deleteTable(relation: RelationRef): Promise<void> {
    try {
      await this.connection.jobs.call('DELETE', `/datasets/${encodeURIComponent(relation.schema)}/tables/${encodeURIComponent(relation.name)}`, { projectId: relation.database ?? this.connection.jobs.config.project });
    } catch (error) {
      if (describeFailure(error).status !== 404) throw toAdapterError(error, { action: `tables.delete of ${relation.schema}.${relation.name} failed` });
    }
  }

  private async dropQuietly(relation: RelationRef): Promise<void> {
    await this.deleteTable(relation).catch(() => undefined);
  }

  /** Runs a materialization so that a BigQuery error names the model it happened in. */
  private async named<T>(options: NodeIdentity, relation: RelationRef, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw forModel(error, options.model ?? relation.name, options.file);
    }
  }
}
