import type { CheckDefinition } from '@strata/core';

/**
 * The data and queries of the expectations benchmark (benchmark 5): twenty column checks of the
 * kinds dbt projects declare most, the SQL dbt itself runs for each of them, and the two shapes
 * a tested model has — a table, and a staging view that cleans and deduplicates raw rows (as
 * every domain's staging models do). All of it is portable between DuckDB and Postgres.
 */

/** Twenty checks over ten columns: not-null and a range on five integers, not-null and a set on five strings. */
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

/**
 * dbt's test query around a test's failing rows (`get_test_sql`, dbt-core 1.8, with the default
 * `fail_calc`, `warn_if` and `error_if`).
 */
function dbtTestWrapper(failingRows: string): string {
  return `select count(*) as failures, count(*) != 0 as should_warn, count(*) != 0 as should_error from (\n${failingRows}\n) dbt_internal_test`;
}

/**
 * The query dbt runs for one test of `relation`, as its macros render it: `not_null` and
 * `accepted_values` from dbt-core's `generic_test_sql` (accepted values grouped first), a range
 * as `dbt_utils.accepted_range` (dbt has no built-in range test).
 */
export function dbtTestQuery(check: CheckDefinition, relation: string): string {
  switch (check.kind) {
    case 'not_null':
      return dbtTestWrapper(`select "${check.column}"\nfrom ${relation}\nwhere "${check.column}" is null`);
    case 'between':
      return dbtTestWrapper(
        `with meet_condition as (\n  select * from ${relation}\n),\nvalidation_errors as (\n  select * from meet_condition\n  where 1 = 2 or not "${check.column}" >= ${check.min} or not "${check.column}" <= ${check.max}\n)\nselect * from validation_errors`,
      );
    case 'accepted_values': {
      const values = check.values.map((v) => `'${v}'`).join(', ');
      return dbtTestWrapper(
        `with all_values as (\n  select "${check.column}" as value_field, count(*) as n_records\n  from ${relation}\n  group by "${check.column}"\n)\nselect * from all_values\nwhere value_field not in (${values})`,
      );
    }
    default:
      throw new Error(`the benchmark has no dbt query for ${check.kind}`);
  }
}

const integerColumn = (c: number) => `(i * ${c + 7}) % 100000`;
const letterColumn = (c: number) => `chr(97 + ((i + ${c}) % 4)::int)`;
const COLUMNS = [0, 1, 2, 3, 4];

/**
 * `create table` of the wide table: five integer and five one-letter text columns, none null,
 * every value passing its checks. `series` is a relation of integers in column `i`
 * (`range(n) r(i)` on DuckDB, `generate_series(…) r(i)` on Postgres).
 */
export function createWideTable(table: string, series: string): string {
  const columns = [...COLUMNS.map((c) => `${integerColumn(c)} as c${c}`), ...COLUMNS.map((c) => `${letterColumn(c)} as s${c}`)];
  return `create table ${table} as select ${columns.join(', ')} from ${series}`;
}

/**
 * The same columns as raw text the way loaders deliver it (padded numbers, upper-case letters
 * with a trailing blank), and an upload log's repeats: one row in a hundred re-sends an earlier
 * `id` with an older `loaded_at`, so the view's deduplication has work to do.
 */
export function createRawTable(table: string, series: string, rows: number): string {
  const distinct = Math.max(1, Math.floor(rows * 0.99));
  const columns = [
    `'k' || cast(i % ${distinct} as varchar) as id`,
    `${rows} - i as loaded_at`,
    ...COLUMNS.map((c) => `' ' || cast(${integerColumn(c)} as varchar) as c${c}`),
    ...COLUMNS.map((c) => `upper(${letterColumn(c)}) || ' ' as s${c}`),
  ];
  return `create table ${table} as select ${columns.join(', ')} from ${series}`;
}

/**
 * A staging view over the raw table, shaped like the domains' staging models: trim and cast each
 * column, keep the latest upload of each `id`. A test of a view computes the view again, so
 * twenty dbt tests compute it twenty times; Strata's scan computes it once.
 */
export function createStagingView(view: string, raw: string): string {
  const parsed = [...COLUMNS.map((c) => `cast(trim(c${c}) as integer) as c${c}`), ...COLUMNS.map((c) => `lower(trim(s${c})) as s${c}`)];
  const columns = [...COLUMNS.map((c) => `c${c}`), ...COLUMNS.map((c) => `s${c}`)].join(', ');
  return [
    `create view ${view} as`,
    `with parsed as (select trim(id) as id, loaded_at, ${parsed.join(', ')} from ${raw}),`,
    `deduplicated as (select *, row_number() over (partition by id order by loaded_at desc) as upload_attempt from parsed)`,
    `select id, ${columns} from deduplicated where upload_attempt = 1`,
  ].join('\n');
}
