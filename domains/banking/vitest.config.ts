import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests build the project (or a scratch copy with fixture seeds) into their own DuckDB files.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
