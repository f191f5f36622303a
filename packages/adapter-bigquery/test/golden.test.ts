import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Compiler, loadWorkspace, type ModelNode, type TestNode } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { bigqueryAdapterFactory } from '../src/index.js';
import { bigQueryPortabilityProblems, bigQuerySyntaxError } from './sql-syntax.js';

/**
 * Golden files: the BigQuery SQL of every model and snapshot of every domain (domains/* with a
 * strata.config.ts), compiled offline with the BigQuery dialect. Each file must match what the
 * compiler produces now, parse as GoogleSQL (sql-parser-cst's BigQuery grammar) and call no
 * DuckDB/Postgres-only function. `UPDATE_GOLDEN=1` rewrites them.
 */
const root = fileURLToPath(new URL('../../../domains', import.meta.url));
const goldenRoot = fileURLToPath(new URL('./golden', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const target = { name: 'bigquery', adapter: 'bigquery', project: 'strata-golden' };
/** healthcare refuses to compile for a real target without a patient salt: give it a fixed, non-secret one. */
const vars = { patient_salt: 'golden-files-test-salt' };

const domains = readdirSync(root).filter((d) => existsSync(join(root, d, 'strata.config.ts'))).sort();

/**
 * Compiles one domain for BigQuery: its models and snapshots (file name → SQL, the golden
 * files), and its SQL tests (`tests/*.sql` and custom generic tests), checked but not stored.
 */
async function compileDomain(domain: string): Promise<{ models: Map<string, string>; tests: Map<string, string> }> {
  const workspace = await loadWorkspace({ projects: [join(root, domain)] });
  const compiler = new Compiler(workspace.dag, { dialect: bigqueryAdapterFactory.createDialect(target), target, vars, env: {} });
  const own = [...workspace.dag.manifest.nodes.values()].filter((n) => n.project === domain);
  const models = own.filter((n): n is ModelNode => n.resourceType === 'model' || n.resourceType === 'snapshot');
  const tests = own.filter((n): n is TestNode => n.resourceType === 'test' && Boolean((n as unknown as ModelNode).rawSql));
  const compiled = compiler.compileAll([...models, ...tests]);
  const sql = (n: { uniqueId: string }) => `${compiled.get(n.uniqueId)!.sql.trim()}\n`;
  return { models: new Map(models.map((n) => [`${n.name}.sql`, sql(n)])), tests: new Map(tests.map((n) => [`tests/${n.name}`, sql(n)])) };
}

describe.each(domains)('BigQuery SQL of domain %s', (domain) => {
  it('compiles every model to its golden file, each valid GoogleSQL', async () => {
    const { models: compiled, tests } = await compileDomain(domain);
    expect(compiled.size).toBeGreaterThan(0);
    const dir = join(goldenRoot, domain);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [file, sql] of compiled) writeFileSync(join(dir, file), sql);
    }
    const stored = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sql')).sort() : [];
    expect(stored, `golden files of ${domain} (run UPDATE_GOLDEN=1 pnpm --filter @strata/adapter-bigquery test to refresh)`).toEqual([...compiled.keys()].sort());
    for (const [file, sql] of compiled) expect(sql, `${domain}/${file} differs from its golden file`).toBe(readFileSync(join(dir, file), 'utf8'));
    const invalid = [...compiled, ...tests].map(([file, sql]) => [file, bigQuerySyntaxError(sql)]).filter(([, error]) => error !== undefined);
    expect(invalid, `models of ${domain} that are not valid GoogleSQL`).toEqual([]);
    const unportable = [...compiled, ...tests].flatMap(([file, sql]) => bigQueryPortabilityProblems(sql).map((problem) => `${file}: ${problem}`));
    expect(unportable, `calls in models of ${domain} that BigQuery does not have`).toEqual([]);
  });
});
