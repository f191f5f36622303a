import { describe, expect, it } from 'vitest';
import { auditRelation } from '../../src/expectations/audit-relation.js';
import { checkStatus, parseThreshold } from '../../src/expectations/thresholds.js';
import { compareRows } from '../../src/expectations/unit/compare-rows.js';

describe('dbt thresholds', () => {
  it('parses comparisons on the failure count', () => {
    expect(parseThreshold('>10')).toEqual({ op: '>', value: 10 });
    expect(parseThreshold(' <> 0 ')).toEqual({ op: '!=', value: 0 });
    expect(parseThreshold('=5')).toEqual({ op: '==', value: 5 });
    expect(() => parseThreshold('ten')).toThrow("threshold 'ten' is not a comparison with a number, like '>10' or '!=0'");
  });

  it('decides pass, warn and fail after mostly, as dbt does', () => {
    const failing = (n: number) => ({ success: false, unexpected_count: n });
    const error = { severity: 'error' as const, mostly: 1 };
    expect(checkStatus({ success: true, unexpected_count: 3 }, error)).toBe('pass');
    expect(checkStatus(failing(3), error)).toBe('fail');
    expect(checkStatus(failing(3), { ...error, severity: 'warn' })).toBe('warn');
    expect(checkStatus(failing(3), { ...error, errorIf: '>5' })).toBe('warn');
    expect(checkStatus(failing(3), { ...error, errorIf: '>5', warnIf: '>3' })).toBe('pass');
    expect(checkStatus(failing(6), { ...error, errorIf: '>5', warnIf: '>3' })).toBe('fail');
    expect(checkStatus(failing(6), { ...error, severity: 'warn', errorIf: '>5' })).toBe('warn');
  });
});

describe('audit relations', () => {
  it('are named after the test, shortened with a hash past 63 characters', () => {
    expect(auditRelation('shop_audit', 'not_null_orders_id')).toEqual({ schema: 'shop_audit', name: 'not_null_orders_id' });
    const long = auditRelation('a', `relationships_${'x'.repeat(80)}`);
    expect(long.name).toHaveLength(63);
    expect(long.name).toMatch(/^relationships_x+_[0-9a-f]{8}$/);
    expect(auditRelation('a', `relationships_${'x'.repeat(80)}`)).toEqual(long);
  });
});

describe('unit test row comparison', () => {
  it('compares expected columns as a multiset, dates and numbers leniently', () => {
    const actual = [
      { id: 1, at: new Date('2024-01-02T03:04:05Z'), day: new Date('2024-01-02T00:00:00Z'), v: 0.1 + 0.2, extra: 'x' },
      { id: 2, at: null, day: null, v: 1, extra: 'y' },
    ];
    expect(compareRows([{ id: 2, v: 1 }, { id: 1, at: '2024-01-02 03:04:05', day: '2024-01-02', v: 0.3 }], actual)).toEqual({ missing: [], unexpected: [] });
    expect(compareRows([{ id: 1 }, { id: 3 }], actual)).toEqual({ missing: [{ id: 3 }], unexpected: [{ id: 2 }] });
    expect(compareRows([{ id: 2 }, { id: 1 }], actual, true)).toEqual({ missing: [{ id: 2 }, { id: 1 }], unexpected: [{ id: 1 }, { id: 2 }] });
  });
});
