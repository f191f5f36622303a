/** @strata/testkit — build projects into a throwaway DuckDB warehouse in tests. */
export { TemporaryWarehouse } from './temporary-warehouse.js';
