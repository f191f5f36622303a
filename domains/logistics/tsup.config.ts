import { defineConfig } from 'tsup';

// `datagen-cli` is built to plain JavaScript because Node 20 cannot run the `.ts` source;
// @strata/datagen (a private workspace package) is bundled into it, not a runtime dependency.
export default defineConfig({
  entry: ['src/index.ts', 'src/datagen.ts', 'src/datagen-cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/datagen.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
