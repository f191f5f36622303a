import type { FreshnessConfig, FreshnessSpan } from '../config/project-config.js';

/** dbt's freshness statuses. */
export type FreshnessStatus = 'pass' | 'warn' | 'error' | 'runtime error';

const SECONDS: Record<FreshnessSpan['period'], number> = { minute: 60, hour: 3600, day: 86400 };

/** A span in seconds: `{ count: 2, period: 'hour' }` → 7200. */
export function spanSeconds(span: FreshnessSpan): number {
  return span.count * SECONDS[span.period];
}

/**
 * The status of a source whose newest row is `ageSeconds` old: `error` past `errorAfter`, `warn`
 * past `warnAfter`, else `pass`. An empty table (no age) is an error: nothing ever loaded.
 *
 * @example freshnessStatus(7200, { warnAfter: { count: 1, period: 'hour' } }) // 'warn'
 */
export function freshnessStatus(ageSeconds: number | undefined, criteria: FreshnessConfig): FreshnessStatus {
  if (ageSeconds === undefined) return 'error';
  if (criteria.errorAfter && ageSeconds > spanSeconds(criteria.errorAfter)) return 'error';
  if (criteria.warnAfter && ageSeconds > spanSeconds(criteria.warnAfter)) return 'warn';
  return 'pass';
}
