#!/usr/bin/env node
/**
 * `pnpm datagen [--scale N] [--seed N] [--out DIR] [--start YYYY-MM] [--months N] [--through YYYY-MM-DD]` — built to dist/datagen-cli.js and run with plain `node`, so it works
 * on Node 20 without a TypeScript loader. Defaults to the package's seeds/ folder: with no
 * arguments it regenerates the committed seeds.
 */
import { fileURLToPath } from 'node:url';
import { runDatagenCli } from './datagen.js';

process.exitCode = await runDatagenCli(process.argv.slice(2), fileURLToPath(new URL('../seeds', import.meta.url)));
