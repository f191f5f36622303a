import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchDuckDbSettings, withDuckDbSettings } from '../src/index.js';

const domains = join(import.meta.dirname, '..', '..', '..', 'domains');
const settings = { memoryLimit: '256MB', threads: 2 };

describe("the data benchmarks' DuckDB settings", () => {
  it("are added to the dev target, leaving the rest of the config as it was", () => {
    const config = "  targets: {\n    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb' },\n    postgres: { adapter: 'postgres' },\n  },\n";
    expect(withDuckDbSettings(config, settings)).toBe(
      "  targets: {\n    dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb', memoryLimit: '256MB', threads: 2 },\n    postgres: { adapter: 'postgres' },\n  },\n",
    );
  });

  it.each(['banking', 'ecommerce', 'healthcare', 'logistics', 'streaming'])('reach the dev target of the %s domain', (domain) => {
    const config = readFileSync(join(domains, domain, 'strata.config.ts'), 'utf8');
    const changed = withDuckDbSettings(config, settings);
    expect(changed).toContain("dev: { adapter: 'duckdb', path: '.strata/warehouse.duckdb', memoryLimit: '256MB', threads: 2 }");
    expect(changed.length - config.length).toBe(", memoryLimit: '256MB', threads: 2".length);
  });

  it('refuse a config without a DuckDB dev target instead of benchmarking with the defaults', () => {
    expect(() => withDuckDbSettings("targets: { prod: { adapter: 'postgres' } }", settings)).toThrow("strata.config.ts has no `dev: { adapter: 'duckdb', path: '…' }` target");
  });

  it('grow with the data: the lowest limit every domain builds at with --threads 4', () => {
    expect(benchDuckDbSettings(20_000)).toEqual({ memoryLimit: '256MB', threads: 2 });
    expect(benchDuckDbSettings(1_000_000)).toEqual({ memoryLimit: '256MB', threads: 2 });
    expect(benchDuckDbSettings(10_000_000)).toEqual({ memoryLimit: '1GB', threads: 2 });
  });
});
