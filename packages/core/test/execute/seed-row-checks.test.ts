import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection, SeedNode } from '../../src/index.js';
import { checkSeedRows, withSeedDiagnosis } from '../../src/execute/seed-row-checks.js';
import type { Worker } from '../../src/execute/execute-node.js';
import { testDialect, writeProject } from '../helpers.js';

/** A connection answering every query with one row, and recording what it was asked. */
function recording(row: Record<string, unknown>): { connection: Connection; queries: string[] } {
  const queries: string[] = [];
  const connection = {
    query: async (sql: string) => (queries.push(sql), [row]),
    execute: async () => ({ rowsAffected: 0 }),
    transaction: async () => [],
    cancel: async () => undefined,
    close: async () => undefined,
  } as unknown as Connection;
  return { connection, queries };
}

function seed(file: string): SeedNode {
  return {
    uniqueId: 'seed.shop.people',
    name: 'people',
    resourceType: 'seed',
    file,
    delimiter: ',',
    columns: [{ name: 'id', type: 'integer' }, { name: 'status', type: 'string' }],
    validation: [
      { name: 'not_null_people_id', check: { kind: 'not_null', column: 'id' } },
      { name: 'accepted_values_people_status', check: { kind: 'accepted_values', column: 'status', values: ['active', 'closed'] } },
    ],
  } as unknown as SeedNode;
}

const temporary = { schema: 'raw', name: '__strata_tmp_people' };

describe('seed row checks in the warehouse', () => {
  it('passes a seed whose scan finds nothing, without reading the file', async () => {
    const { connection, queries } = recording({ element_count: 3, u0: 0, u1: 0 });
    // The file does not exist: reading it line by line would throw ENOENT.
    await checkSeedRows({ connection, adapter: { dialect: testDialect } } as unknown as Worker, seed('/nonexistent/people.csv'), temporary);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('from "raw"."__strata_tmp_people"');
    expect(queries[0]).toContain('count(*) - count("id")');
  });

  it('names the bad lines when the scan finds a bad value', async () => {
    const root = writeProject({ 'seeds/people.csv': 'id,status\n1,active\n2,paused\n' });
    const { connection } = recording({ element_count: 2, u0: 0, u1: 1 });
    const run = checkSeedRows({ connection, adapter: { dialect: testDialect } } as unknown as Worker, seed(join(root, 'seeds', 'people.csv')), temporary);
    await expect(run).rejects.toMatchObject({ code: 'E_SEED_INVALID', line: 3 });
    await expect(run).rejects.toThrow("line 3: status 'paused' is not one of 'active', 'closed' (accepted_values_people_status)");
  });

  it('loads what the line reader accepts when the scan and the reader disagree', async () => {
    const root = writeProject({ 'seeds/people.csv': 'id,status\n1,active\n' });
    const { connection } = recording({ element_count: 1, u0: 0, u1: 1 });
    await expect(checkSeedRows({ connection, adapter: { dialect: testDialect } } as unknown as Worker, seed(join(root, 'seeds', 'people.csv')), temporary)).resolves.toBeUndefined();
  });

  it('turns a refused load into the lines that caused it', async () => {
    const root = writeProject({ 'seeds/people.csv': 'id,status\n1,active\ntwo,active\n' });
    const file = join(root, 'seeds', 'people.csv');
    const load = withSeedDiagnosis(seed(file), async () => {
      throw new Error("Could not convert string 'two' to INT32");
    });
    await expect(load).rejects.toMatchObject({ code: 'E_SEED_INVALID', line: 3 });
    writeFileSync(file, 'id,status\n1,active\n');
    // A file the reader finds nothing wrong with keeps the warehouse's own error.
    await expect(withSeedDiagnosis(seed(file), async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
  });
});
