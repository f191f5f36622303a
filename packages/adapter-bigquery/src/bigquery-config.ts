import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@strata/core';

/** Job priority: `interactive` runs now; `batch` queues until idle slots are free (never counts against concurrency limits). */
export type BigQueryPriority = 'interactive' | 'batch';

/**
 * Settings of a BigQuery target in `strata.config.ts`. Every Strata schema (`ecommerce_marts`,
 * `ecommerce_raw`, …) is a dataset of `project`, created in `location` when missing.
 *
 * @example targets: { prod: { adapter: 'bigquery', project: 'acme-analytics', location: 'EU', keyFile: '~/.config/strata/sa.json', maximumBytesBilled: 50e9 } }
 */
export interface BigQueryConfig {
  adapter: 'bigquery';
  /** Google Cloud project that holds the datasets and runs (and pays for) the jobs. */
  project: string;
  /**
   * Base dataset, BigQuery's word for the target's base `schema`: folder schemas are appended
   * (`analytics` + `marts` → `analytics_marts`). Default: the project's `schema`.
   */
  dataset?: string;
  /** Where datasets are created and jobs run: `US`, `EU`, `europe-west1`, … Default: BigQuery's (US). */
  location?: string;
  /** Service-account JSON key file, relative to the workspace root. Absent: Application Default Credentials. */
  keyFile?: string;
  /** Jobs that would bill more bytes fail instead of running (a cost guard). */
  maximumBytesBilled?: number | string;
  /** BigQuery cancels a job that runs longer than this; Strata stops waiting too. */
  jobTimeoutMs?: number;
  priority?: BigQueryPriority;
  /** Extra attempts of a job or API call that failed with `rateLimitExceeded`, `backendError`, … Default 3. */
  jobRetries?: number;
  /** First backoff delay, doubled on each retry (capped at 32 s). Default 1000 ms. */
  retryBackoffMs?: number;
  /** Labels put on every job (cost attribution): `{ team: 'analytics' }`. */
  labels?: Record<string, string>;
  /** Another endpoint than `https://bigquery.googleapis.com`, e.g. an emulator. */
  apiEndpoint?: string;
  /** Send no credentials (only with `apiEndpoint`: emulators and test doubles need none). */
  anonymous?: boolean;
  /** Delay between two polls of a running job, growing to 10× this. Default 500 ms. */
  pollIntervalMs?: number;
}

/** The target after validation, with defaults filled in and paths resolved. */
export interface ResolvedBigQueryConfig extends Omit<BigQueryConfig, 'adapter' | 'maximumBytesBilled'> {
  maximumBytesBilled?: string;
  jobRetries: number;
  retryBackoffMs: number;
  pollIntervalMs: number;
  priority: BigQueryPriority;
}

const PRIORITIES = ['interactive', 'batch'];

/** dbt's profile names, accepted so a dbt-bigquery profile can be pasted as a target. */
const ALIASES: Record<string, string> = {
  keyfile: 'keyFile',
  maximum_bytes_billed: 'maximumBytesBilled',
  job_retries: 'jobRetries',
  job_timeout_ms: 'jobTimeoutMs',
  api_endpoint: 'apiEndpoint',
};

function fail(message: string, hint: string): never {
  throw new ConfigError('E_BIGQUERY_CONFIG', `BigQuery target: ${message}`, { hint });
}

/**
 * Checks a BigQuery target and fills in defaults. Never puts a credential in a message: a bad key
 * file is reported by its path only.
 *
 * @example resolveBigQueryConfig({ adapter: 'bigquery', project: 'acme' }, '/repo')
 */
export function resolveBigQueryConfig(target: Record<string, unknown>, workspaceRoot = process.cwd()): ResolvedBigQueryConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) raw[ALIASES[key] ?? key] = value;
  if (raw.job_execution_timeout_seconds !== undefined) raw.jobTimeoutMs = Number(raw.job_execution_timeout_seconds) * 1000;
  const project = raw.project;
  if (typeof project !== 'string' || project.trim() === '') fail("'project' is missing", "set project: 'my-gcp-project' (the Google Cloud project holding the datasets)");
  const priority = (raw.priority as string | undefined) ?? 'interactive';
  if (!PRIORITIES.includes(priority)) fail(`unknown priority '${priority}'`, "use priority: 'interactive' or 'batch'");
  const bytes = raw.maximumBytesBilled;
  if (bytes !== undefined && !/^\d+$/.test(String(typeof bytes === 'number' ? Math.trunc(bytes) : bytes))) fail(`maximumBytesBilled must be a whole number of bytes, got ${String(bytes)}`, 'e.g. maximumBytesBilled: 50_000_000_000 (50 GB)');
  if (raw.anonymous && !raw.apiEndpoint) fail("'anonymous' needs an 'apiEndpoint'", 'anonymous access is only for emulators; remove it to use your credentials');
  const keyFile = raw.keyFile === undefined ? undefined : resolveKeyFile(String(raw.keyFile), workspaceRoot);
  const positive = (name: string, fallback: number): number => {
    const value = raw[name] === undefined ? fallback : Number(raw[name]);
    if (!Number.isFinite(value) || value < 0) fail(`${name} must be a number of 0 or more`, `remove ${name} to use the default (${fallback})`);
    return value;
  };
  return {
    project,
    dataset: raw.dataset as string | undefined,
    location: raw.location as string | undefined,
    keyFile,
    maximumBytesBilled: bytes === undefined ? undefined : String(typeof bytes === 'number' ? Math.trunc(bytes) : bytes),
    jobTimeoutMs: raw.jobTimeoutMs === undefined ? undefined : positive('jobTimeoutMs', 0),
    priority: priority as BigQueryPriority,
    jobRetries: positive('jobRetries', 3),
    retryBackoffMs: positive('retryBackoffMs', 1000),
    pollIntervalMs: positive('pollIntervalMs', 500),
    labels: raw.labels as Record<string, string> | undefined,
    apiEndpoint: raw.apiEndpoint as string | undefined,
    anonymous: raw.anonymous === true,
  };
}

/** Resolves a key file path and checks that it looks like a service-account key, naming only the path. */
function resolveKeyFile(path: string, workspaceRoot: string): string {
  const home = process.env.HOME ?? '';
  const expanded = path.startsWith('~/') && home ? `${home}${path.slice(1)}` : path;
  const file = isAbsolute(expanded) ? expanded : resolve(workspaceRoot, expanded);
  if (!existsSync(file)) fail(`key file not found: ${file}`, 'point keyFile at a service-account JSON key, or remove it to use Application Default Credentials (gcloud auth application-default login)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // The parser's message quotes the file's text, which may be a private key: say only where.
    fail(`key file is not valid JSON: ${file}`, 'download the key again from IAM & Admin → Service accounts → Keys');
  }
  const key = parsed as Record<string, unknown>;
  if (!key || typeof key !== 'object' || (key.type === 'service_account' && (typeof key.client_email !== 'string' || typeof key.private_key !== 'string'))) {
    fail(`key file has no client_email/private_key: ${file}`, 'use a service-account JSON key (type "service_account")');
  }
  return file;
}
