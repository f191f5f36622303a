import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';
import { CASES_DIR, copyCase, overlay, reportedErrors, strataJson } from './run-case.js';
import { snapshotWarehouse } from './warehouse-snapshot.js';

/**
 * The bad-input corpus (see README.md): each folder under cases/ is a small project with one
 * thing wrong. The project is first built in a good state, then the bad one is run; the exact
 * errors (type, code, file, line, text) and the exit code must come out, and every relation of
 * the warehouse must keep its rows (count and checksum) — or, for input that must load, the
 * loaded rows are checked.
 */
async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const adapter = await DuckDbAdapter.open({ path });
  try {
    return await (await adapter.connect()).query(sql);
  } finally {
    await adapter.close();
  }
}

describe('the warehouse snapshot', () => {
  it('notices a changed value, a dropped row and a redefined view', async () => {
    const { root, warehouse } = copyCase('invalid-selector');
    expect((await strataJson(['build'], root)).code).toBe(0);
    const before = await snapshotWarehouse(warehouse);
    expect(before.map((r) => [r.relation, r.kind, r.rows])).toEqual([
      ['bad_marts.revenue', 'BASE TABLE', 1],
      ['bad_raw.orders', 'BASE TABLE', 3],
      ['bad_staging.stg_orders', 'VIEW', 3],
    ]);
    for (const change of ["update bad_raw.orders set status = 'x' where order_id = 2", 'delete from bad_raw.orders where order_id = 3', 'create or replace view bad_staging.stg_orders as select * from bad_raw.orders where false']) {
      const adapter = await DuckDbAdapter.open({ path: warehouse });
      await (await adapter.connect()).execute(change);
      await adapter.close();
      const after = await snapshotWarehouse(warehouse);
      expect(after, change).not.toEqual(before);
    }
  });
});

describe('bad input corpus', () => {
  for (const name of readdirSync(CASES_DIR).sort()) {
    it(name, async () => {
      const { root, warehouse, spec } = copyCase(name);
      if (spec.good) {
        const restore = overlay(root, spec.good);
        const good = await strataJson(['build'], root);
        expect(good.code, `the good version of ${name} builds: ${JSON.stringify(reportedErrors(good.events, root))} ${good.err}`).toBe(0);
        restore();
      }
      const before = await snapshotWarehouse(warehouse);
      const run = await strataJson(spec.args, root);
      if (process.env.STRATA_RECORD_BAD_INPUT) writeFileSync(join(process.env.STRATA_RECORD_BAD_INPUT, `${name}.json`), JSON.stringify({ exit: run.code, errors: reportedErrors(run.events, root) }, null, 2));
      expect(reportedErrors(run.events, root)).toEqual(spec.expect.errors ?? []);
      expect(run.code).toBe(spec.expect.exit);
      if (spec.expect.rows) {
        for (const { sql, rows } of spec.expect.rows) expect(await query(warehouse, sql), sql).toEqual(rows);
      } else {
        expect(before.length, 'the good build left relations to protect').toBeGreaterThan(0);
        expect(await snapshotWarehouse(warehouse)).toEqual(before);
      }
    });
  }
});
