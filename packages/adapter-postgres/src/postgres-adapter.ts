import pg from 'pg';
import { Kysely, PostgresDialect as KyselyPostgresDialect } from 'kysely';
import { AdapterError, StrataError, type Adapter, type AdapterCapabilities, type Connection } from '@strata/core';
import { resolvePostgresConfig, type PostgresConfig, type ResolvedPostgresConfig } from './postgres-config.js';
import { PostgresConnection } from './postgres-connection.js';
import { PostgresDialect } from './postgres-dialect.js';
import { installHelpers } from './postgres-helpers.js';
import { PostgresIntrospector } from './postgres-introspector.js';
import { PostgresMaterializer } from './postgres-materializer.js';
import { strataTypes } from './postgres-types.js';

/** What a server of this version can do: `MERGE` arrived in Postgres 15. */
function capabilitiesOf(serverVersion: number): AdapterCapabilities {
  return { supportsTransactionalDdl: true, supportsCreateOrReplaceTable: false, supportsMerge: serverVersion >= 150000, supportsConcurrentWrites: true };
}

/** `user@host:port/database`, for messages (never the password). */
function describeServer(config: ResolvedPostgresConfig): string {
  const host = config.host ?? process.env.PGHOST ?? 'localhost';
  const port = config.port ?? (process.env.PGPORT ? Number(process.env.PGPORT) : 5432);
  const user = config.user ?? process.env.PGUSER ?? process.env.USER ?? '?';
  const database = config.database ?? process.env.PGDATABASE ?? user;
  return `${user}@${host}:${port}/${database}`;
}

/**
 * Turns a failure to connect into one clear AdapterError: wrong password (28P01), server down
 * (ECONNREFUSED), unknown host, missing database (3D000), missing role, no TLS. The message
 * names `user@host:port/database` and never the password.
 */
export function connectError(error: unknown, config: ResolvedPostgresConfig): AdapterError {
  const e = error as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  const code = e?.code ?? e?.errors?.[0]?.code;
  const where = describeServer(config);
  const database = where.slice(where.lastIndexOf('/') + 1);
  const known: Record<string, [string, string, string]> = {
    '28P01': ['E_WAREHOUSE_AUTH', `password authentication failed for ${where}`, "check the target's password (e.g. password: { env: 'PGPASSWORD' }) and user"],
    '28000': ['E_WAREHOUSE_AUTH', `the server refused ${where}: ${e?.message ?? ''}`, 'check the user, and that pg_hba.conf lets it connect from this host'],
    '3D000': ['E_WAREHOUSE_DATABASE', `database "${database}" does not exist on ${where.slice(where.indexOf('@') + 1, where.lastIndexOf('/'))}`, `create it (createdb ${database}) or fix the target's database`],
    ECONNREFUSED: ['E_WAREHOUSE_UNREACHABLE', `cannot connect to PostgreSQL at ${where}: connection refused`, 'start the server (e.g. pg_ctlcluster 15 main start) or fix the target\'s host and port'],
    ENOTFOUND: ['E_WAREHOUSE_UNREACHABLE', `cannot connect to PostgreSQL at ${where}: unknown host`, "fix the target's host"],
    ETIMEDOUT: ['E_WAREHOUSE_UNREACHABLE', `cannot connect to PostgreSQL at ${where}: timed out`, "check the host, the port and any firewall, or raise the target's connectTimeout"],
    '57P03': ['E_WAREHOUSE_UNREACHABLE', `PostgreSQL at ${where} is starting up or shutting down`, 'wait a moment and run again'],
    '53300': ['E_WAREHOUSE_UNREACHABLE', `PostgreSQL at ${where} has no free connection slots`, "lower --threads or the target's poolSize, or raise max_connections"],
  };
  const timeout = /timeout/i.test(e?.message ?? '') ? known.ETIMEDOUT : undefined;
  const [strataCode, message, hint] = (code && known[code]) || timeout || ['E_WAREHOUSE_CONNECT', `cannot connect to PostgreSQL at ${where}: ${(e?.message ?? String(error)).split('\n')[0]}`, "check the target's connection settings"];
  return new AdapterError(message, { code: strataCode, hint, transient: code === '57P03' || code === '53300', cause: error });
}

/**
 * The server warehouse: a `pg` pool per run; each runner thread holds one pooled session, so
 * `--threads N` uses N connections. Sessions are set up alike on connect: the helper schema
 * first on `search_path`, the configured time zone, ISO date output.
 */
export class PostgresAdapter implements Adapter {
  readonly name = 'postgres';
  readonly capabilities: AdapterCapabilities;
  readonly dialect: PostgresDialect;
  private readonly connections = new Set<PostgresConnection>();

  private constructor(
    readonly pool: pg.Pool,
    readonly config: ResolvedPostgresConfig,
    /** `server_version_num`, e.g. 150018. */
    readonly serverVersion: number,
  ) {
    this.dialect = new PostgresDialect(config.helperSchema, config.foldCase);
    this.capabilities = capabilitiesOf(serverVersion);
  }

  /**
   * Opens a pool and checks it with one session (installing the helper functions when their
   * version changed), so a wrong password or a stopped server fails here, before any work.
   * @example const adapter = await PostgresAdapter.open({ adapter: 'postgres', host: '127.0.0.1', password: { env: 'PGPASSWORD' } });
   */
  static async open(target: Partial<PostgresConfig>): Promise<PostgresAdapter> {
    const config = resolvePostgresConfig(target);
    const pool = new pg.Pool(poolOptions(config));
    // An idle pooled session that dies (server restart) must not crash the process.
    pool.on('error', () => undefined);
    let client: pg.PoolClient | undefined;
    let version: number;
    try {
      client = await pool.connect();
      version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
      await installHelpers(client, config.helperSchema);
    } catch (error) {
      client?.release(true);
      await pool.end().catch(() => undefined);
      if (error instanceof StrataError) throw error;
      if (client) throw new AdapterError(`cannot install Strata's helper functions in schema "${config.helperSchema}": ${(error as Error).message}`, { code: 'E_WAREHOUSE_HELPERS', hint: "grant the user CREATE on the database, or set the target's helperSchema to a schema it owns", cause: error });
      throw connectError(error, config);
    }
    client.release();
    return new PostgresAdapter(pool, config, version);
  }

  async connect(): Promise<Connection> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      if (this.pool.totalCount >= this.config.poolSize && /timeout/i.test((error as Error).message)) {
        throw new AdapterError(`all ${this.config.poolSize} pooled connections to PostgreSQL are in use`, { code: 'E_POOL_EXHAUSTED', hint: "use fewer --threads, or raise the target's poolSize", cause: error });
      }
      throw connectError(error, this.config);
    }
    const connection = new PostgresConnection(
      client,
      async () => {
        const other = new pg.Client(poolOptions(this.config));
        await other.connect();
        return other;
      },
      () => this.connections.delete(connection),
      () => this.pool.connect(),
    );
    this.connections.add(connection);
    return connection;
  }

  createIntrospector(connection: Connection): PostgresIntrospector {
    return new PostgresIntrospector(connection, this.dialect);
  }

  createMaterializer(connection: Connection): PostgresMaterializer {
    return new PostgresMaterializer(connection, this.dialect, this.createIntrospector(connection), { analyze: this.config.analyze });
  }

  /** Sessions the pool holds open (idle or lent to a thread). */
  get poolSize(): number {
    return this.pool.totalCount;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) await connection.close().catch(() => undefined);
    this.connections.clear();
    await this.pool.end();
  }
}

/** pg settings of a resolved target; every session gets the same `search_path` and zone. */
function poolOptions(config: ResolvedPostgresConfig): pg.PoolConfig {
  // standard_conforming_strings: the dialect's quoteString doubles quotes and leaves backslashes
  // alone, which is only safe when backslashes are literal (a server may default it off).
  const settings = [`search_path=${config.helperSchema},pg_catalog,"$user",public`, `timezone=${config.timezone}`, 'datestyle=ISO,YMD', 'standard_conforming_strings=on'];
  if (config.statementTimeout) settings.push(`statement_timeout=${Math.round(config.statementTimeout * 1000)}`);
  for (const [name, value] of config.sessionSettings) settings.push(`${name}=${value}`);
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: config.ssl,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeout * 1000,
    application_name: config.applicationName,
    options: settings.map((s) => `-c ${s.replace(/([ \\])/g, '\\$1')}`).join(' '),
    types: strataTypes,
  };
}

/**
 * A typed Kysely instance on a Postgres target, with the same value parsing as Strata's own
 * queries — for services and dashboards that read the tables a domain builds.
 * @example const db = postgresKysely<EcommerceDatabase>({ adapter: 'postgres', password: { env: 'PGPASSWORD' } });
 */
export function postgresKysely<Database>(target: Partial<PostgresConfig>): Kysely<Database> {
  return new Kysely<Database>({ dialect: new KyselyPostgresDialect({ pool: new pg.Pool(poolOptions(resolvePostgresConfig(target))) }) });
}

