import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { compileSuite, type CheckDefinition, type Connection, type Dialect } from '@strata/core';
import type { BenchmarkResult } from './benchmark-result.js';
import { median, timeIt } from './measure.js';

/** Twenty column checks of the kinds dbt projects declare most. */
export function twentyChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (let c = 0; c < 5; c++) {
    checks.push({ kind: 'not_null', column: `c${c}` });
    checks.push({ kind: 'between', column: `c${c}`, min: 0, max: 1_000_000 });
    checks.push({ kind: 'accepted_values', column: `s${c}`, values: ['a', 'b', 'c', 'd'] });
    checks.push({ kind: 'not_null', column: `s${c}` });
  }
  return checks;
}

/** The query dbt runs for one test of `table`: select the failing rows and count them. */
export function dbtStyleQuery(check: CheckDefinition, table: string): string {
  const column = 'column' in check ? `"${check.column}"` : '';
  switch (check.kind) {
    case 'not_null':
      return `select count(*) from (select ${column} from ${table} where ${column} is null) t`;
    case 'between':
      return `select count(*) from (select ${column} from ${table} where not (${column} >= ${check.min} and ${column} <= ${check.max})) t`;
    case 'accepted_values':
      return `select count(*) from (select ${column} as value from ${table} where ${column} not in (${check.values.map((v) => `'${v}'`).join(', ')})) t`;
    default:
      throw new Error(check.kind);
  }
}

/**
 * `create table` of the benchmark's wide table: five integer columns and five one-letter text
 * columns, none null, every value passing its checks. `series` is a relation of `rows`
 * integers in column `i` (`range(n) r(i)` on DuckDB, `generate_series(…) r(i)` on Postgres).
 */
export function createWideTable(table: string, series: string): string {
  const columns = [...Array.from({ length: 5 }, (_, c) => `(i * ${c + 7}) % 100000 as c${c}`), ...Array.from({ length: 5 }, (_, c) => `chr(97 + ((i + ${c}) % 4)::int) as s${c}`)];
  return `create table ${table} as select ${columns.join(', ')} from ${series}`;
}

/** A warehouse holding the wide table, as the expectations benchmark uses it. */
export interface ExpectationsEngine {
  /** `DuckDB`, `Postgres`: shown in the case names. */
  name: string;
  dialect: Dialect;
  connection: Connection;
  /** The wide table, as SQL. */
  table: string;
  rows: number;
}

/**
 * Benchmark 5 on one engine: Strata's single scan of 20 checks against 20 dbt-style queries on
 * the same data, and the scan of 20 checks against the scan of one. Each side runs once untimed
 * first, so neither pays for a cold cache; the repetitions alternate the three, so a change in
 * the machine's load hits all of them alike.
 */
export async function timeExpectations(engine: ExpectationsEngine, repeat: number): Promise<BenchmarkResult[]> {
  const { connection, table } = engine;
  const checks = twentyChecks().map((check, i) => ({ id: `c${i}`, check, options: { severity: 'error' as const, mostly: 1 } }));
  const one = compileSuite(engine.dialect, table, checks.slice(0, 1)).sql;
  const twenty = compileSuite(engine.dialect, table, checks).sql;
  const separate = checks.map((c) => dbtStyleQuery(c.check, table));
  const runSeparate = async () => {
    for (const sql of separate) await connection.query(sql);
  };
  await connection.query(twenty);
  await runSeparate();
  const times = { one: [] as number[], twenty: [] as number[], separate: [] as number[] };
  for (let r = 0; r < repeat; r++) {
    times.one.push(await timeIt(1, () => connection.query(one)));
    times.twenty.push(await timeIt(1, () => connection.query(twenty)));
    times.separate.push(await timeIt(1, runSeparate));
  }
  const [tOne, tTwenty, tSeparate] = [median(times.one), median(times.twenty), median(times.separate)];
  const label = `${engine.name}, 20 checks on ${engine.rows.toLocaleString('en-US')} rows`;
  return [
    { benchmark: 'expectations', case: `${label}: 20 dbt-style queries / one Strata scan`, value: tSeparate / tTwenty, unit: 'ratio', target: '≥ 5', extra: `scan ${tTwenty.toFixed(1)} ms, separate ${tSeparate.toFixed(1)} ms` },
    { benchmark: 'expectations', case: `${engine.name}: 20 checks / 1 check (one scan each)`, value: tTwenty / tOne, unit: 'ratio', target: '≤ 2', extra: `one check ${tOne.toFixed(1)} ms` },
  ];
}

/** Benchmark 5 on DuckDB (in memory). */
export async function benchExpectations(rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const adapter = await DuckDbAdapter.open({ path: ':memory:' });
  try {
    const connection = await adapter.connect();
    await connection.execute(createWideTable('wide', `range(${rows}) r(i)`));
    return await timeExpectations({ name: 'DuckDB', dialect: adapter.dialect, connection, table: 'wide', rows }, repeat);
  } finally {
    await adapter.close();
  }
}
