/**
 * The DuckDB settings a data benchmark's two sides share: `strata build` gets them through the
 * projects' `dev` target, the same SQL by hand through the same adapter options — so the ratio
 * compares Strata with DuckDB, not one memory budget with another.
 */
export interface BenchDuckDbSettings {
  /** DuckDB's buffer-manager limit; joins and sorts beyond it spill beside the database file. */
  memoryLimit: string;
  /** DuckDB's threads per query. */
  threads: number;
}

/**
 * What the data benchmarks run with at `rows` rows per domain's largest table: the lowest
 * memory limit at which every domain builds with `--threads 4` at that size (256MB at 1M; 128MB
 * runs out of memory in seed loads and joins that cannot spill; at 10M 256MB runs out in 22
 * nodes), and one DuckDB thread per core of the benchmark machine (2). The 500 MB for
 * the whole process is below what DuckDB itself takes at these limits (see README).
 * @example benchDuckDbSettings(1_000_000) // { memoryLimit: '256MB', threads: 2 }
 */
export function benchDuckDbSettings(rows: number): BenchDuckDbSettings {
  return { memoryLimit: rows > 2_000_000 ? '1GB' : '256MB', threads: 2 };
}

/** The `dev` target every domain's strata.config.ts declares. */
const DEV_TARGET = /(\bdev:\s*\{\s*adapter:\s*'duckdb',\s*path:\s*'[^']*')\s*\}/;

/**
 * A project's strata.config.ts text with its DuckDB `dev` target carrying `settings`. Throws when
 * the config has no such target, rather than benchmarking with DuckDB's defaults unnoticed.
 * @example withDuckDbSettings("dev: { adapter: 'duckdb', path: 'w.duckdb' }", { memoryLimit: '256MB', threads: 2 })
 *          // "dev: { adapter: 'duckdb', path: 'w.duckdb', memoryLimit: '256MB', threads: 2 }"
 */
export function withDuckDbSettings(configText: string, settings: BenchDuckDbSettings): string {
  if (!DEV_TARGET.test(configText)) throw new Error("strata.config.ts has no `dev: { adapter: 'duckdb', path: '…' }` target to give the benchmark's DuckDB settings");
  return configText.replace(DEV_TARGET, `$1, memoryLimit: '${settings.memoryLimit}', threads: ${settings.threads} }`);
}
