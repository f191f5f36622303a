import { afterAll } from 'vitest';
import { adapterSuite } from '@strata/testkit';
import { openPg, uniqueSchema } from './pg-env.js';

const schema = uniqueSchema('strata_suite');

adapterSuite('postgres', () => openPg(), schema);

afterAll(async () => {
  const adapter = await openPg();
  const connection = await adapter.connect();
  await connection.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await adapter.close();
});
