import { BigQueryAdapter, type BigQueryOpenOptions } from '../src/index.js';
import { BigQueryDouble } from './bigquery-double.js';

/** A started double, an adapter pointed at it, and what the adapter slept and logged. */
export interface Harness {
  double: BigQueryDouble;
  endpoint: string;
  sleeps: number[];
  logs: string[];
  open(target?: Record<string, unknown>, options?: BigQueryOpenOptions): BigQueryAdapter;
}

/**
 * Starts the BigQuery double on 127.0.0.1 and returns a factory of adapters pointed at it:
 * `anonymous: true` sends no credentials (nothing leaves the machine), backoff sleeps are
 * recorded instead of waited.
 */
export async function startHarness(): Promise<Harness> {
  const double = new BigQueryDouble();
  const endpoint = await double.start();
  const sleeps: number[] = [];
  const logs: string[] = [];
  return {
    double,
    endpoint,
    sleeps,
    logs,
    open: (target = {}, options = {}) =>
      BigQueryAdapter.open(
        { adapter: 'bigquery', project: 'test-project', location: 'EU', apiEndpoint: endpoint, anonymous: true, pollIntervalMs: 1, retryBackoffMs: 100, ...target },
        { sleep: async (ms) => void sleeps.push(ms), log: (m) => void logs.push(m), ...options },
      ),
  };
}
