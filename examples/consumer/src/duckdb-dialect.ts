import { DuckDBDateValue, DuckDBDecimalValue, DuckDBInstance, DuckDBTimestampTZValue, DuckDBTimestampValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult } from 'kysely';

/** Where the warehouse is and how to open it. */
export interface DuckDbDialectConfig {
  /** The DuckDB file `strata build` wrote (e.g. `.strata/warehouse.duckdb`). */
  path: string;
  /** Open read-only (default): a dashboard never writes, and other readers may share the file. */
  readOnly?: boolean;
}

/**
 * A DuckDB value as the zod schemas describe it: DATE → 'YYYY-MM-DD' (z.iso.date()), TIMESTAMP →
 * Date (z.date()), DECIMAL/BIGINT → number (z.number()). So `schema.parse(row)` holds for every row.
 */
function toJs(value: DuckDBValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) return new Date(Number(value.micros / 1000n));
  return value;
}

class DuckDbConnection implements DatabaseConnection {
  constructor(private readonly connection: DuckDBConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reader = await this.connection.runAndReadAll(query.sql, query.parameters as DuckDBValue[]);
    const rows = reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toJs(v)])) as R);
    return { rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by this example dialect');
  }

  close(): void {
    this.connection.closeSync();
  }
}

class DuckDbDriver implements Driver {
  private instance?: DuckDBInstance;

  constructor(private readonly config: DuckDbDialectConfig) {}

  async init(): Promise<void> {
    this.instance = await DuckDBInstance.create(this.config.path, this.config.readOnly === false ? {} : { access_mode: 'READ_ONLY' });
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new DuckDbConnection(await this.instance!.connect());
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin transaction'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as DuckDbConnection).close();
  }

  async destroy(): Promise<void> {
    this.instance?.closeSync();
    this.instance = undefined;
  }
}

/**
 * A small Kysely dialect for DuckDB over `@duckdb/node-api`: DuckDB speaks PostgreSQL's SQL
 * closely enough that Kysely's Postgres adapter, compiler and introspector serve it. One
 * connection per query; read-only by default.
 * @example const db = new Kysely<EcommerceDatabase>({ dialect: new DuckDbDialect({ path: '.strata/warehouse.duckdb' }) });
 */
export class DuckDbDialect implements Dialect {
  constructor(private readonly config: DuckDbDialectConfig) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new DuckDbDriver(this.config);
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
