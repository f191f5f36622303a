import { createHash } from 'node:crypto';
import type { RelationRef } from '../adapter/relation.js';

/** Longest identifier every supported warehouse accepts (Postgres: 63 bytes). */
const MAX_IDENTIFIER = 63;

/**
 * The audit table of a test, where `--store-failures` keeps its failing rows: named after the
 * test, shortened with a hash when the name is longer than warehouses allow.
 *
 * @example auditRelation('shop_audit', 'not_null_orders_id') // { schema: 'shop_audit', name: 'not_null_orders_id' }
 */
export function auditRelation(schema: string, testName: string): RelationRef {
  if (testName.length <= MAX_IDENTIFIER) return { schema, name: testName };
  const hash = createHash('sha256').update(testName).digest('hex').slice(0, 8);
  return { schema, name: `${testName.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}` };
}
