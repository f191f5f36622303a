import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { csv, Warehouse, writeFiles, writeProject } from './support/warehouse.js';

const HEADER = 'customer_id,tier,city,updated_at';
const T1 = '2024-01-01 08:00:00';
const T2 = '2024-01-05 08:00:00';
const V1 = [[1, 'gold', 'Paris', T1], [2, 'silver', 'Lyon', T1], [3, 'bronze', 'Nice', T1]];
// 1 moves up a tier, 2 is touched without a change, 3 is deleted, 4 is new.
const V2 = [[1, 'platinum', 'Paris', T2], [2, 'silver', 'Lyon', T2], [4, 'gold', 'Lille', T2]];
const RUN = [new Date('2024-02-01T00:00:00Z'), new Date('2024-02-02T00:00:00Z'), new Date('2024-02-03T00:00:00Z')];

const FILES = {
  'snapshots/customers.sql': [
    '{% snapshot customers_ts %}',
    "{{ config(unique_key='customer_id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=true) }}",
    "select * from {{ source('raw', 'customers') }}",
    '{% endsnapshot %}',
  ].join('\n'),
  // Without a block: the file name is the snapshot's name.
  'snapshots/customers_check.sql': "{{ config(unique_key=['customer_id'], strategy='check', check_cols=['tier', 'city']) }}\nselect customer_id, tier, city, updated_at from {{ source('raw', 'customers') }}",
};

const at = (s: string) => new Date(s.replace(' ', 'T') + 'Z');
const COLUMNS = 'customer_id, tier, valid_from, valid_to, is_current';

describe('snapshots (SCD type 2)', () => {
  const w = new Warehouse();
  const runs: RunSummary[] = [];
  let root: string;
  beforeAll(async () => {
    root = writeProject({ 'seeds/customers.csv': csv(HEADER, V1), ...FILES });
    runs.push(await w.ok(root, 'build', { snapshotTime: RUN[0] }));
    writeFiles(root, { 'seeds/customers.csv': csv(HEADER, V2) });
    runs.push(await w.ok(root, 'build', { snapshotTime: RUN[1] }));
    runs.push(await w.ok(root, 'build', { snapshotTime: RUN[2] }));
  });
  afterAll(() => w.dispose());

  it('builds into <schema>_snapshots and reports what each run recorded', () => {
    const message = (run: RunSummary, name: string) => run.results.find((r) => r.name === name)!.message;
    expect(runs[0]!.results.find((r) => r.name === 'customers_ts')!.relation).toBe('"shop_snapshots"."customers_ts"');
    expect(message(runs[0]!, 'customers_ts')).toBe('snapshot created');
    expect(message(runs[1]!, 'customers_ts')).toBe('snapshot: 3 new versions, 3 closed');
    expect(message(runs[1]!, 'customers_check')).toBe('snapshot: 2 new versions, 1 closed');
    expect(message(runs[2]!, 'customers_ts')).toBe('snapshot: 0 new versions, 0 closed');
    expect(message(runs[2]!, 'customers_check')).toBe('snapshot: 0 new versions, 0 closed');
  });

  it('timestamp strategy: a version per updated_at, closed at the next one; deleted rows closed at the run time', async () => {
    expect(await w.query(`select ${COLUMNS} from shop_snapshots.customers_ts order by customer_id, valid_from`)).toEqual([
      { customer_id: 1, tier: 'gold', valid_from: at(T1), valid_to: at(T2), is_current: false },
      { customer_id: 1, tier: 'platinum', valid_from: at(T2), valid_to: null, is_current: true },
      { customer_id: 2, tier: 'silver', valid_from: at(T1), valid_to: at(T2), is_current: false },
      { customer_id: 2, tier: 'silver', valid_from: at(T2), valid_to: null, is_current: true },
      { customer_id: 3, tier: 'bronze', valid_from: at(T1), valid_to: RUN[1], is_current: false },
      { customer_id: 4, tier: 'gold', valid_from: at(T2), valid_to: null, is_current: true },
    ]);
    const [ids] = await w.query<{ n: number; d: number }>('select count(*) as n, count(distinct strata_scd_id) as d from shop_snapshots.customers_ts');
    expect(ids).toEqual({ n: 6, d: 6 });
  });

  it('check strategy: a version only when a checked column changed; deletes ignored unless asked', async () => {
    expect(await w.query(`select ${COLUMNS}, updated_at from shop_snapshots.customers_check order by customer_id, valid_from`)).toEqual([
      { customer_id: 1, tier: 'gold', valid_from: RUN[0], valid_to: RUN[1], is_current: false, updated_at: at(T1) },
      { customer_id: 1, tier: 'platinum', valid_from: RUN[1], valid_to: null, is_current: true, updated_at: at(T2) },
      { customer_id: 2, tier: 'silver', valid_from: RUN[0], valid_to: null, is_current: true, updated_at: at(T1) },
      { customer_id: 3, tier: 'bronze', valid_from: RUN[0], valid_to: null, is_current: true, updated_at: at(T1) },
      { customer_id: 4, tier: 'gold', valid_from: RUN[1], valid_to: null, is_current: true, updated_at: at(T2) },
    ]);
  });

  it('a deleted row that comes back gets a new current version; `strata snapshot` runs snapshots only', async () => {
    const T3 = '2024-01-09 08:00:00';
    writeFiles(root, { 'seeds/customers.csv': csv(HEADER, [...V2, [3, 'bronze', 'Nice', T3]]) });
    await w.ok(root, 'seed');
    const run = await w.ok(root, 'snapshot', { snapshotTime: new Date('2024-02-04T00:00:00Z') });
    expect(run.results.map((r) => r.name).sort()).toEqual(['customers_check', 'customers_ts']);
    expect(await w.query(`select ${COLUMNS} from shop_snapshots.customers_ts where customer_id = 3 order by valid_from`)).toEqual([
      { customer_id: 3, tier: 'bronze', valid_from: at(T1), valid_to: RUN[1], is_current: false },
      { customer_id: 3, tier: 'bronze', valid_from: at(T3), valid_to: null, is_current: true },
    ]);
  });

  it('rejects a snapshot without its strategy settings when parsing, naming the file and line', async () => {
    const bad = writeProject({ 'seeds/customers.csv': csv(HEADER, V1), 'snapshots/bad.sql': "\n\n{% snapshot s %}\n{{ config(unique_key='customer_id', strategy='timestamp') }}\nselect 1 as customer_id\n{% endsnapshot %}" });
    const error = await w.run(bad).then(() => undefined, (e: unknown) => e as { code: string; file: string; line: number; message: string });
    expect(error).toMatchObject({ code: 'E_NODE_CONFIG', line: 3, message: 's: the timestamp strategy needs updated_at' });
  });
});
