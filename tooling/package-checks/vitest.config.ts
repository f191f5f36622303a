import { defineConfig } from 'vitest/config';

// Every package is packed once (test/global-setup.ts) and the test files read the tarballs.
export default defineConfig({
  test: { globalSetup: ['test/global-setup.ts'], testTimeout: 120_000, hookTimeout: 300_000 },
});
