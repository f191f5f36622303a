/**
 * The by-hand side of the data benchmark, in a process of its own like `strata build`: opens the
 * DuckDB file through the same adapter with the same settings and runs a JSON list of
 * statements one after another on one connection. Reports the process's peak RSS and CPU time on stderr;
 * wall time is measured from outside, as for `strata build`.
 *
 *   node run-sql-script.js <database> <statements.json> '<settings json>'
 */
import { resourceUsageLines } from './measure.js';
import { readFileSync } from 'node:fs';
import { DuckDbAdapter } from '@strata/adapter-duckdb';

const [database, scriptFile, settings] = process.argv.slice(2);
const statements = JSON.parse(readFileSync(scriptFile!, 'utf8')) as string[];
const adapter = await DuckDbAdapter.open({ path: database!, ...(JSON.parse(settings ?? '{}') as object) });
try {
  const connection = await adapter.connect();
  for (const sql of statements) await connection.query(sql);
} finally {
  await adapter.close();
}
process.stderr.write(resourceUsageLines());
