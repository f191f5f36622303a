import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import type { Adapter, AdapterCapabilities, Connection } from '@strata/core';
import { resolveBigQueryConfig, type BigQueryConfig, type ResolvedBigQueryConfig } from './bigquery-config.js';
import { BigQueryConnection } from './bigquery-connection.js';
import { BigQueryDialect } from './bigquery-dialect.js';
import { redactSecrets } from './bigquery-errors.js';
import { BigQueryIntrospector } from './bigquery-introspector.js';
import { BigQueryJobRunner, type JobRunnerHooks } from './bigquery-jobs.js';
import { BigQueryMaterializer } from './bigquery-materializer.js';

const CAPABILITIES: AdapterCapabilities = {
  // BigQuery forbids DDL on permanent tables inside transactions; its DDL is atomic per statement.
  supportsTransactionalDdl: false,
  supportsCreateOrReplaceTable: true,
  supportsMerge: true,
  supportsConcurrentWrites: true,
};

/** Programmatic options of `BigQueryAdapter.open` (not target settings): test hooks and a log. */
export interface BigQueryOpenOptions extends JobRunnerHooks {
  workspaceRoot?: string;
  /** An auth client to use instead of the key file or Application Default Credentials. */
  authClient?: BigQueryOptions['authClient'];
}

/** An auth client that adds no header: for emulators and test doubles (`anonymous: true`). */
const ANONYMOUS = { getRequestHeaders: async () => new Headers() } as unknown as BigQueryOptions['authClient'];

/** Bytes a set of queries would process, from dry-run jobs. */
export interface DryRunResult {
  bytesProcessed: number;
}

/**
 * BigQuery as a Strata warehouse: one `@google-cloud/bigquery` client per run, a job runner per
 * thread. Credentials come from `keyFile` or Application Default Credentials and stay inside
 * the client: nothing Strata prints or writes contains them.
 */
export class BigQueryAdapter implements Adapter {
  readonly name = 'bigquery';
  readonly capabilities = CAPABILITIES;
  readonly dialect: BigQueryDialect;
  private readonly connections = new Set<BigQueryConnection>();

  private constructor(
    readonly client: BigQuery,
    readonly config: ResolvedBigQueryConfig,
    private readonly hooks: JobRunnerHooks,
  ) {
    this.dialect = new BigQueryDialect(config.project);
  }

  /**
   * Creates the client for a target. Nothing is sent until the first job, so a bad credential
   * shows up as a clear error of the first statement.
   * @example const adapter = BigQueryAdapter.open({ adapter: 'bigquery', project: 'acme', location: 'EU' });
   */
  static open(target: Partial<BigQueryConfig> | Record<string, unknown>, options: BigQueryOpenOptions = {}): BigQueryAdapter {
    const config = resolveBigQueryConfig(target as Record<string, unknown>, options.workspaceRoot);
    const client = new BigQuery({
      projectId: config.project,
      location: config.location,
      ...(config.keyFile ? { keyFilename: config.keyFile } : {}),
      ...(config.apiEndpoint ? { apiEndpoint: config.apiEndpoint } : {}),
      ...(options.authClient ? { authClient: options.authClient } : config.anonymous ? { authClient: ANONYMOUS } : {}),
      // One retry policy — the job runner's — instead of the client's hidden one.
      retryOptions: { autoRetry: false, maxRetries: 0 },
      userAgent: 'strata',
    });
    const log = options.log ? (message: string) => options.log!(redactSecrets(message)) : undefined;
    return new BigQueryAdapter(client, config, { sleep: options.sleep, log });
  }

  async connect(): Promise<Connection> {
    const connection = new BigQueryConnection(new BigQueryJobRunner(this.client, this.config, this.hooks));
    this.connections.add(connection);
    return connection;
  }

  createIntrospector(connection: Connection): BigQueryIntrospector {
    return new BigQueryIntrospector((connection as BigQueryConnection).jobs, this.config.project);
  }

  createMaterializer(connection: Connection): BigQueryMaterializer {
    return new BigQueryMaterializer(connection as BigQueryConnection, this.dialect, this.createIntrospector(connection));
  }

  /**
   * Bytes each query would process, from free dry-run jobs (which also validate the SQL).
   * @example const { bytesProcessed } = await adapter.dryRun('select 1');
   */
  async dryRun(sql: string): Promise<DryRunResult> {
    const connection = (await this.connect()) as BigQueryConnection;
    try {
      return { bytesProcessed: await connection.dryRun(sql) };
    } finally {
      await connection.close();
      this.connections.delete(connection);
    }
  }

  /** Cancels jobs still being waited for; BigQuery has nothing else to release. */
  async close(): Promise<void> {
    for (const connection of this.connections) await connection.close().catch(() => undefined);
    this.connections.clear();
  }
}

