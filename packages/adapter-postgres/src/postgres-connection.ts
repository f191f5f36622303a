import pg from 'pg';
import { Kysely, PostgresDialect as KyselyPostgresDialect } from 'kysely';
import { AdapterError, type Connection, type ExecuteResult } from '@strata/core';

/** SQLSTATEs worth retrying: serialization failure, deadlock, server starting or shutting down. */
const TRANSIENT_CODES = new Set(['40001', '40P01', '57P01', '57P03', '53300', '08000', '08003', '08006']);

/** SQLSTATEs and driver messages of a session the server ended: admin shutdown, crash, lost socket. */
const CONNECTION_LOST_CODES = new Set(['57P01', '57P02', '08003', '08006', 'ECONNRESET', 'EPIPE']);
const CONNECTION_LOST = /Connection terminated|terminating connection|not queryable|server closed the connection/i;

/** True when an error means the session is gone (the next statement needs a new one). */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return CONNECTION_LOST_CODES.has(e?.code ?? '') || CONNECTION_LOST.test(e?.message ?? '');
}

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
  if (isConnectionLost(error)) {
    return new AdapterError(`the connection to PostgreSQL was lost: ${message}`, {
      sql,
      code: 'E_WAREHOUSE_CONNECTION_LOST',
      transient: true,
      hint: 'the server ended the session (a restart, a failover, pg_terminate_backend); what this node was building was rolled back and its previous version kept. Strata retries it on a new session (see retries); run again if it still fails',
      cause: error,
    });
  }
  if (e?.code === '53100') {
    return new AdapterError(`the PostgreSQL server is out of disk space: ${message}`, { sql, code: 'E_WAREHOUSE_DISK_FULL', cause: error, hint: 'free space on the server (or raise its quota); what this node was building was rolled back and the previous version kept' });
  }
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
  /** Why the session is gone (the server ended it); the next statement takes a new one. */
  private lost?: unknown;
  /** Between a BEGIN and its COMMIT/ROLLBACK (the statements Strata sends on this session). */
  private inTransaction = false;
  private current: pg.PoolClient;

  /**
   * @param replace Takes a new pooled session when the server ended this one, so a retried node
   *   (and the rest of the run on this thread) goes on; absent, a lost session stays lost.
   */
  constructor(
    client: pg.PoolClient,
    private readonly cancelOn: () => Promise<pg.Client>,
    private readonly onClose: () => void = () => undefined,
    private readonly replace?: () => Promise<pg.PoolClient>,
  ) {
    this.current = this.watch(client);
  }

  /** The pooled session statements run on now. */
  get client(): pg.PoolClient {
    return this.current;
  }

  /** The server process of this session (as in `pg_stat_activity.pid`). */
  get processId(): number {
    return (this.client as unknown as { processID: number }).processID;
  }

  /** Notes a session the server ends while it is checked out (pg emits 'error' on it; unheard, that would crash the process). */
  private watch(client: pg.PoolClient): pg.PoolClient {
    client.on('error', (error) => {
      if (client === this.current) this.lost ??= error;
    });
    return client;
  }

  /**
   * This connection's session for `sql`, replaced by a fresh one when the server ended it —
   * except inside a transaction, whose remaining statements must not run on another session in
   * autocommit: they fail until the next `BEGIN` (the retry of the whole materialization).
   */
  private async session(sql: string): Promise<pg.PoolClient> {
    const begins = /^\s*(BEGIN|START TRANSACTION)\b/i.test(sql);
    if (this.lost !== undefined && this.inTransaction && !begins) {
      // The server rolled the transaction back with the session: fail this statement, once.
      this.inTransaction = false;
      throw this.lost;
    }
    if (begins) this.inTransaction = true;
    else if (/^\s*(COMMIT|ROLLBACK|END)\b/i.test(sql)) this.inTransaction = false;
    if (this.lost !== undefined && this.replace && !this.released) {
      const dead = this.current;
      const cause = this.lost;
      this.lost = undefined;
      this.kyselyInstance = undefined;
      // Releasing with an error destroys the session instead of returning it to the pool.
      dead.release(cause instanceof Error ? cause : new Error(String(cause)));
      this.current = this.watch(await this.replace());
    }
    return this.current;
  }

  private failed(error: unknown, sql: string): AdapterError {
    if (isConnectionLost(error)) {
      this.lost ??= error;
      // The statement that hit the loss ends its transaction's sequence (the caller rolls back).
      this.inTransaction = false;
    }
    return toAdapterError(error, sql);
  }

  async execute(sql: string): Promise<ExecuteResult> {
    try {
      const result = (await (await this.session(sql)).query(sql)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rowsAffected: last?.rowCount ?? 0 };
    } catch (error) {
      throw this.failed(error, sql);
    }
  }

  async query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
    try {
      const result = (await (await this.session(sql)).query(sql)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return (last?.rows ?? []) as Row[];
    } catch (error) {
      throw this.failed(error, sql);
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
    this.kyselyInstance ??= new Kysely<unknown>({
      dialect: new KyselyPostgresDialect({
        // Kysely asks its pool for a client per query; this one always lends our session (a
        // fresh one when the server ended it, as for our own statements).
        pool: {
          connect: async () => {
            const client = await this.session('select');
            const query = async (...args: unknown[]) => {
              try {
                return await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
              } catch (error) {
                if (isConnectionLost(error)) this.lost ??= error;
                throw error;
              }
            };
            return { query, release: () => undefined } as unknown as pg.PoolClient;
          },
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
    // A session the server ended is destroyed, not handed back to the pool.
    this.client.release(this.lost === undefined ? undefined : this.lost instanceof Error ? this.lost : new Error(String(this.lost)));
  }
}
