import type { AdapterFactory, SqlParser } from '@strata/core';
import type { DuckDbConfig } from './duckdb-config.js';
import { DuckDbDialect } from './duckdb-dialect.js';

/** A parser made on first use (opening it loads DuckDB). */
function lazySqlParser(make: () => Promise<SqlParser>): SqlParser {
  let parser: Promise<SqlParser> | undefined;
  return {
    parse: async (sql) => (await (parser ??= make())).parse(sql),
    close: async () => {
      if (parser) await (await parser).close();
    },
  };
}

/**
 * Registers DuckDB with the CLI: `targets: { dev: { adapter: 'duckdb', path } }`. The driver (a
 * native library) is loaded when a warehouse is opened: `strata compile`, `ls` and `--help`
 * start without it (`@strata/adapter-duckdb/factory` imports only the dialect).
 */
export const duckdbAdapterFactory: AdapterFactory = {
  name: 'duckdb',
  createDialect: () => new DuckDbDialect(),
  open: async (target, context) => (await import('./duckdb-adapter.js')).DuckDbAdapter.open(target as Partial<DuckDbConfig>, context.workspaceRoot, context.log),
  createSqlParser: () => lazySqlParser(async () => new (await import('./duckdb-sql-parser.js')).DuckDbSqlParser()),
};
