// @ts-expect-error -- a plain .mjs build script without types
import { buildSite } from '../scripts/build-site.mjs';

/** Bundles src/client into dist/site before any test writes a site. */
export default async function setup(): Promise<void> {
  await buildSite();
}
