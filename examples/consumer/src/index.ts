/** Example consumer of a Strata domain package: typed reads of the built ecommerce marts. */
export { DuckDbDialect } from './duckdb-dialect.js';
export type { DuckDbDialectConfig } from './duckdb-dialect.js';
export { openShop, topCustomers, monthlyRevenue, valueByCountry } from './shop-metrics.js';
