import { defineConfig } from 'tsup';

// The Node side only; scripts/build-site.mjs bundles the browser side into dist/site/.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
