import { describe, expect, it } from 'vitest';
import { AdapterError, backoffDelay, freshnessStatus, loadWorkspace, planSchemaChange, resolveRetryPolicy, splitSnapshotFile, withRetry, type ColumnInfo, type ModelNode } from '../src/index.js';
import { writeProject } from './helpers.js';

const TABLE: ColumnInfo[] = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'amount', type: 'BIGINT' },
];
const QUERY: ColumnInfo[] = [
  { name: 'ID', type: 'BIGINT' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'category', type: 'VARCHAR' },
];

describe('on_schema_change plans', () => {
  it('ignore writes shared columns (matched case-insensitively, spelt as the table spells them)', () => {
    expect(planSchemaChange(TABLE, QUERY, 'ignore', 'm')).toEqual({ add: [], drop: [], retype: [], columns: ['id', 'amount'] });
  });
  it('append_new_columns adds, never drops or retypes', () => {
    expect(planSchemaChange(TABLE, QUERY, 'append_new_columns', 'm')).toEqual({ add: [{ name: 'category', type: 'VARCHAR' }], drop: [], retype: [], columns: ['id', 'amount', 'category'] });
  });
  it('sync_all_columns adds, drops and retypes', () => {
    expect(planSchemaChange(TABLE, QUERY, 'sync_all_columns', 'm')).toEqual({ add: [{ name: 'category', type: 'VARCHAR' }], drop: ['name'], retype: [{ name: 'amount', type: 'DOUBLE' }], columns: ['id', 'amount', 'category'] });
  });
  it('fail names every difference; identical columns pass', () => {
    expect(() => planSchemaChange(TABLE, QUERY, 'fail', 'm', '/p/m.sql')).toThrow(
      "the columns of incremental model m changed (new columns category VARCHAR; removed columns name; changed types amount BIGINT -> DOUBLE) and on_schema_change is 'fail'; the table was left as it was",
    );
    expect(planSchemaChange(TABLE, TABLE, 'fail', 'm').columns).toEqual(['id', 'name', 'amount']);
  });
});

describe('retries of transient errors', () => {
  const transient = () => new AdapterError('connection reset', { transient: true });
  it('retries transient errors with doubling, capped delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls <= 3) throw transient();
        return 'done';
      },
      { count: 3, backoffMs: 100, maxBackoffMs: 250, sleep: async (ms) => void delays.push(ms) },
    );
    expect(value).toBe('done');
    expect(delays).toEqual([100, 200, 250]);
  });
  it('never retries a SQL error, and stops after `count` retries', async () => {
    let calls = 0;
    const sqlError = new AdapterError('Binder Error: column x not found', { sql: 'select x' });
    await expect(withRetry(async () => (calls++, Promise.reject(sqlError)), { count: 5, backoffMs: 1, maxBackoffMs: 1, sleep: async () => undefined })).rejects.toBe(sqlError);
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(async () => (calls++, Promise.reject(transient())), { count: 2, backoffMs: 1, maxBackoffMs: 1, sleep: async () => undefined })).rejects.toThrow('connection reset');
    expect(calls).toBe(3);
  });
  it('takes the target’s settings over the project’s, over the defaults', () => {
    expect(resolveRetryPolicy({ count: 5, backoffMs: 10 }, { count: 1 })).toEqual({ count: 1, backoffMs: 10, maxBackoffMs: 10_000 });
    expect(backoffDelay({ count: 9, backoffMs: 250, maxBackoffMs: 10_000 }, 4)).toBe(2000);
  });
});

describe('freshness grading', () => {
  const criteria = { warnAfter: { count: 6, period: 'hour' as const }, errorAfter: { count: 1, period: 'day' as const } };
  it('passes, warns and errors at the limits (a limit is inclusive)', () => {
    expect(freshnessStatus(6 * 3600, criteria)).toBe('pass');
    expect(freshnessStatus(6 * 3600 + 1, criteria)).toBe('warn');
    expect(freshnessStatus(86400, criteria)).toBe('warn');
    expect(freshnessStatus(86401, criteria)).toBe('error');
    expect(freshnessStatus(undefined, criteria)).toBe('error');
    expect(freshnessStatus(10 ** 9, { warnAfter: { count: 1, period: 'minute' } })).toBe('warn');
  });
});

describe('parsing snapshots and hooks', () => {
  it('splits snapshot blocks, keeping line numbers, or takes the whole file', () => {
    const text = '-- two snapshots\n{% snapshot a %}\nselect 1\n{% endsnapshot %}\n{% snapshot b %}select 2{% endsnapshot %}';
    const parts = splitSnapshotFile(text, 'snapshots/x.sql');
    expect(parts.map((p) => [p.name, p.line, p.body.trim()])).toEqual([
      ['a', 2, 'select 1'],
      ['b', 5, 'select 2'],
    ]);
    expect(parts[0]!.body.split('\n')[2]).toBe('select 1');
    expect(splitSnapshotFile('select 3', 'snapshots/plain.sql')).toEqual([{ name: 'plain', body: 'select 3', line: 1 }]);
    expect(splitSnapshotFile('{% snapshot open %} select 1', 'x.sql')).toEqual([]);
  });

  it('accumulates hooks from folders to the model and reports every bad snapshot and incremental config together', async () => {
    const root = writeProject({
      'strata.config.ts': `export default { name: 'shop', snapshots: { schema: 'history', invalidate_hard_deletes: true }, models: { marts: { materialized: 'table', pre_hook: 'select 1', finance: { pre_hook: ['select 2'] } } } };`,
      'models/marts/finance/m.sql': "{{ config(pre_hook='select 3', post_hook=\"select '{{ this }}'\") }}\nselect 1 as id",
      'snapshots/s.sql': "{{ config(unique_key='id', strategy='check', check_cols='all') }}\nselect 1 as id",
    });
    const ws = await loadWorkspace({ projects: [root] });
    const model = ws.dag.node('model.shop.m') as ModelNode;
    expect(model.config.pre_hook).toEqual(['select 1', 'select 2', 'select 3']);
    expect(model.config.post_hook).toEqual(["select '{{ this }}'"]);
    const snapshot = ws.dag.node('snapshot.shop.s') as ModelNode;
    expect(snapshot.relation).toEqual({ schema: 'shop_history', name: 's' });
    expect(snapshot.config.invalidate_hard_deletes).toBe(true);

    const bad = writeProject({
      'snapshots/a.sql': "{{ config(unique_key='id', strategy='check') }}\nselect 1 as id",
      'snapshots/b.sql': "{{ config(strategy='timestamp', updated_at='u') }}\nselect 1 as id",
      'models/marts/c.sql': "{{ config(materialized='incremental', on_schema_change='explode') }}\nselect 1 as id",
    });
    const error = await loadWorkspace({ projects: [bad] }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain('3 error(s)');
    expect(error?.message).toContain('a: the check strategy needs check_cols');
    expect(error?.message).toContain('b: a snapshot needs a unique_key');
    expect(error?.message).toContain("c: unknown on_schema_change 'explode'");
  });

  it('validates selectors, retries and freshness in strata.config.ts', async () => {
    const load = (extra: string) => loadWorkspace({ projects: [writeProject({ 'strata.config.ts': `export default { name: 'shop', ${extra} };` })] }).then(() => 'ok', (e: Error) => e.message);
    expect(await load("selectors: { a: 'tag:x', b: { select: ['x'], exclude: 'y' } }, retries: { count: 1 }, onRunStart: ['select 1']")).toBe('ok');
    expect(await load('retries: { count: -1 }')).toMatch(/invalid config at 'retries.count'/);
    expect(await load("sources: { raw: { tables: ['t'], freshness: { warnAfter: { count: 1, period: 'week' } } } }")).toMatch(/invalid config at 'sources.raw.freshness.warnAfter.period'/);
    expect(await load("selectors: { a: { exclude: 'x' } }")).toMatch(/invalid config at 'selectors.a/);
  });
});
