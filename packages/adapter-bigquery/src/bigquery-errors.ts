import { AdapterError } from '@strata/core';

/** One error as BigQuery reports it (`status.errorResult` of a job, or `error.errors[]` of an API call). */
export interface BigQueryErrorProto {
  reason?: string;
  message?: string;
  location?: string;
}

/**
 * Reasons BigQuery documents as worth retrying: quota rates, backend hiccups, a table briefly
 * unavailable. Everything else (invalidQuery, notFound, accessDenied, …) fails at once.
 */
export const TRANSIENT_REASONS = new Set(['rateLimitExceeded', 'backendError', 'internalError', 'jobBackendError', 'jobInternalError', 'jobRateLimitExceeded', 'tableUnavailable']);

/** HTTP statuses of API calls worth retrying. */
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** What to do about a reason, when there is something to say. */
const HINTS: Record<string, string> = {
  invalidQuery: 'the position [line:column] refers to the compiled SQL under target/compiled/; fix the model there',
  notFound: 'build the models and seeds it reads first (strata build -s +model), and check that every dataset is in the same location',
  accessDenied: "grant the credentials' account roles/bigquery.dataEditor on the datasets and roles/bigquery.jobUser on the project",
  bytesBilledLimitExceeded: 'the job would bill more than maximumBytesBilled: raise the limit in the target or make the query read less (filter on partitions)',
  billingNotEnabled: 'enable billing on the project, or use the BigQuery sandbox limits',
  quotaExceeded: 'a BigQuery quota was reached; wait, or ask for a higher quota',
  resourcesExceeded: 'the query used too many resources: reduce its size (pre-aggregate, avoid ORDER BY without LIMIT)',
  responseTooLarge: 'the result is too large to return; write it to a table instead',
  timeout: 'the job ran longer than jobTimeoutMs: raise it in the target, or make the query cheaper',
  stopped: 'the job was cancelled',
};

/**
 * Removes credentials from text that may reach a log, an artifact or an error message: private
 * keys, OAuth access tokens, bearer headers and key-file fields.
 *
 * @example redactSecrets('Authorization: Bearer ya29.abc') // 'Authorization: Bearer [redacted]'
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted private key]')
    .replace(/("?(?:private_key|private_key_id|client_secret|refresh_token|access_token)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi, '$1[redacted]')
    .replace(/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/\bya29\.[\w.-]+/g, '[redacted]');
}

/** The reason, message and HTTP status of anything the client library threw. */
export function describeFailure(error: unknown): { reason?: string; message: string; location?: string; status?: number } {
  const e = error as { code?: unknown; errors?: BigQueryErrorProto[]; message?: string; reason?: string };
  const first = Array.isArray(e?.errors) ? e.errors[0] : undefined;
  const status = typeof e?.code === 'number' ? e.code : undefined;
  const reason = first?.reason ?? e?.reason ?? (typeof e?.code === 'string' ? e.code : undefined);
  return { reason, message: redactSecrets(first?.message ?? e?.message ?? String(error)), location: first?.location, status };
}

/** True for failures a retry may fix: a transient reason, a transient HTTP status, or a dropped connection. */
export function isTransientFailure(error: unknown): boolean {
  const { reason, status } = describeFailure(error);
  if (reason && TRANSIENT_REASONS.has(reason)) return true;
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return true;
  return typeof reason === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN)$/.test(reason);
}

/** A job that ended with `status.errorResult`: keeps the reason so retries and messages can use it. */
export class BigQueryJobFailure extends Error {
  /** Every error of the job (`status.errors`): the first is the summary, later ones the details. */
  readonly errors: BigQueryErrorProto[];

  constructor(
    readonly errorResult: BigQueryErrorProto,
    readonly jobId: string,
    errors: BigQueryErrorProto[] = [],
  ) {
    super(redactSecrets(errorResult.message ?? 'the job failed'));
    this.name = 'BigQueryJobFailure';
    this.errors = [errorResult, ...errors.filter((e) => e.message !== errorResult.message)];
  }
}

/**
 * Turns a client-library error or a failed job into an AdapterError whose message names
 * BigQuery's reason (`invalidQuery`, `notFound`, …) and whose hint says what to do. The raw
 * error is not kept as `cause`: it carries the HTTP request, headers included.
 *
 * @example toAdapterError(error, { sql, action: 'job failed' }) // "BigQuery job failed (invalidQuery): Syntax error … at [3:5]"
 */
export function toAdapterError(error: unknown, context: { sql?: string; action: string }): AdapterError {
  if (error instanceof AdapterError) return error;
  const { reason, message, location, status } = describeFailure(error);
  const jobId = error instanceof BigQueryJobFailure ? error.jobId : undefined;
  const label = reason ?? (status ? `HTTP ${status}` : 'error');
  const where = location && location !== 'query' && !message.includes(location) ? ` (at ${location})` : '';
  return new AdapterError(`BigQuery ${context.action} (${label}): ${message}${where}`, {
    code: 'E_BIGQUERY',
    sql: context.sql,
    transient: isTransientFailure(error),
    hint: (reason && HINTS[reason]) ?? (jobId ? `job ${jobId}` : undefined),
    cause: { reason, status, jobId },
  });
}

/**
 * Prefixes an error with the model it happened in, so a failed job says which model to fix.
 *
 * @example throw forModel(error, 'fct_orders')  // "model fct_orders: BigQuery job failed (invalidQuery): …"
 */
export function forModel(error: unknown, model: string | undefined, file?: string): unknown {
  if (!(error instanceof AdapterError) || !model || error.message.startsWith(`model ${model}:`)) return error;
  return new AdapterError(`model ${model}: ${error.message}`, { code: error.code, sql: error.sql, transient: error.transient, hint: error.hint, file: error.file ?? file, cause: error.cause });
}
