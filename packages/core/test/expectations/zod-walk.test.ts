import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readZodColumn } from '../../src/expectations/zod-walk.js';

/** Reading zod definitions (`_zod.def`) through every wrapper, offline. */
describe('readZodColumn', () => {
  it('collects metadata along the whole wrapper chain, outer over inner', () => {
    const field = z.string().meta({ description: 'inner', unique: true }).nullable().meta({ pii: true }).optional().default('x').meta({ description: 'outer' });
    const facts = readZodColumn(field);
    expect(facts.nullable).toBe(true);
    expect(facts.meta).toEqual({ description: 'outer', unique: true, pii: true });
    expect(facts.type).toBe('string');
  });

  it('reads types, enums, literals and bounds', () => {
    expect(readZodColumn(z.number().int().positive().max(10))).toMatchObject({ type: 'bigint', min: { value: 0, inclusive: false }, max: { value: 10, inclusive: true }, nullable: false });
    expect(readZodColumn(z.int32())).toMatchObject({ type: 'bigint', min: { value: -2147483648, inclusive: true }, max: { value: 2147483647, inclusive: true } });
    expect(readZodColumn(z.enum(['a', 'b']))).toMatchObject({ type: 'string', enumValues: ['a', 'b'] });
    expect(readZodColumn(z.literal([1, 2]))).toMatchObject({ type: 'float', enumValues: [1, 2] });
    expect(readZodColumn(z.string().min(2).max(5))).toMatchObject({ minLength: 2, maxLength: 5 });
    expect(readZodColumn(z.string().length(3))).toMatchObject({ minLength: 3, maxLength: 3 });
  });

  it('types ISO dates and datetimes instead of matching them as text', () => {
    expect(readZodColumn(z.iso.date())).toMatchObject({ type: 'date', patterns: [] });
    expect(readZodColumn(z.iso.datetime().nullable())).toMatchObject({ type: 'timestamp', patterns: [], nullable: true });
    expect(readZodColumn(z.date())).toMatchObject({ type: 'timestamp' });
  });

  it('keeps every pattern with its flags and format', () => {
    const facts = readZodColumn(z.string().regex(/^a/i).startsWith('ab').email());
    expect(facts.patterns.map((p) => [p.format, p.flags])).toEqual([
      ['regex', 'i'],
      ['starts_with', ''],
      ['email', ''],
    ]);
    expect(readZodColumn(z.uuid()).patterns[0]!.format).toBe('uuid');
  });
});
