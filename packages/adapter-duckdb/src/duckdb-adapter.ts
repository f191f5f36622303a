import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AdapterError, type Adapter, type AdapterCapabilities, type Connection } from '@strata/core';
import { DEFAULT_DUCKDB_PATH, DEFAULT_LOCK_TIMEOUT_SECONDS, type DuckDbConfig } from './duckdb-config.js';
import { DuckDbConnection } from './duckdb-connection.js';
import { DuckDbDialect } from './duckdb-dialect.js';
import { DuckDbIntrospector } from './duckdb-introspector.js';
import { DuckDbMaterializer } from './duckdb-materializer.js';
import { acquireInProcess, HeldInProcessError } from './process-locks.js';

const CAPABILITIES: AdapterCapabilities = {
  supportsTransactionalDdl: true,
  supportsCreateOrReplaceTable: true,
  supportsMerge: true,
  supportsConcurrentWrites: true,
};

/** Who holds the file, from DuckDB's message ("Conflicting lock is held in /usr/bin/node (PID 123)"). */
function holderOf(message: string): string {
  const pid = /\(PID (\d+)\)/.exec(message)?.[1];
  return pid ? `process ${pid}` : 'another process';
}

/**
 * Why a database file would not open, as a code and what to do: a file that is not (or no
 * longer) a DuckDB database, a file or folder Strata may not write, or anything else.
 */
function openFailure(message: string): [string, string] {
  if (/not a valid DuckDB database|could not read enough bytes|corrupt|checksum/i.test(message)) {
    return ['E_WAREHOUSE_CORRUPT', 'the file is damaged or is not a DuckDB database; Strata left it as it is: restore it from a backup, or move it away and run `strata build` to rebuild every model from its sources'];
  }
  if (/read-only file system|permission denied/i.test(message)) {
    return ['E_WAREHOUSE_READ_ONLY', 'Strata must write the database file: make it (and its folder) writable, or point the target\'s path at a writable place'];
  }
  return ['E_WAREHOUSE_OPEN', 'check that the path is a DuckDB database and that you can write to it'];
}

/** The error of a file that stayed locked past the timeout: transient (worth retrying later), and clear about what to do. */
function lockedError(path: string, timeout: number, holder: string, cause: unknown): AdapterError {
  return new AdapterError(`the DuckDB file ${path} is in use by ${holder}; gave up after waiting ${timeout}s`, {
    code: 'E_WAREHOUSE_LOCKED',
    file: path,
    transient: true,
    hint: 'wait for the other strata run to finish (or stop it) and run again, or raise lockTimeoutSeconds in the target',
    cause,
  });
}

/** The embedded default warehouse: one DuckDB file, one instance, a connection per thread. */
export class DuckDbAdapter implements Adapter {
  readonly name = 'duckdb';
  readonly capabilities = CAPABILITIES;
  readonly dialect = new DuckDbDialect();
  private readonly connections = new Set<Connection>();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly path: string,
    private readonly release: () => void,
  ) {}

  /**
   * Opens (creating if needed) the database file. When another run holds the file — another
   * process, or another adapter of this process — it waits up to `lockTimeoutSeconds`, then fails
   * with E_WAREHOUSE_LOCKED naming the file and the holder. A damaged file or one that is not a
   * DuckDB database is E_WAREHOUSE_CORRUPT, one Strata may not write E_WAREHOUSE_READ_ONLY (the
   * file is never modified in either case).
   * @example const adapter = await DuckDbAdapter.open({ adapter: 'duckdb', path: '/tmp/w.duckdb' });
   */
  static async open(config: Partial<DuckDbConfig>, workspaceRoot = process.cwd(), log?: (message: string) => void): Promise<DuckDbAdapter> {
    const raw = config.path ?? DEFAULT_DUCKDB_PATH;
    const path = raw === ':memory:' ? raw : isAbsolute(raw) ? raw : resolve(workspaceRoot, raw);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const options: Record<string, string> = {};
    if (config.threads) options.threads = String(config.threads);
    if (config.memoryLimit) options.memory_limit = config.memoryLimit;
    if (config.tempDirectory) options.temp_directory = isAbsolute(config.tempDirectory) ? config.tempDirectory : resolve(workspaceRoot, config.tempDirectory);
    if (config.readOnly) options.access_mode = 'READ_ONLY';
    const timeout = Math.max(0, config.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS);
    const deadline = Date.now() + timeout * 1000;
    const waiting = (holder: string) => log?.(`waiting up to ${timeout}s for ${path}: it is in use by ${holder}`);
    let release: () => void = () => undefined;
    if (path !== ':memory:') {
      try {
        release = await acquireInProcess(path, deadline, () => waiting('another run in this process'));
      } catch (error) {
        if (error instanceof HeldInProcessError) throw lockedError(path, timeout, 'another run in this process', error);
        throw error;
      }
    }
    let delay = 50;
    let warned = false;
    for (;;) {
      try {
        return new DuckDbAdapter(await DuckDBInstance.create(path, options), path, release);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const locked = /could not set lock|conflicting lock/i.test(message);
        if (!locked || Date.now() >= deadline) {
          release();
          if (locked) throw lockedError(path, timeout, holderOf(message), error);
          const [code, hint] = openFailure(message);
          throw new AdapterError(`cannot open DuckDB file ${path}: ${message.split('\n')[0]}`, { code, file: path, hint, cause: error });
        }
        if (!warned) waiting(holderOf(message));
        warned = true;
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(delay, deadline - Date.now()))));
        delay = Math.min(delay * 2, 1000);
      }
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
    try {
      this.instance.closeSync();
    } finally {
      this.release();
    }
  }
}

