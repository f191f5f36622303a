import pg from 'pg';
import { Kysely, PostgresDialect as KyselyPostgresDialect } from 'kysely';
import { AdapterError, type Connection, type ExecuteResult } from '@strata/core';

/** SQLSTATEs worth retrying: serialization failure, deadlock, server starting or shutting down. */
const TRANSIENT_CODES = new Set(['40001', '40P01', '57P01', '57P03', '53300', '08000', '08003', '08006']);

/** A pg DatabaseError's fields (pg does not export the type from its ESM entry). */
interface PgDatabaseError extends Error {
  code?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

/**
 * Maps a driver error to an AdapterError that keeps the SQL and the SQLSTATE. Postgres never
 * echoes a password in its messages and we never add connection settings to them.
 */
export function toAdapterError(error: unknown, sql: string): AdapterError {
  const e = error as PgDatabaseError;
  const message = (e?.message ?? String(error)).split('\n')[0]!;
  const hint = [e?.detail, e?.hint].filter(Boolean).join(' ') || undefined;
  return new AdapterError(message, {
    sql,
    transient: TRANSIENT_CODES.has(e?.code ?? ''),
    hint,
    cause: error,
  });
}

/**
 * One pooled Postgres session, held by one runner thread until `close()` hands it back to the
 * pool. Statements run on this session only, so a transaction stays on one backend.
 */
export class PostgresConnection implements Connection {
  private released = false;
  private kyselyInstance?: Kysely<unknown>;

  constructor(
    readonly client: pg.PoolClient,
    private readonly cancelOn: () => Promise<pg.Client>,
    private readonly onClose: () => void = () => undefined,
  ) {}

  /** The server process of this session (as in `pg_stat_activity.pid`). */
  get processId(): number {
    return (this.client as unknown as { processID: number }).processID;
  }

  async execute(sql: string): Promise<ExecuteResult> {
    try {
      const result = (await this.client.query(sql)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rowsAffected: last?.rowCount ?? 0 };
    } catch (error) {
      throw toAdapterError(error, sql);
    }
  }

  async query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
    try {
      const result = (await this.client.query(sql)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return (last?.rows ?? []) as Row[];
    } catch (error) {
      throw toAdapterError(error, sql);
    }
  }

  async transaction(statements: string[]): Promise<ExecuteResult[]> {
    await this.execute('BEGIN');
    try {
      const results: ExecuteResult[] = [];
      for (const statement of statements) results.push(await this.execute(statement));
      await this.execute('COMMIT');
      return results;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * A Kysely instance on this very session (so its queries see this session's transaction),
   * for typed catalog queries.
   */
  kysely<Database>(): Kysely<Database> {
    const client = this.client;
    this.kyselyInstance ??= new Kysely<unknown>({
      dialect: new KyselyPostgresDialect({
        // Kysely asks its pool for a client per query; this one always lends our session.
        pool: {
          connect: async () => ({ query: (...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args), release: () => undefined }) as unknown as pg.PoolClient,
          end: async () => undefined,
        },
      }),
    });
    return this.kyselyInstance as Kysely<Database>;
  }

  async cancel(): Promise<void> {
    // A running query blocks its session, so the cancel request goes over a separate one.
    const other = await this.cancelOn();
    try {
      await other.query('SELECT pg_cancel_backend($1)', [this.processId]);
    } finally {
      await other.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.onClose();
    this.client.release();
  }
}
