import { describe, expect, it } from 'vitest';
import type { CheckDefinition, CheckOptions } from '../../src/index.js';
import { compileSuite, type ScanCheck } from '../../src/expectations/compile-suite.js';
import { valueSampleQuery } from '../../src/expectations/sample-query.js';
import { testDialect } from '../helpers.js';

const options = (extra: Partial<CheckOptions> = {}): CheckOptions => ({ severity: 'error', mostly: 1, ...extra });
const scan = (checks: Array<[string, CheckDefinition, Partial<CheckOptions>?]>): ScanCheck[] => checks.map(([name, check, extra]) => ({ id: `test.p.${name}`, name, check, options: options(extra) }));

describe('compileSuite', () => {
  it('compiles row and aggregate checks into one readable query with shared counts', () => {
    const suite = compileSuite(
      testDialect,
      '"s"."orders"',
      scan([
        ['not_null_orders_id', { kind: 'not_null', column: 'id' }],
        ['unique_orders_id', { kind: 'unique', column: 'id' }],
        ['mean_between_orders_amount', { kind: 'aggregate_between', column: 'amount', stat: 'mean', min: 1 }],
        ['between_orders_amount', { kind: 'between', column: 'amount', min: 0 }],
        ['row_count_between_orders', { kind: 'row_count_between', min: 1 }],
      ]),
    );
    expect(suite.sql).toBe(
      [
        'with __dup0 as (',
        '  select "id" as __w1_k0, 1 as __w1_dup',
        '  from "s"."orders"',
        '  group by "id"',
        '  having count(*) > 1',
        '),',
        '__scan as (',
        '  select __rel.*,',
        '    __dup0.__w1_dup',
        '  from "s"."orders" as __rel',
        '  left join __dup0 on __rel."id" = __dup0.__w1_k0',
        ')',
        'select',
        '  count(*) as element_count,',
        '  -- not_null_orders_id',
        '  count(*) - count("id") as u0,',
        '  -- unique_orders_id',
        '  count("id") as n1,',
        '  count(case when "id" is not null and __w1_dup = 1 then 1 end) as u1,',
        '  -- mean_between_orders_amount',
        '  count("amount") as n2,',
        '  avg("amount") as a2,',
        '  -- between_orders_amount',
        '  count(case when not ("amount" >= 0) then 1 end) as u3',
        '  -- row_count_between_orders (from element_count)',
        'from __scan',
      ].join('\n'),
    );
    expect(suite.planned.map((p) => [p.type, p.nonNull])).toEqual([
      ['row', 'element_count'],
      ['row', 'n1'],
      ['aggregate', 'n2'],
      ['row', 'n2'],
      ['aggregate', 'element_count'],
    ]);
  });

  it('scopes counts, duplicate keys and statistics to a check’s where', () => {
    const suite = compileSuite(testDialect, 't', scan([['u', { kind: 'unique_combination', columns: ['a', 'b'] }, { where: 'x > 1' }], ['z', { kind: 'z_score', column: 'v', threshold: 3 }, { where: 'x > 1' }]]));
    expect(suite.scanCte).toBe(
      [
        'with __stats as (',
        '  select avg(case when (x > 1) then "v" end) as __w1_mean, stddev_samp(case when (x > 1) then "v" end) as __w1_sd',
        '  from t',
        '),',
        '__dup0 as (',
        '  select "a" as __w0_k0, "b" as __w0_k1, 1 as __w0_dup',
        '  from t',
        '  where (x > 1)',
        '  group by "a", "b"',
        '  having count(*) > 1',
        '),',
        '__scan as (',
        '  select __rel.*,',
        '    __stats.*,',
        '    __dup0.__w0_dup',
        '  from t as __rel',
        '  cross join __stats',
        '  left join __dup0 on __rel."a" is not distinct from __dup0.__w0_k0 and __rel."b" is not distinct from __dup0.__w0_k1',
        ')',
      ].join('\n'),
    );
    expect(suite.sql).toContain('count(case when (x > 1) then 1 end) as e0');
    expect(suite.sql).toContain('count(case when (x > 1) and (__w0_dup = 1) then 1 end) as u0');
    // The second check reuses the first one's in-scope row count.
    expect(suite.planned[1]!.elements).toBe('e0');
  });

  it('flags duplicated keys with a window when the dialect asks for one, scoped to the check’s where', () => {
    const windowDialect = { ...testDialect, duplicateKeys: 'window' as const };
    const suite = compileSuite(windowDialect, 't', scan([['u', { kind: 'unique', column: 'id' }], ['c', { kind: 'unique_combination', columns: ['a', 'b'] }, { where: 'x > 1' }]]));
    expect(suite.scanCte).toBe(
      [
        'with __scan as (',
        '  select __rel.*,',
        '    case when count(*) over (partition by __rel."id") > 1 then 1 end as __w0_dup,',
        '    case when count(case when (x > 1) then 1 end) over (partition by __rel."a", __rel."b") > 1 then 1 end as __w1_dup',
        '  from t as __rel',
        ')',
      ].join('\n'),
    );
    expect(suite.sql).toContain('count(case when "id" is not null and __w0_dup = 1 then 1 end) as u0');
    expect(suite.sql).toContain('count(case when (x > 1) and (__w1_dup = 1) then 1 end) as u1');
  });

  it('counts nulls from the row and value counts, or with a case when the check has a where', () => {
    const suite = compileSuite(testDialect, 't', scan([['n', { kind: 'not_null', column: 'c' }], ['b', { kind: 'between', column: 'c', min: 0 }], ['w', { kind: 'not_null', column: 'c' }, { where: 'x > 1' }]]));
    expect(suite.sql.split('\n').filter((l) => !l.trimStart().startsWith('--')).slice(-7)).toEqual([
      '  count(*) as element_count,',
      '  count(*) - count("c") as u0,',
      '  count("c") as n1,',
      '  count(case when not ("c" >= 0) then 1 end) as u1,',
      '  count(case when (x > 1) then 1 end) as e2,',
      '  count(case when (x > 1) and ("c" is null) then 1 end) as u2',
      'from __scan',
    ]);
  });

  it('keeps a check the dialect cannot express out of the scan, with its error', () => {
    const suite = compileSuite(testDialect, 't', scan([['p', { kind: 'matches_pattern', column: 'c', pattern: '(?=a)', flags: '' }], ['n', { kind: 'not_null', column: 'c' }]]));
    expect(suite.errors.get('test.p.p')!.message).toContain('lookahead');
    expect(suite.planned.map((p) => p.name)).toEqual(['n']);
    expect(suite.sql).not.toContain('regexp_matches');
  });

  it('samples every failed value check in one union query with aligned columns', () => {
    const suite = compileSuite(testDialect, 't', scan([['a', { kind: 'accepted_values', column: 's', values: ['x'] }], ['b', { kind: 'column_pair_greater', columnA: 'a', columnB: 's', orEqual: false }]]));
    const sql = valueSampleQuery(suite, suite.planned)!;
    expect(sql.split('\n').slice(-7)).toEqual([
      `(select 0 as __check, "s" as v0, case when false then "a" end as v1`,
      `  from __scan where "s" not in ('x')`,
      '  order by v0 limit 20)',
      'union all',
      '(select 1 as __check, "s" as v0, "a" as v1',
      '  from __scan where "a" is not null and "s" is not null and not ("a" > "s")',
      '  order by v1, v0 limit 20)',
    ]);
  });
});
