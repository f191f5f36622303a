import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectChecks } from '../../src/expectations/collect-checks.js';
import { ref, type ModelSchema } from '../../src/index.js';

const names = (schema: ModelSchema) => collectChecks('orders', schema).checks.map((c) => c.name);

describe('collectChecks', () => {
  it('turns zod constraints into dbt-named checks', () => {
    const schema: ModelSchema = {
      columns: z.object({
        id: z.number().int().meta({ unique: true }),
        status: z.enum(['placed', 'shipped']),
        amount: z.number().min(0).nullable(),
        email: z.email().optional(),
        customer_id: z.number().meta({ references: ref('customers', 'id') }),
      }),
    };
    expect(names(schema)).toEqual([
      'not_null_orders_id',
      'unique_orders_id',
      'not_null_orders_status',
      'accepted_values_orders_status',
      'between_orders_amount',
      'matches_pattern_orders_email',
      'not_null_orders_customer_id',
      'relationships_orders_customer_id__customers_id',
    ]);
  });

  it('builds the extra checks of `expect` with their options and names', () => {
    const { checks, errors } = collectChecks('orders', {
      columns: z.object({
        amount: z.number().nullable().meta({
          severity: 'warn',
          expect: { mean: { min: 1, max: 5, mostly: 0.9 }, not_in: [0], increasing: { by: 'id', strictly: true, name: 'amount_grows', severity: 'error' } },
        }),
      }),
    });
    expect(errors).toEqual([]);
    expect(checks).toEqual([
      { name: 'mean_between_orders_amount', check: { kind: 'aggregate_between', column: 'amount', stat: 'mean', min: 1, max: 5, strictMin: undefined, strictMax: undefined }, options: { severity: 'warn', mostly: 0.9, where: undefined, warnIf: undefined, errorIf: undefined } },
      { name: 'not_accepted_values_orders_amount', check: { kind: 'not_accepted_values', column: 'amount', values: [0] }, options: { severity: 'warn', mostly: 1, where: undefined, warnIf: undefined, errorIf: undefined } },
      { name: 'amount_grows', check: { kind: 'monotonic', column: 'amount', orderBy: 'id', direction: 'increasing', strictly: true, groupBy: undefined }, options: { severity: 'error', mostly: 1, where: undefined, warnIf: undefined, errorIf: undefined } },
    ]);
  });

  it('tunes the checks zod implies through `expect`', () => {
    const { checks } = collectChecks('t', { columns: z.object({ s: z.enum(['a']).meta({ expect: { accepted_values: { severity: 'warn', name: 'known_s' }, not_null: { where: 'x > 1' } } }) }) });
    expect(checks.map((c) => [c.name, c.options.severity, c.options.where])).toEqual([
      ['not_null_t_s', 'error', 'x > 1'],
      ['known_s', 'warn', undefined],
    ]);
  });

  it('reads relation tests with aliases, thresholds and hashed names', () => {
    const { checks } = collectChecks('orders', {
      tests: [
        { name: 'row_count_between', min: 1, alias: 'has_rows' },
        { name: 'expression_is_true', expression: 'a > b', warn_if: '>10', error_if: '>100' },
        'my_generic_test',
      ],
    });
    expect(checks.map((c) => c.name)).toEqual(['has_rows', expect.stringMatching(/^expression_is_true_orders_[0-9a-f]{1,6}$/), 'my_generic_test_orders']);
    expect(checks[1]!.options).toMatchObject({ warnIf: '>10', errorIf: '>100' });
    expect(checks[2]!.check).toEqual({ kind: 'generic', macro: 'my_generic_test', column: undefined, args: {} });
  });

  it('collects every mistake instead of stopping at the first', () => {
    const { errors } = collectChecks(
      'orders',
      {
        columns: z.object({
          a: z.number().meta({ mostly: 2, expect: { meen: { min: 1 } } as never }),
          b: z.number().meta({ tests: [{ name: 'mean_between', mni: 1 }] }),
        }),
        tests: [{ name: 'row_count_between', min: 'ten' }, { name: 'expression_is_true', expression: 'x', warn_if: 'lots' }, { name: 'mean_between', min: 1 }],
      },
      '/p/models/schema.ts',
    );
    expect(errors.map((e) => e.message)).toEqual([
      "not_null on column 'a' of 'orders': mostly must be a fraction between 0 and 1, not 2",
      "expect.meen on column 'a' of 'orders': unknown expectation 'meen'; known: not_null, accepted_values, between, length, pattern, not_in, increasing, decreasing, recent, z_score, distinct_values_in, distinct_values_equal, min, max, mean, median, sum, stdev, distinct_count, proportion_unique, null_proportion",
      "test 'mean_between' on column 'b' of 'orders': unknown argument 'mni'",
      "test 'row_count_between' of 'orders': 'min' Invalid input: expected number, received string",
      "test 'expression_is_true' of 'orders': threshold 'lots' is not a comparison with a number, like '>10' or '!=0'",
      "test 'mean_between' of 'orders': is a column check: declare it on a column (`.meta({ tests: [...] })`), not on the relation",
    ]);
    expect(errors.every((e) => e.code === 'E_CHECK_ARGS' && e.file === '/p/models/schema.ts')).toBe(true);
  });

  it('refuses two checks with one name', () => {
    const { errors } = collectChecks('t', { columns: z.object({ a: z.number().meta({ expect: { mean: { name: 'x' }, sum: { name: 'x' } } }) }) });
    expect(errors.map((e) => e.message)).toEqual(["expect.sum on column 'a' of 't': two checks are named 'x'; give one of them a name (`name` under expect, `alias` in tests)"]);
  });

  it('types metadata through zod GlobalMeta', () => {
    // @ts-expect-error unique is a boolean or check options, not a string
    z.string().meta({ unique: 'yes' });
    // @ts-expect-error mean takes bounds
    z.number().meta({ expect: { mean: { least: 1 } } });
    expect(z.number().meta({ expect: { z_score: { max: 3 } } }).meta()).toEqual({ expect: { z_score: { max: 3 } } });
  });
});

describe('collectChecks on implied checks', () => {
  it('says when `expect` tunes a check zod does not imply', () => {
    const { errors } = collectChecks('t', { columns: z.object({ a: z.string().nullable().meta({ expect: { not_null: { mostly: 0.5 }, between: { severity: 'warn' } } }) }) });
    expect(errors.map((e) => e.message)).toEqual([
      "expect.not_null on column 'a' of 't': tunes the not_null check that zod's own constraints imply, and this column has none (a field that is not .nullable() or .optional())",
      "expect.between on column 'a' of 't': tunes the between check that zod's own constraints imply, and this column has none (.min(), .max(), .positive() …)",
    ]);
  });
});
