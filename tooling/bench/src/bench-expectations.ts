import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { compileSuite, type CheckDefinition } from '@strata/core';
import type { BenchmarkResult } from './benchmark-result.js';
import { timeIt } from './measure.js';

/** Twenty column checks of the kinds dbt projects declare most. */
function twentyChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (let c = 0; c < 5; c++) {
    checks.push({ kind: 'not_null', column: `c${c}` });
    checks.push({ kind: 'between', column: `c${c}`, min: 0, max: 1_000_000 });
    checks.push({ kind: 'accepted_values', column: `s${c}`, values: ['a', 'b', 'c', 'd'] });
    checks.push({ kind: 'not_null', column: `s${c}` });
  }
  return checks;
}

/** The query dbt runs for one test: select the failing rows and count them. */
function dbtStyleQuery(check: CheckDefinition): string {
  const column = 'column' in check ? `"${check.column}"` : '';
  switch (check.kind) {
    case 'not_null':
      return `select count(*) from (select ${column} from wide where ${column} is null) t`;
    case 'between':
      return `select count(*) from (select ${column} from wide where not (${column} >= ${check.min} and ${column} <= ${check.max})) t`;
    case 'accepted_values':
      return `select count(*) from (select ${column} as value from wide where ${column} not in (${check.values.map((v) => `'${v}'`).join(', ')})) t`;
    default:
      throw new Error(check.kind);
  }
}

/**
 * Benchmark 5: one model with 20 column expectations. Strata's single scan against 20
 * dbt-style queries on the same data, and 20 expectations against one.
 */
export async function benchExpectations(rows: number, repeat: number): Promise<BenchmarkResult[]> {
  const adapter = await DuckDbAdapter.open({ path: ':memory:' });
  const connection = await adapter.connect();
  const columns = [...Array.from({ length: 5 }, (_, c) => `(i * ${c + 7}) % 100000 as c${c}`), ...Array.from({ length: 5 }, (_, c) => `chr(97 + ((i + ${c}) % 4)::int) as s${c}`)];
  await connection.execute(`create table wide as select ${columns.join(', ')} from range(${rows}) r(i)`);
  const checks = twentyChecks().map((check, i) => ({ id: `c${i}`, check, options: { severity: 'error' as const, mostly: 1 } }));
  const one = compileSuite(adapter.dialect, 'wide', checks.slice(0, 1)).sql;
  const twenty = compileSuite(adapter.dialect, 'wide', checks).sql;
  const separate = checks.map((c) => dbtStyleQuery(c.check));
  const tOne = await timeIt(repeat, () => connection.query(one));
  const tTwenty = await timeIt(repeat, () => connection.query(twenty));
  const tSeparate = await timeIt(repeat, async () => {
    for (const sql of separate) await connection.query(sql);
  });
  await adapter.close();
  return [
    { benchmark: 'expectations', case: `20 checks on ${rows.toLocaleString('en-US')} rows: 20 dbt-style queries / one Strata scan`, value: tSeparate / tTwenty, unit: 'ratio', target: '≥ 5', extra: `scan ${tTwenty.toFixed(1)} ms, separate ${tSeparate.toFixed(1)} ms` },
    { benchmark: 'expectations', case: '20 checks / 1 check (one scan each)', value: tTwenty / tOne, unit: 'ratio', target: '≤ 2', extra: `one check ${tOne.toFixed(1)} ms` },
  ];
}
