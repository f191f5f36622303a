/** @strata/testkit — build projects into a throwaway DuckDB warehouse in tests, and the shared adapter suite. */
export { TemporaryWarehouse } from './temporary-warehouse.js';
export { adapterSuite } from './adapter-suite.js';
