import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemporaryWarehouse } from '../src/index.js';

describe('TemporaryWarehouse', () => {
  it('builds a project into its own file and answers queries', async () => {
    const root = mkdtempSync(join(tmpdir(), 'testkit-'));
    writeFileSync(join(root, 'strata.config.ts'), "export default { name: 'kit', targets: { dev: { adapter: 'duckdb', path: '/nonexistent/never.duckdb' } } };");
    mkdirSync(join(root, 'models'));
    writeFileSync(join(root, 'models/answer.sql'), "{{ config(materialized='table') }}\nselect 42 as answer");
    const warehouse = new TemporaryWarehouse();
    const summary = await warehouse.run([root]);
    expect(summary.results.map((r) => [r.name, r.status, r.rowsAffected])).toEqual([['answer', 'success', 1]]);
    expect(await warehouse.query('select answer from kit.answer')).toEqual([{ answer: 42 }]);
    warehouse.dispose();
  });
});
