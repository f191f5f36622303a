/**
 * Deterministic generator of the ecommerce domain's raw tables: `orders`, `customers`,
 * `products` (the nightly export of the shop database) and the `country_codes` reference seed.
 *
 * The rows look like a real export, dirt included, so that the staging models have something to
 * clean: mixed timestamp formats and time zones, statuses in stray case and whitespace, blank and
 * missing names and emails, prices written as `"$1,200.00"`, `"1200"` or `"12.5"`, country codes
 * in lower case or as `UK`, and a few orders exported twice.
 *
 * Everything follows from the seed: the same `{ scale, seed }` gives byte-identical files on every
 * machine. Rows are streamed to disk, so `scale: 3400` (about ten million orders) runs in constant
 * memory apart from one byte per customer and four per product.
 *
 * The committed `seeds/*.csv` are `generateEcommerce({ scale: 1, seed: 42, outDir: 'seeds' })`.
 */
import { resolve } from 'node:path';
import { countAtScale, messyCase, messyTimestamp, parseDatagenArgs as parseArgs, Rng, writeCsv, type CsvValue } from '@strata/datagen';

/** Scale of the committed seeds: about 3,000 orders. */
export const DEFAULT_SCALE = 1;
/** Seed of the committed seeds. */
export const DEFAULT_SEED = 42;
/** Orders per unit of scale. */
export const ORDERS_PER_SCALE = 3000;
/**
 * The shop's fraud rule, mirrored by `vars.high_order_value` in strata.config.ts and checked by
 * `tests/high_order_value.sql`: a completed order above this amount needs a customer with an
 * email address, so such orders from customers without one are cancelled.
 */
export const HIGH_ORDER_VALUE = 1000;
/** Orders are placed in [ORDERS_START, ORDERS_END), UTC: six months. */
export const ORDERS_START = Date.UTC(2024, 0, 1);
export const ORDERS_END = Date.UTC(2024, 6, 1);

/** Header of each generated file, in order. These are the raw tables' column names. */
export const HEADERS = {
  orders: ['OrderID', 'CustomerID', 'ProductID', 'Quantity', 'UnitPrice', 'Status', 'CreatedAt'],
  customers: ['id', 'first_name', 'last_name', 'email', 'country', 'created_at'],
  products: ['id', 'name', 'category', 'price'],
  country_codes: ['code', 'name'],
} as const;

export type EcommerceTable = keyof typeof HEADERS;

/** ISO 3166 codes of the countries customers live in, with a weight for how common each is. */
export const COUNTRIES: ReadonlyArray<readonly [code: string, name: string, weight: number]> = [
  ['US', 'United States', 30],
  ['GB', 'United Kingdom', 12],
  ['DE', 'Germany', 10],
  ['FR', 'France', 8],
  ['CA', 'Canada', 6],
  ['AU', 'Australia', 5],
  ['NL', 'Netherlands', 4],
  ['ES', 'Spain', 4],
  ['IT', 'Italy', 4],
  ['SE', 'Sweden', 2],
  ['NO', 'Norway', 1],
  ['DK', 'Denmark', 1],
  ['FI', 'Finland', 1],
  ['IE', 'Ireland', 2],
  ['BE', 'Belgium', 2],
  ['AT', 'Austria', 1],
  ['CH', 'Switzerland', 1],
  ['PL', 'Poland', 2],
  ['PT', 'Portugal', 1],
  ['JP', 'Japan', 2],
  ['BR', 'Brazil', 2],
  ['MX', 'Mexico', 2],
  ['IN', 'India', 3],
  ['NZ', 'New Zealand', 1],
  ['SG', 'Singapore', 1],
  ['ZA', 'South Africa', 1],
];

/** Product categories with their list price range in cents. */
export const CATEGORIES: ReadonlyArray<readonly [name: string, minCents: number, maxCents: number]> = [
  ['electronics', 1_999, 149_999],
  ['home', 999, 39_999],
  ['apparel', 999, 19_999],
  ['books', 499, 5_999],
  ['toys', 799, 9_999],
  ['sports', 1_499, 59_999],
  ['beauty', 599, 9_999],
  ['garden', 999, 79_999],
];

const FLAGSHIP_CATEGORIES = new Set(['electronics', 'sports', 'garden']);

const PRODUCT_NOUNS: Record<string, string[]> = {
  electronics: ['Headphones', 'Laptop', 'Monitor', 'Speaker', 'Camera', 'Tablet', 'Smartwatch', 'Keyboard'],
  home: ['Desk Lamp', 'Throw Blanket', 'Coffee Maker', 'Cookware Set', 'Bookshelf', 'Rug'],
  apparel: ['Rain Jacket', 'Trail Shoes', 'Wool Sweater', 'Denim Jeans', 'Running Shorts', 'Beanie'],
  books: ['Cookbook', 'Travel Guide', 'Novel', 'Field Guide', 'Poetry Collection'],
  toys: ['Puzzle', 'Building Set', 'Board Game', 'Plush Bear', 'Kite'],
  sports: ['Yoga Mat', 'Road Bike', 'Tennis Racket', 'Kettlebell', 'Tent', 'Climbing Rope'],
  beauty: ['Face Cream', 'Shampoo', 'Perfume', 'Lip Balm', 'Sunscreen'],
  garden: ['Garden Hose', 'Lawn Mower', 'Planter', 'Pruning Shears', 'Patio Heater'],
};

const ADJECTIVES = ['Classic', 'Essential', 'Compact', 'Deluxe', 'Signature', 'Ultra', 'Eco', 'Premium', 'Everyday', 'Pro', 'Mini', 'Vintage'];

const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Dennis', 'Frances',
  'Ken', 'Radia', 'Tim', 'Hedy', 'Linus', 'Sophie', 'John', 'Mary', 'James', 'Olivia',
  'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Yuki', 'Hiro',
  'Priya', 'Arjun', 'Chloé', 'Zoë', 'José', 'Sven', 'Ingrid', 'Fatima', 'Omar', 'Wei',
  'Aoife', 'Seán', 'Lena', 'Jonas', 'Sofia', 'Marco', 'Elena', 'Pedro', 'Ana', 'Kofi',
];

const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Ritchie', 'Allen',
  'Thompson', 'Perlman', 'Berners-Lee', 'Lamarr', 'Torvalds', 'Wilson', 'Smith', 'Brown', 'García', 'Müller',
  'Martin', 'Rossi', 'Tanaka', 'Sato', 'Patel', 'Sharma', 'Dubois', 'Silva', 'Kowalski', 'Nielsen',
  "O'Brien", 'Murphy', 'Schmidt', 'Jansen', 'Andersson', 'Haddad', 'Chen', 'Wang', 'Nguyen', 'Mensah',
];

const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'shop.example'];

/** Options of `generateEcommerce`. */
export interface GenerateOptions {
  /** Size multiplier: about `3000 × scale` orders. Default 1 (the committed seeds). */
  scale?: number;
  /** Random seed; the same seed gives the same files. Default 42. */
  seed?: number;
  /** Folder the CSV files are written to (created if missing). */
  outDir: string;
}

/** What `generateEcommerce` wrote. */
export interface GenerateResult {
  outDir: string;
  scale: number;
  seed: number;
  /** Rows written per file (orders include the duplicated export rows). */
  rows: Record<EcommerceTable, number>;
  /** Distinct orders (rows minus duplicates). */
  distinctOrders: number;
  /** Order rows that repeat an earlier order. */
  duplicateOrderRows: number;
  files: Record<EcommerceTable, string>;
}

/** Number of rows of each entity at a scale. */
export function ecommerceSizes(scale: number): { orders: number; customers: number; products: number } {
  return {
    orders: countAtScale(ORDERS_PER_SCALE, scale),
    customers: countAtScale(600, scale, 10),
    products: Math.max(8, Math.round(60 * Math.sqrt(scale))),
  };
}

/** Independent random streams per table, so that one table's size never shifts another's rows. */
function streams(seed: number): { customers: Rng; products: Rng; orders: Rng } {
  const base = seed >>> 0;
  return { customers: new Rng(base ^ 0x9e3779b9), products: new Rng(base ^ 0x85ebca6b), orders: new Rng(base ^ 0xc2b2ae35) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `1234567` → `1,234,567` (not toLocaleString: the output must not depend on the ICU build). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `1234567` cents as one of the ways exports write money: `$12,345.67`, `12345.67`, `12345.6`, `$12345.67`. */
export function messyPrice(rng: Rng, cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = pad(cents % 100);
  let text: string;
  switch (rng.weighted([[0, 4], [1, 3], [2, 2], [3, 1]] as const)) {
    case 0:
      text = `$${thousands(whole)}.${fraction}`;
      break;
    case 1:
      text = `${whole}.${fraction}`;
      break;
    case 2:
      text = String(cents / 100); // 12.5, 1200
      break;
    default:
      text = `$${whole}.${fraction}`;
  }
  return rng.chance(0.03) ? ` ${text} ` : text;
}

/** A UTC instant in one of the timestamp formats seen in the export, including far-away offsets. */
export function messyOrderTimestamp(rng: Rng, date: Date): string {
  if (rng.chance(0.8)) return messyTimestamp(rng, date);
  const offsetMinutes = rng.pick([-300, -420, 330, 60]);
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A name as a hand-typed form leaves it: usually fine, sometimes missing, blank or padded. */
function messyName(rng: Rng, name: string): string | null {
  const roll = rng.next();
  if (roll < 0.03) return null; // empty field
  if (roll < 0.05) return rng.pick([' ', '  ']); // blank
  if (roll < 0.09) return rng.pick([` ${name}`, `${name} `]);
  return name;
}

function emailLocalPart(first: string, last: string): string {
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return `${ascii(first)}.${ascii(last)}`;
}

/** The `country_codes` seed rows. */
export function* countryCodeRows(): Generator<Record<string, CsvValue>> {
  for (const [code, name] of [...COUNTRIES].sort((a, b) => a[0].localeCompare(b[0]))) yield { code, name };
}

/** Per-customer facts the order generator needs, one byte each. */
const HAS_EMAIL = 1;
const ORDERS = 2;

/**
 * Customer rows. Fills `flags[i]` for customer `i` (id `i + 1`): whether they have a usable
 * email and whether they ever order.
 */
export function* customerRows(rng: Rng, count: number, flags: Uint8Array): Generator<Record<string, CsvValue>> {
  const signupStart = Date.UTC(2021, 0, 1);
  const signupSpan = Date.UTC(2024, 0, 1) - signupStart;
  const countries = COUNTRIES.map(([code, , weight]) => [code, weight] as const);
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let email: string | null;
    const emailRoll = rng.next();
    if (emailRoll < 0.05) email = null;
    else if (emailRoll < 0.07) email = rng.pick([' ', '   ']);
    else {
      const address = `${emailLocalPart(first, last)}${rng.int(1, 999)}@${rng.pick(EMAIL_DOMAINS)}`;
      // Hand-typed addresses: stray capitals and spaces.
      email = rng.chance(0.1) ? address.replace(/^./, (c) => c.toUpperCase()) : address;
      if (rng.chance(0.05)) email = email.toUpperCase();
      if (rng.chance(0.05)) email = ` ${email} `;
    }
    const countryRoll = rng.next();
    let country: string | null = rng.weighted(countries);
    if (countryRoll < 0.03) country = null;
    else if (country === 'GB' && rng.chance(0.3)) country = 'UK';
    else if (countryRoll < 0.13) country = country.toLowerCase();
    else if (countryRoll < 0.15) country = ` ${country}`;
    const signedUp = new Date(signupStart + Math.floor(rng.next() * (signupSpan / 1000)) * 1000);
    flags[i] = (email !== null && email.trim() !== '' ? HAS_EMAIL : 0) | (rng.chance(0.88) ? ORDERS : 0);
    yield {
      id: i + 1,
      first_name: messyName(rng, first),
      last_name: messyName(rng, last),
      email,
      country,
      created_at: messyTimestamp(rng, signedUp),
    };
  }
  // Make sure at least one customer orders, however small the scale.
  if (count > 0 && !flags.some((f) => f & ORDERS)) flags[0]! |= ORDERS;
}

/** Product rows. Fills `prices[i]` with product `i`'s (id `i + 1`) list price in cents. */
export function* productRows(rng: Rng, count: number, prices: Int32Array): Generator<Record<string, CsvValue>> {
  for (let i = 0; i < count; i++) {
    const [category, categoryMin, categoryMax] = CATEGORIES[i % CATEGORIES.length]!;
    // The first electronics, sports and garden products are flagships priced over $1,000.
    const flagship = i < CATEGORIES.length && FLAGSHIP_CATEGORIES.has(category);
    const [min, max] = flagship ? [100_000, 250_000] : [categoryMin, categoryMax];
    const logPrice = Math.log(min) + rng.next() * (Math.log(max) - Math.log(min));
    // Mostly x.99, sometimes x.50 or a round x.00 (which some exports then write as '12.5', '25').
    const ending = rng.weighted([[1, 7], [50, 2], [100, 1]] as const);
    const cents = Math.max(99, Math.round(Math.exp(logPrice) / 100) * 100 - ending + (ending === 100 ? 100 : 0));
    prices[i] = cents;
    const name = `${rng.pick(ADJECTIVES)} ${rng.pick(PRODUCT_NOUNS[category]!)}`;
    yield {
      id: i + 1,
      name: rng.chance(0.05) ? ` ${name}` : name,
      category: messyCase(rng, category),
      price: messyPrice(rng, cents),
    };
  }
}

/** One order as the shop knows it, before the export writes it out. */
interface CleanOrder {
  orderId: number;
  customerId: number;
  productId: number;
  quantity: number;
  unitCents: number;
  status: 'completed' | 'cancelled';
  orderedAt: Date;
}

function exportOrder(rng: Rng, order: CleanOrder): Record<string, CsvValue> {
  const status = messyCase(rng, order.status);
  return {
    OrderID: order.orderId,
    CustomerID: order.customerId,
    ProductID: order.productId,
    Quantity: order.quantity,
    UnitPrice: messyPrice(rng, order.unitCents),
    Status: status,
    CreatedAt: messyOrderTimestamp(rng, order.orderedAt),
  };
}

/**
 * Order rows, in the order the shop took them (ids and times increase together; the daily
 * volume triples over the six months). About 0.7% of orders are exported a second time a few
 * rows later, with the same values written differently. `counters.duplicates` counts those.
 */
export function* orderRows(
  rng: Rng,
  count: number,
  customerFlags: Uint8Array,
  productPrices: Int32Array,
  counters: { duplicates: number } = { duplicates: 0 },
): Generator<Record<string, CsvValue>> {
  const span = ORDERS_END - ORDERS_START;
  const customers = customerFlags.length;
  const products = productPrices.length;
  const pending: Array<{ at: number; order: CleanOrder }> = [];
  const quantities = [[1, 60], [2, 25], [3, 10], [4, 3], [5, 2]] as const;
  for (let i = 0; i < count; i++) {
    // Linearly rising volume: invert the CDF of a density going from 1 to 3 across the span.
    const u = (i + rng.next()) / count;
    const position = (Math.sqrt(1 + 8 * u) - 1) / 2;
    const orderedAt = new Date(ORDERS_START + Math.min(span - 1000, Math.floor((position * span) / 1000) * 1000));
    let customer: number;
    do customer = Math.floor(customers * rng.next() ** 1.5);
    while (!(customerFlags[customer]! & ORDERS));
    const product = Math.floor(products * rng.next() ** 1.3);
    const quantity = rng.weighted(quantities);
    const list = productPrices[product]!;
    const unitCents = rng.chance(0.15) ? Math.round(list * (1 - rng.int(1, 6) * 0.05)) : list;
    let status: CleanOrder['status'] = rng.chance(0.11) ? 'cancelled' : 'completed';
    // The fraud rule: no email, no high-value order.
    if (quantity * unitCents > HIGH_ORDER_VALUE * 100 && !(customerFlags[customer]! & HAS_EMAIL)) status = 'cancelled';
    const order: CleanOrder = { orderId: 100_001 + i, customerId: customer + 1, productId: product + 1, quantity, unitCents, status, orderedAt };
    yield exportOrder(rng, order);
    if (rng.chance(0.007)) pending.push({ at: i + rng.int(1, 40), order });
    for (let k = 0; k < pending.length; ) {
      if (pending[k]!.at > i) {
        k++;
        continue;
      }
      counters.duplicates++;
      yield exportOrder(rng, pending.splice(k, 1)[0]!.order);
    }
  }
  for (const { order } of pending) {
    counters.duplicates++;
    yield exportOrder(rng, order);
  }
}

/**
 * Writes `orders.csv`, `customers.csv`, `products.csv` and `country_codes.csv` into `outDir`.
 *
 * @example await generateEcommerce({ scale: 100, seed: 7, outDir: '/tmp/ecommerce-seeds' }) // ~300k orders
 */
export async function generateEcommerce(options: GenerateOptions): Promise<GenerateResult> {
  const scale = options.scale ?? DEFAULT_SCALE;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const sizes = ecommerceSizes(scale);
  const outDir = resolve(options.outDir);
  const rng = streams(seed);
  const files = {
    orders: resolve(outDir, 'orders.csv'),
    customers: resolve(outDir, 'customers.csv'),
    products: resolve(outDir, 'products.csv'),
    country_codes: resolve(outDir, 'country_codes.csv'),
  };
  const customerFlags = new Uint8Array(sizes.customers);
  const productPrices = new Int32Array(sizes.products);
  const counters = { duplicates: 0 };
  const rows = {
    country_codes: await writeCsv(files.country_codes, [...HEADERS.country_codes], countryCodeRows()),
    customers: await writeCsv(files.customers, [...HEADERS.customers], customerRows(rng.customers, sizes.customers, customerFlags)),
    products: await writeCsv(files.products, [...HEADERS.products], productRows(rng.products, sizes.products, productPrices)),
    orders: await writeCsv(files.orders, [...HEADERS.orders], orderRows(rng.orders, sizes.orders, customerFlags, productPrices, counters)),
  };
  return { outDir, scale, seed, rows, distinctOrders: sizes.orders, duplicateOrderRows: counters.duplicates, files };
}

const USAGE = `Usage: pnpm datagen [--scale N] [--seed N] [--out DIR]

Writes the ecommerce raw tables (orders, customers, products, country_codes) as CSV.
  --scale N   about N x ${ORDERS_PER_SCALE} orders (default ${DEFAULT_SCALE}; fractions allowed)
  --seed N    random seed; the same seed gives the same files (default ${DEFAULT_SEED})
  --out DIR   output folder (default: the package's seeds/ folder, i.e. the committed seeds)`;

/** Parses `--scale N --seed N --out DIR` (also `--scale=N`). Throws on anything else. */
export function parseDatagenArgs(argv: string[], defaultOutDir: string): GenerateOptions & { help?: boolean } {
  return parseArgs(argv, { scale: DEFAULT_SCALE, seed: DEFAULT_SEED, outDir: defaultOutDir });
}

/**
 * The `datagen` command: parses arguments, writes the files, prints what it wrote. Resolves to
 * the exit code. `dist/datagen-cli.js` (what `pnpm datagen` runs) is a one-line call of this.
 */
export async function runDatagenCli(argv: string[], defaultOutDir: string, io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error }): Promise<number> {
  let options: ReturnType<typeof parseDatagenArgs>;
  try {
    options = parseDatagenArgs(argv, defaultOutDir);
  } catch (error) {
    io.err(`datagen: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const started = Date.now();
  const result = await generateEcommerce(options);
  io.out(`Generated ecommerce seeds (scale ${result.scale}, seed ${result.seed}) into ${result.outDir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  for (const table of Object.keys(result.rows) as EcommerceTable[]) io.out(`  ${table.padEnd(14)} ${String(result.rows[table]).padStart(10)} rows`);
  io.out(`  (${result.distinctOrders} distinct orders, ${result.duplicateOrderRows} duplicate export rows)`);
  return 0;
}
