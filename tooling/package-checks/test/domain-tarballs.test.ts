import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { publishablePackages, tarballFiles } from '../src/index.js';

const tarballs = inject('tarballs');

/** Files under `dir` of a package folder, relative to the package, sorted. */
function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** What a domain tarball may hold: the project, its built entry points, and npm's own files. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^strata\.config\.ts$/,
  /^dist\/[^/]+\.(js|js\.map|d\.ts)$/,
  /^models\/.+\.(sql|ts)$/,
  /^seeds\/.+\.(csv|ts)$/,
  /^tests\/.+\.sql$/,
  /^macros\/.+\.sql$/,
];

describe.each(publishablePackages().filter((p) => p.domain).map((p) => [p.name, p] as const))('%s tarball', (name, pkg) => {
  const files = tarballFiles(tarballs[name]!);

  it('holds its models, seeds, tests, macros, schemas and built dist — and nothing else', () => {
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    for (const folder of ['models', 'seeds', 'tests', 'macros']) expect(files.filter((f) => f.startsWith(`${folder}/`))).toEqual(filesUnder(pkg.dir, folder));
    // The schemas (contracts, expectations, types) travel with the models.
    expect(files.filter((f) => f.endsWith('/schema.ts')).length).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'strata.config.ts', 'dist/index.js', 'dist/index.d.ts', 'dist/datagen.js', 'dist/datagen.d.ts']));
  });

  it('leaves out sources, tests of the package, generators and build settings', () => {
    for (const prefix of ['src/', 'test/', 'node_modules/', 'target/', '.strata/']) expect(files.filter((f) => f.startsWith(prefix))).toEqual([]);
    expect(files).not.toContain('datagen.ts');
    expect(files).not.toContain('tsconfig.json');
    expect(files).not.toContain('tsup.config.ts');
  });
});

it('lists the ecommerce tarball exactly', () => {
  const ecommerceDir = publishablePackages().find((p) => p.name === '@strata-domains/ecommerce')!.dir;
  const dist = ['dist/datagen-cli.js', 'dist/datagen-cli.js.map', 'dist/datagen.d.ts', 'dist/datagen.js', 'dist/datagen.js.map', 'dist/index.d.ts', 'dist/index.js', 'dist/index.js.map'];
  const shipped = tarballFiles(tarballs['@strata-domains/ecommerce']!).filter((f) => !f.startsWith('dist/chunk-'));
  expect(shipped).toEqual(
    [
      'CHANGELOG.md',
      'README.md',
      ...dist,
      // Macros come and go with the adapters the domain supports; the folder is shipped whole.
      ...filesUnder(ecommerceDir, 'macros'),
      'models/intermediate/int_customer_orders.ts',
      'models/intermediate/schema.ts',
      'models/marts/dim_customers.sql',
      'models/marts/fct_orders.sql',
      'models/marts/schema.ts',
      'models/staging/schema.ts',
      'models/staging/stg_customers.sql',
      'models/staging/stg_orders.sql',
      'models/staging/stg_products.sql',
      'package.json',
      'seeds/country_codes.csv',
      'seeds/customers.csv',
      'seeds/orders.csv',
      'seeds/products.csv',
      'strata.config.ts',
      'tests/high_order_value.sql',
      'tests/revenue_reconciles.sql',
    ].sort(),
  );
});
