import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The CLI's source (imported by the CLI tests) reaches this adapter by its package name:
    // point that at our source, so the tests never run against a stale build.
    alias: [
      { find: /^@strata\/adapter-postgres\/factory$/, replacement: fileURLToPath(new URL('./src/postgres-factory.ts', import.meta.url)) },
      { find: /^@strata\/adapter-postgres$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    // Files share one Postgres server; each uses its own schemas, and builds are CPU-heavy.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
