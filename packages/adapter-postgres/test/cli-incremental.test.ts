import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@strata/core';
import type { PostgresAdapter } from '../src/index.js';
import { ENV_TARGET, strata, writeProject } from './cli-project.js';
import { openPg, uniqueSchema } from './pg-env.js';

const schema = uniqueSchema('strata_inc');

/** Orders as the loader exports them; the second export changes order 2 and adds order 3. */
const FIRST = 'order_id,status,updated_at\n1,placed,2024-01-01 10:00:00\n2,placed,2024-01-01 11:00:00\n';
const SECOND = 'order_id,status,updated_at\n1,placed,2024-01-01 10:00:00\n2,shipped,2024-01-02 09:00:00\n3,placed,2024-01-02 12:00:00\n';

describe('incremental models and snapshots on Postgres, through the CLI', () => {
  let root: string;
  let adapter: PostgresAdapter;
  let db: Connection;
  const q = (sql: string) => db.query(sql);

  beforeAll(async () => {
    const target = ENV_TARGET.replace("adapter: 'postgres',", `adapter: 'postgres', schema: '${schema}',`);
    root = writeProject(
      'inc',
      target,
      {
        'seeds/orders.csv': FIRST,
        'models/marts/order_status.sql': [
          "{{ config(materialized='incremental', unique_key='order_id', incremental_strategy='merge') }}",
          'select order_id, status, updated_at from {{ ref("orders") }}',
          '{% if is_incremental() %}where updated_at > (select max(updated_at) from {{ this }}){% endif %}',
        ].join('\n'),
        'models/marts/order_log.sql': [
          "{{ config(materialized='incremental', incremental_strategy='append') }}",
          'select order_id, status from {{ ref("orders") }}',
          '{% if is_incremental() %}where updated_at > (select max(updated_at) from {{ ref("order_status") }}) - interval \'1 day\'{% endif %}',
        ].join('\n'),
        'snapshots/orders_snapshot.sql': [
          "{{ config(unique_key='order_id', strategy='timestamp', updated_at='updated_at') }}",
          'select * from {{ ref("orders") }}',
        ].join('\n'),
      },
    );
    adapter = await openPg();
    db = await adapter.connect();
  });
  afterAll(async () => {
    const schemas = await db.query<{ nspname: string }>(`select nspname from pg_namespace where starts_with(nspname, '${schema}')`);
    for (const { nspname } of schemas) await db.execute(`DROP SCHEMA "${nspname}" CASCADE`);
    await adapter.close();
  });

  it('creates, then merges and snapshots the changes of a second export', async () => {
    const first = await strata(['build', '--project', root], root);
    expect([first.code, first.err]).toEqual([0, '']);
    writeFileSync(join(root, 'seeds/orders.csv'), SECOND);
    const second = await strata(['build', '--project', root], root);
    expect([second.code, second.err]).toEqual([0, '']);
    expect(second.out).toMatch(/model inc\.order_status .*incremental merge/);

    const at = (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
    // Merge: order 2 updated in place, order 3 inserted; order 1 untouched.
    expect(await q(`select order_id, status from "${schema}_marts".order_status order by order_id`)).toEqual([
      { order_id: 1, status: 'placed' },
      { order_id: 2, status: 'shipped' },
      { order_id: 3, status: 'placed' },
    ]);
    // Append: the first run's two rows, then the rows updated after 2024-01-01 11:00 (order 2 shipped, order 3).
    expect(await q(`select order_id, status from "${schema}_marts".order_log order by order_id, status`)).toEqual([
      { order_id: 1, status: 'placed' },
      { order_id: 2, status: 'placed' },
      { order_id: 2, status: 'shipped' },
      { order_id: 3, status: 'placed' },
    ]);
    // Snapshot: order 2's first version closed when the second began.
    expect(await q(`select order_id, status, valid_from, valid_to from "${schema}_snapshots".orders_snapshot order by order_id, valid_from`)).toEqual([
      { order_id: 1, status: 'placed', valid_from: at('2024-01-01 10:00:00'), valid_to: null },
      { order_id: 2, status: 'placed', valid_from: at('2024-01-01 11:00:00'), valid_to: at('2024-01-02 09:00:00') },
      { order_id: 2, status: 'shipped', valid_from: at('2024-01-02 09:00:00'), valid_to: null },
      { order_id: 3, status: 'placed', valid_from: at('2024-01-02 12:00:00'), valid_to: null },
    ]);
  });
});
