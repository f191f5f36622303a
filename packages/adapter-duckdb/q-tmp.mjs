import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const sql = process.argv[2];
for (const s of sql.split(';;')) {
  try { const r = await c.runAndReadAll(s); console.log(JSON.stringify(r.getRowObjectsJS(), (k,v)=>typeof v==='bigint'?Number(v):v)); } catch (e) { console.log('ERR', e.message); }
}
