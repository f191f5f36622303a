import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BENCH_POSTGRES_TARGET } from './postgres-server.js';

/**
 * The `postgres` target every domain declares: connection from libpq's PG* variables, default
 * schemas, and maybe session settings (kept: they are part of how the domain runs on Postgres).
 */
const DOMAIN_POSTGRES_TARGET = /postgres: \{ adapter: 'postgres'(?:, sessionSettings: (\{[^{}]*\}))? \}/;
const TARGETS = /targets: \{/;

/** What a project copy must not share with its source: the build's own output. */
const OWN_OUTPUT = new Set(['strata.config.ts', 'target', 'logs', '.strata', '.generated']);

/**
 * A domain's `strata.config.ts` with a `postgres` target on the benchmark server and base schema
 * `schema` (so the build's schemas are `<schema>_raw`, `<schema>_marts`, …, which the benchmark
 * owns and drops): the domain's own `postgres` target replaced, or one added to its `targets`
 * (copies made before the domains had one).
 * @example withBenchPostgresTarget(text, 'strata_bench_data_ecommerce')
 */
export function withBenchPostgresTarget(configText: string, schema: string): string {
  const target = JSON.stringify({ ...BENCH_POSTGRES_TARGET, schema });
  const domainTarget = DOMAIN_POSTGRES_TARGET.exec(configText);
  if (domainTarget) {
    const sessionSettings = domainTarget[1] ? `${target.slice(0, -1)}, sessionSettings: ${domainTarget[1]} }` : target;
    return configText.replace(DOMAIN_POSTGRES_TARGET, `postgres: ${sessionSettings}`);
  }
  if (TARGETS.test(configText)) return configText.replace(TARGETS, `targets: {\n    postgres: ${target},`);
  throw new Error("the project's strata.config.ts has neither a `postgres: { adapter: 'postgres' }` target nor a `targets: {` to add one to");
}

/**
 * Copies of the domain projects under `base` for building on Postgres: each a folder whose
 * models, seeds, macros and tests are links to the source project (the data is not copied) and
 * whose `strata.config.ts` has the benchmark's target with base schema `<prefix><domain>`. The
 * copies keep their own `target/`, so their run results never mix with the DuckDB runs'.
 */
export function postgresProjectCopies(sources: string[], base: string, prefix: string): string[] {
  mkdirSync(base, { recursive: true });
  // A workspace of its own, as prepareDomainsAtScale gives the DuckDB copies.
  writeFileSync(join(base, 'pnpm-workspace.yaml'), 'packages: []\n');
  return sources.map((source) => {
    const domain = basename(source);
    const dir = join(base, domain);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const entry of readdirSync(source)) if (!OWN_OUTPUT.has(entry)) symlinkSync(join(source, entry), join(dir, entry));
    writeFileSync(join(dir, 'strata.config.ts'), withBenchPostgresTarget(readFileSync(join(source, 'strata.config.ts'), 'utf8'), `${prefix}${domain}`));
    return dir;
  });
}
