import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { compileSuite, type Connection, type Dialect } from '@strata/core';
import type { BenchmarkResult } from './benchmark-result.js';
import { createRawTable, createStagingView, createWideTable, dbtTestQuery, twentyChecks } from './expectations-workload.js';
import { median, timeIt } from './measure.js';

export { createRawTable, createStagingView, createWideTable, dbtTestQuery, twentyChecks } from './expectations-workload.js';

/** A warehouse the expectations benchmark runs on. */
export interface ExpectationsEngine {
  /** `DuckDB`, `Postgres`: shown in the case names. */
  name: string;
  dialect: Dialect;
  connection: Connection;
}

/** The model the twenty checks test: a table, or a staging view computed again by every query that reads it. */
export interface TestedModel {
  shape: 'table' | 'staging view';
  /** The relation, as SQL. */
  relation: string;
  rows: number;
}

/**
 * Benchmark 5 on one engine and one model: Strata's single scan of 20 checks against the 20
 * queries dbt would run (`dbtTestQuery`), and the scan of 20 checks against the scan of one.
 * Each side runs once untimed first, so neither pays for a cold cache; the repetitions
 * alternate the three, so a change in the machine's load hits all of them alike.
 */
export async function timeExpectations(engine: ExpectationsEngine, model: TestedModel, repeat: number): Promise<BenchmarkResult[]> {
  const { connection } = engine;
  const checks = twentyChecks().map((check, i) => ({ id: `c${i}`, check, options: { severity: 'error' as const, mostly: 1 } }));
  const one = compileSuite(engine.dialect, model.relation, checks.slice(0, 1)).sql;
  const twenty = compileSuite(engine.dialect, model.relation, checks).sql;
  const separate = checks.map((c) => dbtTestQuery(c.check, model.relation));
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
  const label = `${engine.name}, ${model.shape} of ${model.rows.toLocaleString('en-US')} rows`;
  return [
    { benchmark: 'expectations', case: `${label}: 20 dbt test queries / one Strata scan`, value: tSeparate / tTwenty, unit: 'ratio', target: '≥ 5', extra: `scan ${tTwenty.toFixed(1)} ms, dbt's 20 queries ${tSeparate.toFixed(1)} ms` },
    { benchmark: 'expectations', case: `${label}: 20 checks / 1 check (one scan each)`, value: tTwenty / tOne, unit: 'ratio', target: '≤ 2', extra: `one not-null check ${tOne.toFixed(1)} ms` },
  ];
}

/**
 * Both models on one engine: the wide table of `tableRows` rows, then a staging view over raw
 * rows of the same columns (`viewRows`: fewer, as dbt's side computes the view twenty times).
 * `series(n)` is the engine's relation of n integers in column `i`; `schema` prefixes the names.
 */
export async function timeBothModels(engine: ExpectationsEngine, options: { series: (rows: number) => string; schema?: string; tableRows: number; viewRows: number; repeat: number; analyze?: (table: string) => string }): Promise<BenchmarkResult[]> {
  const name = (n: string) => (options.schema ? `${options.schema}.${n}` : n);
  const { connection } = engine;
  await connection.execute(createWideTable(name('wide'), options.series(options.tableRows)));
  await connection.execute(createRawTable(name('raw_wide'), options.series(options.viewRows), options.viewRows));
  await connection.execute(createStagingView(name('stg_wide'), name('raw_wide')));
  if (options.analyze) for (const table of ['wide', 'raw_wide']) await connection.execute(options.analyze(name(table)));
  return [
    ...(await timeExpectations(engine, { shape: 'table', relation: name('wide'), rows: options.tableRows }, options.repeat)),
    ...(await timeExpectations(engine, { shape: 'staging view', relation: name('stg_wide'), rows: options.viewRows }, Math.min(options.repeat, 3))),
  ];
}

/** Benchmark 5 on DuckDB (in memory). */
export async function benchExpectations(rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const adapter = await DuckDbAdapter.open({ path: ':memory:' });
  try {
    const connection = await adapter.connect();
    const engine = { name: 'DuckDB', dialect: adapter.dialect, connection };
    return await timeBothModels(engine, { series: (n) => `range(${n}) r(i)`, tableRows: rows, viewRows: Math.ceil(rows / 5), repeat });
  } finally {
    await adapter.close();
  }
}
