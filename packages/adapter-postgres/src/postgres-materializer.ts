import { createHash } from 'node:crypto';
import { AdapterError, SeedError, SqlMaterializer, TEMP_PREFIX, type Connection, type IncrementalOptions, type MaterializeResult, type RelationRef, type SeedOptions, type SnapshotOptions, type TableOptions } from '@strata/core';
import { copyCsv, createSeedTable, inferColumnTypes } from './copy-seed.js';
import { dependentViews, recreateViews, regrantViews } from './dependent-views.js';
import { grantsOf, grantStatements, syncGrants, type Grants } from './postgres-grants.js';
import type { PostgresConnection } from './postgres-connection.js';
import { MAX_IDENTIFIER_BYTES, type PostgresDialect } from './postgres-dialect.js';
import type { PostgresIntrospector } from './postgres-introspector.js';
import { readCsvHeader } from './read-csv-header.js';

/** SQLSTATEs of a concurrent `CREATE SCHEMA IF NOT EXISTS` that lost the race (it exists now). */
const SCHEMA_RACE = new Set(['23505', '42P06']);

/** Attempts of a swap that lost a deadlock to a reader's lock (Postgres aborts one side). */
const SWAP_ATTEMPTS = 3;

/** The advisory lock Strata's swaps take turns on, per database (`hashtext` of a fixed name). */
const SWAP_LOCK_KEY = "hashtext('strata_swap')";

let counter = 0;

/**
 * A temporary name that fits Postgres's 63 bytes: `__strata_tmp_<name>_<suffix>`, with a long
 * name shortened and made unique by a hash of it (Postgres would cut it silently instead).
 */
export function pgTemporaryRelation(relation: RelationRef): RelationRef {
  const suffix = `${Date.now().toString(36)}${(counter++ % 1296).toString(36).padStart(2, '0')}`;
  const room = MAX_IDENTIFIER_BYTES - TEMP_PREFIX.length - suffix.length - 1;
  let base = relation.name;
  if (Buffer.byteLength(base) > room) base = `${base.slice(0, room - 9)}_${createHash('md5').update(base).digest('hex').slice(0, 8)}`;
  return { ...relation, name: `${TEMP_PREFIX}${base}_${suffix}` };
}

/** What a materializer takes from its target's settings (not per call). @example { analyze: true } */
export interface PostgresMaterializerOptions {
  /** `ANALYZE` each table and seed before it is swapped in (the target's `analyze`, default true). */
  analyze: boolean;
}

const sqlstate = (error: unknown): string | undefined => ((error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code);

/**
 * Postgres materializations. Tables are built under a temporary name and swapped in with
 * `DROP … CASCADE` + `RENAME` in one transaction; because Postgres binds views to the tables
 * they read, the same transaction recreates every dependent view from its stored definition (and
 * gives back the grants they held), so readers see the old relation or the new one and
 * downstream views survive a rebuild. A node's `grants` (`{ select: ['reporter'] }`) are given to
 * the new relation inside that transaction, and synced after incremental and snapshot runs.
 * Seeds are streamed with `COPY … FROM STDIN`.
 */
export class PostgresMaterializer extends SqlMaterializer {
  declare protected readonly connection: PostgresConnection;
  declare protected readonly dialect: PostgresDialect;
  declare protected readonly introspector: PostgresIntrospector;

  constructor(
    connection: Connection,
    dialect: PostgresDialect,
    introspector: PostgresIntrospector,
    private readonly settings: PostgresMaterializerOptions = { analyze: true },
  ) {
    super(connection, dialect, introspector);
  }

  async ensureSchema(schema: string): Promise<void> {
    try {
      await this.connection.execute(`CREATE SCHEMA IF NOT EXISTS ${this.dialect.quoteIdentifier(schema)}`);
    } catch (error) {
      if (!SCHEMA_RACE.has(sqlstate(error) ?? '')) throw error;
    }
  }

  async view(relation: RelationRef, sql: string, options: TableOptions = {}): Promise<MaterializeResult> {
    if (options.verify) {
      // Check the contract on a temporary view first, so a violation keeps the previous view.
      const temporary = pgTemporaryRelation(relation);
      await this.connection.execute(`CREATE VIEW ${this.dialect.renderRelation(temporary)} AS\n${sql}`);
      try {
        await options.verify(temporary);
      } finally {
        await this.connection.execute(`DROP VIEW IF EXISTS ${this.dialect.renderRelation(temporary)}`);
      }
    }
    // CREATE OR REPLACE VIEW cannot drop or retype columns: replace it like a table instead.
    await this.replace(relation, [`CREATE VIEW ${this.dialect.renderRelation(relation)} AS\n${sql}`], grantsOf(options.config, options.model));
    return { rowsAffected: 0 };
  }

  async table(relation: RelationRef, sql: string, options: TableOptions = {}): Promise<MaterializeResult> {
    const temporary = pgTemporaryRelation(relation);
    const result = await this.connection.execute(`CREATE TABLE ${this.dialect.renderRelation(temporary)} AS\n${sql}`);
    await this.verifyAndSwap(relation, temporary, options);
    return { rowsAffected: result.rowsAffected };
  }

  protected async swap(relation: RelationRef, temporary: RelationRef, grants?: Grants): Promise<void> {
    await this.replace(relation, [`ALTER TABLE ${this.dialect.renderRelation(temporary)} RENAME TO ${this.dialect.quoteIdentifier(relation.name)}`], grants);
  }

  /**
   * Core's verify-then-swap, with the node's `grants` given to the new table inside the swap.
   * Every table, seed, and first (or full-refresh) build of an incremental model or snapshot
   * comes through here, so the new table is analyzed here: the planner has no statistics on a
   * fresh table until autovacuum runs, and its guesses turn joins in the models that read it
   * into nested loops whose time grows with the square of the rows. The temporary table is
   * analyzed before the swap — the statistics belong to the table, not its name, so they survive
   * the rename — which keeps the swap's exclusive lock short and gives the contract checks a
   * good plan too.
   */
  protected async verifyAndSwap(relation: RelationRef, temporary: RelationRef, options: TableOptions): Promise<void> {
    try {
      const grants = grantsOf(options.config, options.model);
      if (this.settings.analyze) await this.connection.execute(`ANALYZE ${this.dialect.renderRelation(temporary)}`);
      await options.verify?.(temporary);
      await this.swap(relation, temporary, grants);
    } catch (error) {
      await this.connection.execute(`DROP TABLE IF EXISTS ${this.dialect.renderRelation(temporary)}`).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Incremental runs keep the table: its grants are brought in line with the config afterwards.
   * Its statistics are left to autovacuum: the table has them from its first build, and the
   * planner scales their row count to the table's current size.
   */
  async incremental(relation: RelationRef, sql: string, options: IncrementalOptions): Promise<MaterializeResult> {
    const result = await super.incremental(relation, sql, options);
    const grants = grantsOf(options.config, options.model);
    if (grants) await syncGrants(this.connection, this.dialect, relation, grants);
    return result;
  }

  async snapshot(relation: RelationRef, sql: string, options: SnapshotOptions): Promise<MaterializeResult> {
    const result = await super.snapshot(relation, sql, options);
    const grants = grantsOf(options.config, options.model);
    if (grants) await syncGrants(this.connection, this.dialect, relation, grants);
    return result;
  }

  /**
   * In one transaction: drop `relation` (if any) with its dependent views, run `build` (which
   * creates the new relation under the same name), recreate the views. A view that no longer
   * compiles on the new relation rolls everything back and names the view.
   */
  private async replace(relation: RelationRef, build: string[], grants?: Grants): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.replaceOnce(relation, build, grants);
        return;
      } catch (error) {
        if (sqlstate(error) !== '40P01' || attempt >= SWAP_ATTEMPTS) throw error;
      }
    }
  }

  private async replaceOnce(relation: RelationRef, build: string[], grants?: Grants): Promise<void> {
    const target = this.dialect.renderRelation(relation);
    await this.connection.execute('BEGIN');
    try {
      const existing = await this.introspector.relationKind(relation);
      // Replacing drops and recreates the views that read the relation, and two swaps whose
      // relations share a view (a staging view joining two seeds) would each drop the other's
      // new copy: they deadlock, or one reads a dropped view's OID ("could not open relation").
      // Strata's swaps take turns: each is a few DDL statements, and a build never reads the
      // relation it is swapping, so the wait is short.
      if (existing) await this.connection.execute(`SELECT pg_advisory_xact_lock(${SWAP_LOCK_KEY})`);
      if (existing === 'table') await this.connection.execute(`LOCK TABLE ${target} IN ACCESS EXCLUSIVE MODE`);
      const views = existing ? await dependentViews(this.connection, this.dialect, relation) : [];
      if (existing) await this.connection.execute(`DROP ${existing === 'view' ? 'VIEW' : 'TABLE'} ${target} CASCADE`);
      for (const statement of build) await this.connection.execute(statement);
      // The new relation starts with no grants: give the configured ones before anyone can read it.
      for (const statement of grants ? grantStatements(this.dialect, relation, grants) : []) await this.connection.execute(statement);
      for (const [i, statement] of recreateViews(views).entries()) {
        try {
          await this.connection.execute(statement);
        } catch (error) {
          const view = views[i]!;
          throw new AdapterError(`the new ${relation.schema}.${relation.name} breaks view ${view.schema}.${view.name}, which reads it: ${(error as Error).message}`, {
            code: 'E_DEPENDENT_VIEW',
            sql: statement,
            cause: error,
            hint: `keep the columns ${view.name} uses, or change or drop that view; the previous ${relation.name} was kept`,
          });
        }
      }
      for (const statement of regrantViews(views)) await this.connection.execute(statement);
      await this.connection.execute('COMMIT');
    } catch (error) {
      await this.connection.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async seed(relation: RelationRef, file: string, options: SeedOptions & TableOptions): Promise<MaterializeResult> {
    const delimiter = options.delimiter ?? ',';
    const header = readCsvHeader(file, delimiter);
    if (header.length === 0) throw new SeedError('E_SEED_EMPTY', 'seed file is empty: it needs at least a header row', { file, line: 1 });
    if (options.columns) checkHeader(file, header, options.columns.map((c) => c.name), delimiter);
    const folded = header.map((h) => this.dialect.fold(h));
    const duplicate = header.find((_, i) => folded.indexOf(folded[i]!) !== i);
    if (duplicate) throw new SeedError('E_SEED_HEADER', `seed header names column '${duplicate}' twice (Postgres folds names to lower case)`, { file, line: 1 });

    const loaded = pgTemporaryRelation(relation);
    let final = loaded;
    let rows: number;
    try {
      await this.connection.execute(createSeedTable(this.dialect, loaded, header, options.columns));
      rows = await copyCsv(this.connection, this.dialect, loaded, header, file, delimiter);
      const declared = new Set((options.columns ?? []).filter((c) => c.type).map((c) => c.name));
      const open = header.filter((h) => !declared.has(h));
      const inferred = await inferColumnTypes(this.connection, this.dialect, loaded, open);
      if (inferred.some((t) => t !== 'text')) {
        const types = new Map(open.map((name, i) => [name, inferred[i]!]));
        const select = header.map((h) => {
          const c = this.dialect.quoteIdentifier(h);
          return types.has(h) && types.get(h) !== 'text' ? `cast(${c} AS ${types.get(h)}) AS ${c}` : c;
        });
        final = pgTemporaryRelation(relation);
        await this.connection.execute(`CREATE TABLE ${this.dialect.renderRelation(final)} AS SELECT ${select.join(', ')} FROM ${this.dialect.renderRelation(loaded)}`);
        await this.connection.execute(`DROP TABLE ${this.dialect.renderRelation(loaded)}`);
      }
    } catch (error) {
      for (const t of new Set([loaded, final])) await this.connection.execute(`DROP TABLE IF EXISTS ${this.dialect.renderRelation(t)}`).catch(() => undefined);
      throw seedError(error, file);
    }
    await this.verifyAndSwap(relation, final, options);
    return { rowsAffected: rows };
  }
}

/** The seed's header must list the declared columns, in order. */
function checkHeader(file: string, header: string[], declared: string[], delimiter: string): void {
  const missing = declared.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !declared.includes(c));
  if (missing.length === 0 && extra.length === 0 && header.join() === declared.join()) return;
  throw new SeedError(
    'E_SEED_HEADER',
    `seed header does not match its schema${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; unexpected: ${extra.join(', ')}` : ''}${!missing.length && !extra.length ? '; columns are in a different order' : ''}`,
    { file, line: 1, hint: `expected header: ${declared.join(delimiter)}` },
  );
}

/** A COPY failure as a SeedError pointing at the file line Postgres names (`COPY t, line 3: …`). */
function seedError(error: unknown, file: string): unknown {
  if (error instanceof SeedError) return error;
  const e = (error as { cause?: unknown })?.cause ?? error;
  const { message, where } = e as { message?: string; where?: string };
  const line = /line (\d+)/.exec(where ?? '')?.[1];
  const column = /column (\w+)/.exec(where ?? '')?.[1];
  // 22021: character_not_in_repertoire ("invalid byte sequence for encoding UTF8").
  if ((e as { code?: string }).code === '22021') {
    return new SeedError('E_SEED_ENCODING', `seed file is not valid UTF-8${line ? ` (line ${line})` : ''}`, {
      file,
      line: line ? Number(line) : undefined,
      hint: 'save the file as UTF-8, e.g. iconv -f latin1 -t utf-8 in.csv > out.csv; the previous table was kept',
      cause: error,
    });
  }
  return new SeedError('E_SEED_LOAD', `seed could not be loaded: ${message ?? String(error)}${column ? ` (column ${column})` : ''}`, {
    file,
    line: line ? Number(line) : undefined,
    hint: 'fix the row named above (column count, delimiter, quoting, or a value that does not fit its declared type); the previous table was kept',
    cause: error,
  });
}
