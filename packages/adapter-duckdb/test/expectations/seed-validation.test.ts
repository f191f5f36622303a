import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@strata/core';
import { FixtureWarehouse } from './run-fixture.js';

/** Seeds are validated against their zod schema on load; bad lines are reported by line number. */
const BAD = [
  'id,email,age,status,joined,note,nickname',
  '1,ann@example.com,34,active,2024-01-05,fine,Ann',
  '2,bo@example.com,abc,active,2024-01-06,,Bo',
  '3,cy@example.com,40,paused,2024-01-07,,Cy',
  '4,di@example.com,41,active,2024-01-08,"a note',
  'on two lines",Di',
  '5,nope,42,closed,2024-01-09,,Ed',
  ',fay@example.com,43,closed,2024-01-10,,Fay',
  '7,gus@example.com,200,closed,2024-02-30,,Gus',
].join('\n');

describe('seed validation on DuckDB', () => {
  const warehouse = new FixtureWarehouse();
  const project = warehouse.copy('seeds');
  let good: RunSummary;
  let bad: RunSummary;
  beforeAll(async () => {
    good = await warehouse.run(project, 'build');
    writeFileSync(join(project, 'seeds', 'people.csv'), BAD);
    bad = await warehouse.run(project, 'seed');
  }, 60_000);
  afterAll(() => warehouse.dispose());

  it('loads a valid seed; warn-severity checks are left to the tests', () => {
    expect(good.results.find((r) => r.name === 'people')).toMatchObject({ status: 'success', rowsAffected: 2 });
    expect(good.results.find((r) => r.name === 'length_between_people_nickname')).toMatchObject({ status: 'warn', failures: 1 });
  });

  it('refuses a seed with bad lines, naming each line, column and rule', () => {
    const r = bad.results.find((x) => x.name === 'people')!;
    expect(r.status).toBe('error');
    expect(r.error).toMatchObject({ code: 'E_SEED_INVALID', line: 3 });
    expect(r.message).toContain(
      [
        "seed 'people' has 5 lines that break its schema:",
        "  line 3: age 'abc' is not an integer",
        "  line 4: status 'paused' is not one of 'active', 'closed' (accepted_values_people_status)",
        "  line 7: email 'nope' does not match the email format (matches_pattern_people_email)",
        '  line 8: id is null (not_null_people_id)',
        "  line 9: age 200 is out of range [0, 150] (between_people_age)",
        "  line 9: joined '2024-02-30' is not a date (YYYY-MM-DD)",
      ].join('\n'),
    );
  });

  it('keeps the previous table', async () => {
    expect(await warehouse.query('select id, note from "seeds_raw"."people" order by id')).toEqual([
      { id: 1, note: 'likes "quotes", commas' },
      { id: 2, note: null },
    ]);
  });
});
