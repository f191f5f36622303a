import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/run-benchmarks.ts', 'src/measured-cli.ts', 'src/run-sql-script.ts', 'src/index.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
