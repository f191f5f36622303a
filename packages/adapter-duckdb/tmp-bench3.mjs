import { z } from 'zod';
import { collectChecks, compileSuite } from '@strata/core';
import { DuckDbAdapter } from './dist/index.js';
const adapter = await DuckDbAdapter.open({ path: ':memory:' }); const c = await adapter.connect();
await c.execute(`create table orders as select i as id, case when i%2=0 then 'placed' else 'shipped' end as status, (i%1000)/10 as amount, 'u'||i||'@x.com' as email, timestamp '2024-01-01' + (i%28) * interval '1 day' as created from range(1000000) t(i)`);
const checks = collectChecks('orders', { columns: z.object({
  id: z.number().int().meta({ unique: true, expect: { increasing: { by: 'id' }, min: { min: 0 }, max: { max: 1e7 } } }),
  status: z.enum(['placed','shipped']).meta({ expect: { distinct_values_equal: ['placed','shipped'], not_in: ['x'] } }),
  amount: z.number().min(0).max(1000).meta({ expect: { mean: { min: 0 }, median: { min: 0 }, stdev: { max: 1000 }, z_score: { max: 5 } } }),
  email: z.email().min(3),
  created: z.date().meta({ expect: { distinct_count: { min: 1 } } }),
}) }).checks.map((ch, i) => ({ id: String(i), name: ch.name, check: ch.check, options: ch.options }));
const time = async (label, sql) => { await c.query(sql); const t = Date.now(); for (let k=0;k<3;k++) await c.query(sql); const ms = (Date.now()-t)/3; console.log(label.padEnd(40), ms.toFixed(0)+'ms'); return ms; };
const all = await time('all', compileSuite(adapter.dialect, 'orders', checks).sql);
let sum = 0;
for (const ch of checks) sum += await time('only ' + ch.name, compileSuite(adapter.dialect, 'orders', [ch]).sql);
console.log('sum of singles', sum.toFixed(0));
for (const ch of checks) await time('without ' + ch.name, compileSuite(adapter.dialect, 'orders', checks.filter(x => x !== ch)).sql);
await adapter.close();
