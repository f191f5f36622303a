/** @strata-domains/ecommerce — the project folder and the typed schemas of its public marts. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');
