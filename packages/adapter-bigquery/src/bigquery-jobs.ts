import { randomUUID } from 'node:crypto';
import type { BigQuery } from '@google-cloud/bigquery';
import type { ResolvedBigQueryConfig } from './bigquery-config.js';
import { BigQueryJobFailure, describeFailure, isTransientFailure, type BigQueryErrorProto } from './bigquery-errors.js';
import type { BigQueryField, BigQueryRestRow } from './bigquery-values.js';

/** The parts of a BigQuery `Job` resource Strata reads. */
export interface JobResource {
  jobReference: { projectId: string; jobId: string; location?: string };
  configuration?: Record<string, unknown>;
  status?: { state?: string; errorResult?: BigQueryErrorProto; errors?: BigQueryErrorProto[] };
  statistics?: {
    totalBytesProcessed?: string;
    query?: { statementType?: string; numDmlAffectedRows?: string; totalBytesProcessed?: string; ddlTargetTable?: { projectId: string; datasetId: string; tableId: string } };
    load?: { outputRows?: string; badRecords?: string };
  };
}

/** One page of `jobs.getQueryResults`. */
interface QueryResultsPage {
  jobComplete?: boolean;
  schema?: { fields: BigQueryField[] };
  rows?: BigQueryRestRow[];
  pageToken?: string;
  totalRows?: string;
}

/** Hooks the runner takes from the adapter: a clock for backoff (tests pass a fake) and a log. */
export interface JobRunnerHooks {
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

const MAX_BACKOFF_MS = 32_000;
const PAGE_SIZE = 10_000;

/** A fresh job id; BigQuery makes jobs idempotent per id, so a retried insert never runs twice. */
export const newJobId = (): string => `strata_${randomUUID().replace(/-/g, '')}`;

/**
 * Runs BigQuery jobs through the client library: inserts them (`jobs.insert`), polls them to
 * completion (`jobs.get`), reads every page of their results (`jobs.getQueryResults` with
 * `pageToken`), and retries API calls and jobs that fail with a transient reason, with
 * exponential backoff. The client's own retries are off so there is one policy, this one.
 */
export class BigQueryJobRunner {
  private running?: JobResource['jobReference'];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly client: BigQuery,
    readonly config: ResolvedBigQueryConfig,
    private readonly hooks: JobRunnerHooks = {},
  ) {
    this.sleep = hooks.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** An authenticated REST call relative to `/projects/{project}` (the client adds auth and the endpoint). */
  request<T>(method: string, uri: string, options: { qs?: Record<string, unknown>; json?: unknown; projectId?: string } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.client.request({ method, uri, qs: options.qs, json: options.json, projectId: options.projectId } as never, (error: Error | null, body: unknown) => (error ? reject(error) : resolve(body as T)));
    });
  }

  /** Runs `work`, retrying transient failures with exponential backoff (`retryBackoffMs` × 2^n, capped). */
  async retrying<T>(what: string, work: (attempt: number) => Promise<T>, retryable: (error: unknown) => boolean = isTransientFailure): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(attempt);
      } catch (error) {
        if (!retryable(error) || attempt > this.config.jobRetries) throw error;
        const delay = Math.min(MAX_BACKOFF_MS, this.config.retryBackoffMs * 2 ** (attempt - 1));
        const { reason, status } = describeFailure(error);
        this.hooks.log?.(`BigQuery ${what}: ${reason ?? `HTTP ${status}`}; retry ${attempt} of ${this.config.jobRetries} in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  /** A REST call retried on transient failures. */
  call<T>(method: string, uri: string, options: { qs?: Record<string, unknown>; json?: unknown; projectId?: string } = {}): Promise<T> {
    return this.retrying(`${method} ${uri.split('?')[0]}`, () => this.request<T>(method, uri, options));
  }

  /** The configuration of a query job with the target's cost and priority settings. */
  queryConfiguration(sql: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const { config } = this;
    return {
      query: { query: sql, useLegacySql: false, priority: config.priority.toUpperCase(), ...(config.maximumBytesBilled ? { maximumBytesBilled: config.maximumBytesBilled } : {}), ...extra },
      ...(config.jobTimeoutMs ? { jobTimeoutMs: String(config.jobTimeoutMs) } : {}),
      ...(config.labels ? { labels: config.labels } : {}),
    };
  }

  /**
   * Runs a query job to completion and returns its final resource. A job that fails with a
   * transient reason runs again under a new id; any other failure throws BigQueryJobFailure.
   */
  async query(sql: string): Promise<JobResource> {
    return this.run('query job', (jobId) => this.insert(jobId, this.queryConfiguration(sql)));
  }

  /** Bytes a query would process, without running it (`dryRun`: free, and checks the SQL). */
  async dryRun(sql: string): Promise<number> {
    const job = await this.call<JobResource>('POST', '/jobs', { json: { jobReference: this.reference(newJobId()), configuration: { ...this.queryConfiguration(sql), dryRun: true } } });
    if (job.status?.errorResult) throw new BigQueryJobFailure(job.status.errorResult, job.jobReference?.jobId ?? 'dry run');
    return Number(job.statistics?.query?.totalBytesProcessed ?? job.statistics?.totalBytesProcessed ?? 0);
  }

  /** Inserts and waits for any job; `start` inserts it under the given id (and may upload). */
  async run(what: string, start: (jobId: string) => Promise<JobResource>): Promise<JobResource> {
    // API calls retry on their own; this loop re-runs jobs that *ended* with a transient reason.
    const failedJob = (error: unknown) => error instanceof BigQueryJobFailure && isTransientFailure(error);
    return this.retrying(
      what,
      async () => {
        const inserted = await start(newJobId());
        const done = await this.wait(inserted);
        if (done.status?.errorResult) throw new BigQueryJobFailure(done.status.errorResult, done.jobReference.jobId, done.status.errors);
        return done;
      },
      failedJob,
    );
  }

  /** `jobs.insert` under a chosen id; after a lost response the retry finds the job already there (409) and reads it. */
  private async insert(jobId: string, configuration: Record<string, unknown>): Promise<JobResource> {
    const reference = this.reference(jobId);
    return this.retrying('jobs.insert', async (attempt) => {
      try {
        return await this.request<JobResource>('POST', '/jobs', { json: { jobReference: reference, configuration } });
      } catch (error) {
        if (attempt > 1 && describeFailure(error).status === 409) return this.request<JobResource>('GET', `/jobs/${jobId}`, { qs: { location: reference.location } });
        throw error;
      }
    });
  }

  reference(jobId: string): JobResource['jobReference'] {
    return { projectId: this.config.project, jobId, ...(this.config.location ? { location: this.config.location } : {}) };
  }

  /** Polls `jobs.get` until the job is DONE, waiting longer between polls as it runs. */
  async wait(job: JobResource): Promise<JobResource> {
    const ref = job.jobReference;
    this.running = ref;
    try {
      let current = job;
      let delay = this.config.pollIntervalMs;
      while (current.status?.state !== 'DONE') {
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.config.pollIntervalMs * 10);
        current = await this.call<JobResource>('GET', `/jobs/${ref.jobId}`, { qs: { location: ref.location }, projectId: ref.projectId });
      }
      return current;
    } finally {
      this.running = undefined;
    }
  }

  /** Every row of a finished query job, page by page (`pageToken`), with the result schema. */
  async rows(job: JobResource): Promise<{ fields: BigQueryField[]; rows: BigQueryRestRow[] }> {
    const ref = job.jobReference;
    const rows: BigQueryRestRow[] = [];
    let fields: BigQueryField[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const qs = { location: ref.location, maxResults: PAGE_SIZE, 'formatOptions.useInt64Timestamp': true, ...(pageToken ? { pageToken } : {}) };
      const page = await this.call<QueryResultsPage>('GET', `/queries/${ref.jobId}`, { qs, projectId: ref.projectId });
      if (page.jobComplete === false) {
        await this.sleep(this.config.pollIntervalMs);
        continue;
      }
      if (page.schema) fields = page.schema.fields;
      rows.push(...(page.rows ?? []));
      pageToken = page.pageToken;
      if (!pageToken) return { fields, rows };
    }
  }

  /** Cancels the job being waited for, if any (`jobs.cancel`). */
  async cancel(): Promise<void> {
    const ref = this.running;
    if (!ref) return;
    await this.request('POST', `/jobs/${ref.jobId}/cancel`, { qs: { location: ref.location }, projectId: ref.projectId }).catch(() => undefined);
  }
}
