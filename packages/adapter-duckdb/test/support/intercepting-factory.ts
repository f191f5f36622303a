import type { Adapter, AdapterFactory, Connection, ExecuteResult } from '@strata/core';
import { DuckDbAdapter, DuckDbDialect } from '../../src/index.js';

/**
 * A DuckDB adapter factory whose connections send every `execute` through `intercept`, which may
 * fail it, delay it or pass it on (`next`): how tests stand in for a flaky network or a warehouse
 * short of memory without one.
 */
export function interceptingFactory(intercept: (sql: string, next: () => Promise<ExecuteResult>) => Promise<ExecuteResult>): AdapterFactory {
  const wrap = (connection: Connection): Connection => ({
    ...connection,
    execute: (sql) => intercept(sql, () => connection.execute(sql)),
    query: (sql) => connection.query(sql),
    transaction: (statements) => connection.transaction(statements),
    close: () => connection.close(),
    cancel: () => connection.cancel(),
  });
  return {
    name: 'duckdb',
    createDialect: () => new DuckDbDialect(),
    open: async (target) => {
      const adapter: Adapter = await DuckDbAdapter.open(target as never);
      return new Proxy(adapter, { get: (a, key) => (key === 'connect' ? async () => wrap(await a.connect()) : Reflect.get(a, key, a)) });
    },
  };
}
