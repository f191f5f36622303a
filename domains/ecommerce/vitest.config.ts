import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test builds the project into its own DuckDB file; a full build takes about a second.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
