import { crossDatabaseMacros } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { BigQueryDialect, bigqueryAdapterFactory } from '../src/index.js';
import { bigQueryPortabilityProblems, bigQuerySyntaxError } from './sql-syntax.js';

const dialect = new BigQueryDialect('acme-analytics');
/** castToString's output: CAST to STRING, less the '+00' BigQuery prints after a TIMESTAMP. */
const str = (x: string) => `REGEXP_REPLACE(CAST(${x} AS STRING), r'^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)\\+00$', r'\\1')`;
const macros = crossDatabaseMacros(dialect) as unknown as Record<string, (...args: unknown[]) => string>;

describe('BigQuery dialect', () => {
  it('quotes identifiers with backticks and qualifies relations with the project', () => {
    expect(dialect.quoteIdentifier('order id')).toBe('`order id`');
    expect(dialect.quoteIdentifier('we`ird')).toBe('`we\\`ird`');
    expect(dialect.renderRelation({ schema: 'shop_marts', name: 'fct_orders' })).toBe('`acme-analytics`.`shop_marts`.`fct_orders`');
    expect(dialect.renderRelation({ database: 'other', schema: 'raw', name: 'orders' })).toBe('`other`.`raw`.`orders`');
    expect(new BigQueryDialect().renderRelation({ schema: 'raw', name: 'orders' })).toBe('`raw`.`orders`');
    expect(bigqueryAdapterFactory.createDialect({ adapter: 'bigquery', project: 'p1' }).renderRelation({ schema: 's', name: 't' })).toBe('`p1`.`s`.`t`');
  });

  it('escapes string literals with backslashes', () => {
    expect(dialect.quoteString("it's")).toBe("'it\\'s'");
    expect(dialect.quoteString('a\\b')).toBe("'a\\\\b'");
    expect(dialect.quoteString('line\nbreak')).toBe("'line\\nbreak'");
  });

  it('names BigQuery types', () => {
    expect(['string', 'integer', 'bigint', 'float', 'numeric', 'boolean', 'timestamp', 'date'].map((t) => macros[`type_${t === 'integer' ? 'int' : t}`]!())).toEqual(['STRING', 'INT64', 'INT64', 'FLOAT64', 'NUMERIC', 'BOOL', 'TIMESTAMP', 'DATE']);
  });

  it('renders every cross-database macro in its BigQuery form', () => {
    const cases: Array<[string, string]> = [
      [macros.date_trunc!('day', 'ordered_at'), 'TIMESTAMP_TRUNC(CAST(ordered_at AS TIMESTAMP), DAY)'],
      [macros.date_trunc!('week', 'ordered_at'), 'TIMESTAMP_TRUNC(CAST(ordered_at AS TIMESTAMP), ISOWEEK)'],
      [macros.date_trunc!("'month'", 'ordered_at'), 'TIMESTAMP_TRUNC(CAST(ordered_at AS TIMESTAMP), MONTH)'],
      [macros.datediff!('signed_up_at', 'ordered_at', 'day'), 'DATETIME_DIFF(CAST(ordered_at AS DATETIME), CAST(signed_up_at AS DATETIME), DAY)'],
      [macros.dateadd!('month', 3, 'ordered_at'), 'TIMESTAMP(DATETIME_ADD(CAST(ordered_at AS DATETIME), INTERVAL (3) MONTH))'],
      [macros.dateadd!('week', -1, 'ordered_at'), 'TIMESTAMP(DATETIME_ADD(CAST(ordered_at AS DATETIME), INTERVAL (-1) WEEK))'],
      [macros.safe_cast!('amount', macros.type_float!()), 'SAFE_CAST(amount AS FLOAT64)'],
      [macros.hash!('email'), `TO_HEX(MD5(${str('email')}))`],
      [macros.concat!(['first_name', "' '", 'last_name']), `CONCAT(${str('first_name')}, ' ', ${str('last_name')})`],
      [macros.surrogate_key!(['order_id', 'line']), `TO_HEX(MD5(CONCAT(coalesce(${str('order_id')}, '_strata_null_'), '-', coalesce(${str('line')}, '_strata_null_'))))`],
      [dialect.castToString('ordered_at'), str('ordered_at')],
      [dialect.regexpMatches('email', "'^[^@]+@[^@]+$'"), "REGEXP_CONTAINS(email, '^[^@]+@[^@]+$')"],
      [dialect.median('amount'), 'APPROX_QUANTILES(amount, 2)[OFFSET(1)]'],
    ];
    for (const [actual, expected] of cases) expect(actual).toBe(expected);
    // each is valid GoogleSQL
    for (const [actual] of cases) expect(bigQuerySyntaxError(`SELECT ${actual} AS x FROM t`)).toBeUndefined();
  });

  it('matches a literal hash to the md5 every other warehouse returns', () => {
    // md5('abc') = 900150983cd24fb0d6963f7d28e17f72 — TO_HEX(MD5(...)) gives the same lower-case hex
    expect(macros.hash!("'abc'")).toBe("TO_HEX(MD5('abc'))");
  });
});

describe('BigQuery forms of the newer cross-database macros', () => {
  it('splits text like split_part: 1-based, empty past the end', () => {
    expect(macros.split_part!('trim(zip)', "'-'", 1)).toBe("(CASE WHEN trim(zip) IS NULL THEN NULL ELSE COALESCE(SPLIT(trim(zip), '-')[SAFE_OFFSET((1) - 1)], '') END)");
    expect(bigQuerySyntaxError(`SELECT ${macros.split_part!('trim(zip)', "'-'", 2)} FROM t`)).toBeUndefined();
  });

  it('parses timestamps with the first matching format, strptime fractions as %E*S', () => {
    const sql = macros.try_strptime!('trim(ts)', ['%Y-%m-%dT%H:%M:%S.%g%z', '%Y-%m-%d %H:%M:%S']);
    expect(sql).toBe("COALESCE(SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%E*S%Ez', trim(ts)), SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', trim(ts)))");
    expect(bigQuerySyntaxError(`SELECT ${sql} FROM t`)).toBeUndefined();
    expect(macros.try_strptime!('d', '%Y-%m-%d')).toBe("SAFE.PARSE_TIMESTAMP('%Y-%m-%d', d)");
  });

  it('tests regular expressions with REGEXP_CONTAINS', () => {
    expect(macros.regexp_matches!('email', "'@'")).toBe("REGEXP_CONTAINS(email, '@')");
  });

  it('replaces every regex match with the 3-argument REGEXP_REPLACE', () => {
    expect(macros.regexp_replace!('zip', "'[^0-9]'", "''")).toBe("REGEXP_REPLACE(zip, '[^0-9]', '')");
  });
});

describe('the golden files’ checks', () => {
  it('reject DuckDB/Postgres SQL that BigQuery refuses, and accept GoogleSQL', () => {
    expect(bigQuerySyntaxError("select try_cast(x as bigint) from t")).toContain('Syntax Error');
    expect(bigQuerySyntaxError("select percentile_cont(0.5) within group (order by x) from t")).toContain('Syntax Error');
    expect(bigQuerySyntaxError('with recursive days as (select 1 as d union all select d + 1 from days where d < 3) select * from days')).toBeUndefined();
    expect(bigQueryPortabilityProblems("select split_part(a, '-', 1), regexp_replace(a, 'x', '', 'g'), cast(b as decimal(38, 2)), cast(c as decimal(18, 2)) from t")).toEqual([
      'split_part() is not a BigQuery function: use {{ split_part(\'col\', "\'-\'", 1) }}',
      'regexp_replace() takes at most 3 arguments on BigQuery (it is always global): drop the flags argument, or use a bigquery__ macro',
      "decimal(38, 2) is wider than BigQuery's NUMERIC (scale ≤ 9, precision ≤ scale + 29): use a narrower type, or BIGNUMERIC through a bigquery__ macro",
    ]);
    expect(bigQueryPortabilityProblems(`select ${macros.split_part!('a', "'-'", 1)}, REGEXP_REPLACE(a, 'x', '') from t`)).toEqual([]);
  });
});
