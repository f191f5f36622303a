import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AdapterError, type Adapter, type AdapterCapabilities, type AdapterFactory, type Connection } from '@strata/core';
import { DEFAULT_DUCKDB_PATH, type DuckDbConfig } from './duckdb-config.js';
import { DuckDbConnection } from './duckdb-connection.js';
import { DuckDbDialect } from './duckdb-dialect.js';
import { DuckDbIntrospector } from './duckdb-introspector.js';
import { DuckDbMaterializer } from './duckdb-materializer.js';

const CAPABILITIES: AdapterCapabilities = {
  supportsTransactionalDdl: true,
  supportsCreateOrReplaceTable: true,
  supportsMerge: true,
  supportsConcurrentWrites: true,
};

/** The embedded default warehouse: one DuckDB file, one instance, a connection per thread. */
export class DuckDbAdapter implements Adapter {
  readonly name = 'duckdb';
  readonly capabilities = CAPABILITIES;
  readonly dialect = new DuckDbDialect();
  private readonly connections = new Set<Connection>();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly path: string,
  ) {}

  /**
   * Opens (creating if needed) the database file. A file locked by another process or not a
   * DuckDB database is a clear AdapterError naming the file.
   * @example const adapter = await DuckDbAdapter.open({ adapter: 'duckdb', path: '/tmp/w.duckdb' });
   */
  static async open(config: Partial<DuckDbConfig>, workspaceRoot = process.cwd()): Promise<DuckDbAdapter> {
    const raw = config.path ?? DEFAULT_DUCKDB_PATH;
    const path = raw === ':memory:' ? raw : isAbsolute(raw) ? raw : resolve(workspaceRoot, raw);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const options: Record<string, string> = {};
    if (config.threads) options.threads = String(config.threads);
    if (config.memoryLimit) options.memory_limit = config.memoryLimit;
    if (config.readOnly) options.access_mode = 'READ_ONLY';
    try {
      return new DuckDbAdapter(await DuckDBInstance.create(path, options), path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const locked = /lock/i.test(message);
      throw new AdapterError(locked ? `the DuckDB file is in use by another process: ${path}` : `cannot open DuckDB file ${path}: ${message.split('\n')[0]}`, {
        code: locked ? 'E_WAREHOUSE_LOCKED' : 'E_WAREHOUSE_OPEN',
        file: path,
        transient: locked,
        hint: locked ? 'wait for the other strata run to finish (or stop it), then retry' : 'check that the path is a DuckDB database and that you can write to it',
        cause: error,
      });
    }
  }

  async connect(): Promise<Connection> {
    const connection = new DuckDbConnection(await this.instance.connect());
    this.connections.add(connection);
    return connection;
  }

  createIntrospector(connection: Connection): DuckDbIntrospector {
    return new DuckDbIntrospector(connection, this.dialect);
  }

  createMaterializer(connection: Connection): DuckDbMaterializer {
    return new DuckDbMaterializer(connection, this.dialect, this.createIntrospector(connection));
  }

  async close(): Promise<void> {
    for (const connection of this.connections) await connection.close().catch(() => undefined);
    this.connections.clear();
    this.instance.closeSync();
  }
}

/** Registers DuckDB with the CLI: `targets: { dev: { adapter: 'duckdb', path } }`. */
export const duckdbAdapterFactory: AdapterFactory = {
  name: 'duckdb',
  createDialect: () => new DuckDbDialect(),
  open: (target, context) => DuckDbAdapter.open(target as Partial<DuckDbConfig>, context.workspaceRoot),
};
