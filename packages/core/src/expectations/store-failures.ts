import type { Connection } from '../adapter/connection.js';
import type { Dialect } from '../adapter/dialect.js';
import type { RelationRef } from '../adapter/relation.js';
import type { ExpectationResult } from './expectation-result.js';

/**
 * The SQL of a one-row table describing a failed aggregate or table check (it has no failing
 * rows to keep): the test, what was observed and why it failed.
 */
export function summaryRowQuery(dialect: Dialect, testName: string, result: ExpectationResult): string {
  const text = (value: string | undefined | null) => (value === undefined || value === null ? `cast(null as ${dialect.typeName('string')})` : dialect.quoteString(value));
  const observed = result.observed_value === undefined || result.observed_value === null ? null : typeof result.observed_value === 'object' ? JSON.stringify(result.observed_value) : String(result.observed_value);
  return `select ${text(testName)} as test_name, ${text(observed)} as observed_value, ${text(result.summary ?? null)} as summary`;
}

/**
 * Keeps the failing rows of a test in its audit table, replacing last run's table in one
 * transaction (`--store-failures`). Returns the rendered relation name.
 */
export async function storeFailures(connection: Connection, dialect: Dialect, relation: RelationRef, failingSql: string): Promise<string> {
  const target = dialect.renderRelation(relation);
  await connection.transaction([`DROP TABLE IF EXISTS ${target}`, `CREATE TABLE ${target} AS\n${failingSql}`]);
  return target;
}

/** Drops a passing test's audit table, so the audit schema only holds this run's failures. */
export async function dropStoredFailures(connection: Connection, dialect: Dialect, relation: RelationRef): Promise<void> {
  await connection.execute(`DROP TABLE IF EXISTS ${dialect.renderRelation(relation)}`);
}
