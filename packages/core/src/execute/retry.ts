import type { RetryConfig } from '../config/project-config.js';
import { AdapterError } from '../errors/strata-error.js';

/** Resolved retry settings of a run. */
export interface RetryPolicy {
  /** Extra attempts after the first. */
  count: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Waits between attempts; tests pass a fake clock. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { count: 2, backoffMs: 250, maxBackoffMs: 10_000 };

/** The project's `retries`, overridden by the target's. */
export function resolveRetryPolicy(project: RetryConfig | undefined, target: RetryConfig | undefined): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...stripUndefined(project), ...stripUndefined(target) };
}

function stripUndefined(config: RetryConfig | undefined): Partial<RetryPolicy> {
  return Object.fromEntries(Object.entries(config ?? {}).filter(([, v]) => v !== undefined)) as Partial<RetryPolicy>;
}

/** True for errors the warehouse may not repeat: a lost connection, a held lock, a rate limit. SQL errors are never transient. */
export function isTransient(error: unknown): boolean {
  return error instanceof AdapterError && error.transient;
}

/** Delay before retry number `attempt` (1-based): exponential, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`, retrying it after a transient warehouse error with exponential backoff, at most
 * `policy.count` more times. Any other error (a SQL error, a compile error) is thrown at once.
 * `work` must be safe to repeat — every materialization is atomic, so it is.
 *
 * @example await withRetry(() => materializer.table(relation, sql), policy, (n, ms, e) => log(`retry ${n} in ${ms}ms: ${e.message}`))
 */
export async function withRetry<T>(work: () => Promise<T>, policy: RetryPolicy, onRetry?: (attempt: number, delayMs: number, error: AdapterError) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error) || attempt > policy.count) throw error;
      const delay = backoffDelay(policy, attempt);
      onRetry?.(attempt, delay, error as AdapterError);
      await (policy.sleep ?? realSleep)(delay);
    }
  }
}
