/** A row of a unit test: column name → value (string, number, boolean, Date or null). */
export type UnitRow = Record<string, unknown>;

/**
 * One unit test of a model: rows given for the relations it reads, the rows it must return.
 * Given keys are model or seed names (`stg_orders`) or `source.table` (`raw.orders`).
 */
export interface UnitTestDefinition {
  /** Shown in results; unique within the project. */
  name: string;
  /** The model under test. */
  model: string;
  description?: string;
  /** Rows of every relation the model reads (`[]` for an empty one). */
  given: Record<string, UnitRow[]>;
  /** Rows the model must return; only the columns named here are compared. */
  expect: UnitRow[];
  /** `var()` values for this test. */
  vars?: Record<string, unknown>;
  /** Compare rows in order (default: as a multiset). */
  ordered?: boolean;
}

/**
 * Types the default export of a `tests/unit/*.ts` file: one unit test or several.
 * @example
 *   export default defineUnitTests([{ name: 'sums orders', model: 'dim_customers',
 *     given: { stg_orders: [{ customer_id: 1, amount: 5 }] }, expect: [{ customer_id: 1, lifetime_value: 5 }] }]);
 */
export function defineUnitTests<const T extends UnitTestDefinition | UnitTestDefinition[]>(tests: T): T {
  return tests;
}
