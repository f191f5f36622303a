/**
 * The streaming seed generator, for TypeScript callers inside the workspace (benchmarks, tests).
 * The code lives in src/datagen.ts. On plain Node 20 run `pnpm datagen --scale 10` (it builds
 * and runs dist/datagen-cli.js); published consumers import `@strata-domains/streaming/datagen`.
 * Executed directly by a TypeScript runner that sets argv[1] to this file (such as tsx), it
 * runs the same command line.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDatagenCli } from './src/datagen.js';

export * from './src/datagen.js';

// Run only when executed directly (`tsx datagen.ts …`), never on import.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await runDatagenCli(process.argv.slice(2), fileURLToPath(new URL('./seeds', import.meta.url)));
}
