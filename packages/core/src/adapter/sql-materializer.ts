import type { Connection, Introspector } from './connection.js';
import type { Dialect } from './dialect.js';
import { materializeIncremental } from '../execute/materializations/incremental.js';
import type { MaterializationContext } from '../execute/materializations/materialization-context.js';
import { materializeSnapshot } from '../execute/materializations/snapshot.js';
import type { IncrementalOptions, MaterializeResult, Materializer, SeedOptions, SnapshotOptions, TableOptions } from './materializer.js';
import { TEMP_PREFIX, temporaryRelation } from './materializer.js';
import type { RelationRef } from './relation.js';

/**
 * Materializations in standard SQL, for engines with transactional DDL (DuckDB, Postgres).
 * Tables are built under a temporary name and swapped in with drop + rename in one transaction,
 * so readers see the old table or the new one, never neither. Adapters extend it for seeds and
 * engine-specific shortcuts.
 */
export abstract class SqlMaterializer implements Materializer {
  constructor(
    protected readonly connection: Connection,
    protected readonly dialect: Dialect,
    protected readonly introspector: Introspector,
  ) {}

  abstract seed(relation: RelationRef, file: string, options: SeedOptions & TableOptions): Promise<MaterializeResult>;

  async ensureSchema(schema: string): Promise<void> {
    await this.connection.execute(`CREATE SCHEMA IF NOT EXISTS ${this.dialect.quoteIdentifier(schema)}`);
  }

  async view(relation: RelationRef, sql: string, options: TableOptions = {}): Promise<MaterializeResult> {
    const target = this.dialect.renderRelation(relation);
    if (options.verify) {
      // Check the contract on a temporary view first, so a violation keeps the previous view.
      const temporary = temporaryRelation(relation);
      const temp = this.dialect.renderRelation(temporary);
      await this.connection.execute(`CREATE VIEW ${temp} AS\n${sql}`);
      try {
        await options.verify(temporary);
      } finally {
        await this.connection.execute(`DROP VIEW IF EXISTS ${temp}`);
      }
    }
    try {
      await this.connection.execute(`CREATE OR REPLACE VIEW ${target} AS\n${sql}`);
    } catch (error) {
      // Only a failed replace pays for a catalog lookup (a lookup per node is most of the
      // per-node overhead on large projects). A table cannot be replaced by a view in place:
      // drop it and create the view in one transaction; any other failure is the model's.
      if ((await this.introspector.relationKind(relation)) !== 'table') throw error;
      await this.connection.transaction([`DROP TABLE ${target}`, `CREATE VIEW ${target} AS\n${sql}`]);
    }
    return { rowsAffected: 0 };
  }

  async table(relation: RelationRef, sql: string, options: TableOptions = {}): Promise<MaterializeResult> {
    const temporary = temporaryRelation(relation);
    const result = await this.connection.execute(`CREATE TABLE ${this.dialect.renderRelation(temporary)} AS\n${sql}`);
    await this.verifyAndSwap(relation, temporary, options);
    return result;
  }

  async incremental(relation: RelationRef, sql: string, options: IncrementalOptions): Promise<MaterializeResult> {
    return materializeIncremental(this.context(), relation, sql, options);
  }

  async snapshot(relation: RelationRef, sql: string, options: SnapshotOptions): Promise<MaterializeResult> {
    return materializeSnapshot(this.context(), relation, sql, options);
  }

  /** This materializer as the shared materializations see it. */
  protected context(): MaterializationContext {
    return { connection: this.connection, dialect: this.dialect, introspector: this.introspector, buildTable: (relation, sql, options) => this.table(relation, sql, options) };
  }

  /** Runs the caller's verification on the temporary relation, then swaps it in (or drops it). */
  protected async verifyAndSwap(relation: RelationRef, temporary: RelationRef, options: TableOptions): Promise<void> {
    try {
      await options.verify?.(temporary);
      await this.swap(relation, temporary);
    } catch (error) {
      await this.connection.execute(`DROP TABLE IF EXISTS ${this.dialect.renderRelation(temporary)}`).catch(() => undefined);
      throw error;
    }
  }

  /** Replaces `relation` with `temporary` in one transaction. */
  protected async swap(relation: RelationRef, temporary: RelationRef): Promise<void> {
    const target = this.dialect.renderRelation(relation);
    const rename = `ALTER TABLE ${this.dialect.renderRelation(temporary)} RENAME TO ${this.dialect.quoteIdentifier(relation.name)}`;
    try {
      // The common case (a table replacing a table, or a first build) needs no catalog lookup.
      await this.connection.transaction([`DROP TABLE IF EXISTS ${target}`, rename]);
    } catch (error) {
      if ((await this.introspector.relationKind(relation)) !== 'view') throw error;
      await this.connection.transaction([`DROP VIEW ${target}`, rename]);
    }
  }

  async dropTemporaryRelations(schema: string): Promise<number> {
    const leftovers = await this.introspector.listRelations(schema, TEMP_PREFIX);
    for (const relation of leftovers) {
      const kind = relation.kind === 'view' ? 'VIEW' : 'TABLE';
      await this.connection.execute(`DROP ${kind} IF EXISTS ${this.dialect.renderRelation({ schema, name: relation.name })}`);
    }
    return leftovers.length;
  }
}
