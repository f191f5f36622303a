import { defineConfig } from 'tsup';

/**
 * `index` — projectDir and the marts' zod schemas (models/marts/schema.ts is bundled in).
 * `datagen` — the seed generator, importable as `@strata-domains/<domain>/datagen`.
 * `datagen-cli` — `pnpm datagen`: plain `node`, no TypeScript loader needed on Node 20.
 * `@strata/datagen` is a private devDependency, so tsup bundles it instead of importing it.
 */
export default defineConfig({
  entry: ['src/index.ts', 'src/datagen.ts', 'src/datagen-cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/datagen.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
