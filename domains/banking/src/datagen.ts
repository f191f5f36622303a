/**
 * Deterministic generator of the banking domain's raw tables — the core-banking export
 * `transactions`, `customers` and `branches` — and its reference seeds (`fx_rates`,
 * `transaction_types`, `country_codes`, `high_risk_countries`).
 *
 * The rows look like a real export: transaction types written many ways (`DEBIT`, `dr`,
 * `withdrawal`, `CREDIT`, `cr`, `deposit`, `transfer_in`, `Card Purchase` …); amounts with
 * currency symbols, ISO codes, thousands separators, minus signs or accounting parentheses, in
 * USD, EUR, GBP and JPY; timestamps in four formats and two offsets; ids in several forms;
 * countries as codes or names; branch coordinates with hemisphere letters; duplicate rows.
 *
 * Planted fraud: every 16th customer (index ≡ 5 mod 16) carries one of six fraud scenarios
 * (unusual amount, unusual amount in a foreign currency, round-amount burst, far from home,
 * impossible travel abroad, impossible travel nearby); every 16th (≡ 11) one of six decoys that
 * must not be flagged. `bankingTruth(plans(...)).planted` lists exactly the signals the build
 * must raise.
 *
 * Same `{ scale, seed }`, byte-identical files. Customers have their own random streams, so rows
 * stream customer by customer in constant memory at any scale. The committed `seeds/*.csv` are
 * `generateBanking({ scale: 1, seed: 42, outDir: 'seeds' })`.
 */
import { resolve } from 'node:path';
import { writeCsv, type CsvValue } from '@strata/datagen';
import { countAtScale, parseDatagenArgs } from '@strata/datagen';
import { planCustomer, type CustomerPlan } from './datagen/plan.js';
import { COUNTRIES, FX_RATES, HIGH_RISK_COUNTRIES, TYPE_CODES, type Currency } from './datagen/reference.js';
import { branchRows, customerRows, transactionRows } from './datagen/render.js';

export { bankingTruth, toReporting } from './datagen/truth.js';
export type { BankingTruth, CustomerTruth, DayTruth, PlantedSignal } from './datagen/truth.js';
export type { CustomerPlan, TxnPlan, SignalType } from './datagen/plan.js';
export { SCENARIOS, DECOYS, scenarioFor, decoyFor } from './datagen/scenarios.js';
export type { Scenario, Decoy } from './datagen/scenarios.js';
export { haversineKm } from './datagen/geo.js';
export { AS_OF_DATE, REPORTING_CURRENCY, RULES, BRANCHES, FX_RATES } from './datagen/reference.js';

/** Scale of the committed seeds. */
export const DEFAULT_SCALE = 1;
/** Seed of the committed seeds. */
export const DEFAULT_SEED = 42;
/** Customers per unit of scale (each has about 35 transactions over three months). */
export const CUSTOMERS_PER_SCALE = 100;

/** Header of each generated file, in order: the raw tables' column names. */
export const HEADERS = {
  transactions: ['txn_id', 'customer_id', 'posted_at', 'txn_type', 'amount', 'currency', 'channel', 'merchant', 'latitude', 'longitude', 'description'],
  customers: ['customer_id', 'full_name', 'date_of_birth', 'email', 'phone', 'street_address', 'national_id', 'residence_country', 'nationality', 'account_type', 'account_currency', 'home_branch', 'kyc_status', 'id_document_expiry', 'is_pep', 'opened_on'],
  branches: ['branch_id', 'branch_name', 'city', 'country', 'latitude', 'longitude', 'opened_on'],
  fx_rates: ['rate_month', 'currency', 'usd_per_unit'],
  transaction_types: ['code', 'direction', 'subtype'],
  country_codes: ['iso2', 'iso3', 'name'],
  high_risk_countries: ['iso2', 'list'],
} as const;

export type BankingTable = keyof typeof HEADERS;

/** Options of `generateBanking`. */
export interface GenerateOptions {
  /** Size multiplier: `100 × scale` customers. Default 1 (the committed seeds). */
  scale?: number;
  /** Random seed; the same seed gives the same files. Default 42. */
  seed?: number;
  /** Folder the CSV files are written to (created if missing). */
  outDir: string;
}

/** What `generateBanking` wrote. */
export interface GenerateResult {
  outDir: string;
  scale: number;
  seed: number;
  customers: number;
  /** Rows written per file (duplicates included). */
  rows: Record<BankingTable, number>;
  files: Record<BankingTable, string>;
}

/** Number of customers at a scale (at least one). */
export function customerCount(scale: number): number {
  return countAtScale(CUSTOMERS_PER_SCALE, scale);
}

/** The clean plans of every customer, lazily. Feed them to `bankingTruth` for expected values. */
export function* plans(options: { scale?: number; seed?: number } = {}): Generator<CustomerPlan> {
  const count = customerCount(options.scale ?? DEFAULT_SCALE);
  const seed = options.seed ?? DEFAULT_SEED;
  for (let i = 0; i < count; i++) yield planCustomer(seed, i);
}

function* rowsOf(seed: number, scale: number, render: (seed: number, plan: CustomerPlan) => Iterable<Record<string, CsvValue>>): Generator<Record<string, CsvValue>> {
  for (const plan of plans({ scale, seed })) yield* render(seed, plan);
}

function* fxRows(): Generator<Record<string, CsvValue>> {
  for (const [month, label] of ['2024-01-01', '2024-02-01', '2024-03-01'].entries()) {
    for (const currency of Object.keys(FX_RATES) as Currency[]) yield { rate_month: label, currency, usd_per_unit: FX_RATES[currency][month] };
  }
}

/**
 * Writes the three banking tables and the four reference seeds into `outDir`.
 *
 * @example await generateBanking({ scale: 100, seed: 7, outDir: '/tmp/banking-seeds' }) // 10,000 customers, ~350k transactions
 */
export async function generateBanking(options: GenerateOptions): Promise<GenerateResult> {
  const scale = options.scale ?? DEFAULT_SCALE;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const customers = customerCount(scale);
  const outDir = resolve(options.outDir);
  const files = Object.fromEntries(Object.keys(HEADERS).map((t) => [t, resolve(outDir, `${t}.csv`)])) as Record<BankingTable, string>;
  const write = (table: BankingTable, rows: Iterable<Record<string, CsvValue>>) => writeCsv(files[table], [...HEADERS[table]], rows);
  const rows: Record<BankingTable, number> = {
    transactions: await write('transactions', rowsOf(seed, scale, transactionRows)),
    customers: await write('customers', rowsOf(seed, scale, customerRows)),
    branches: await write('branches', branchRows(seed)),
    fx_rates: await write('fx_rates', fxRows()),
    transaction_types: await write('transaction_types', TYPE_CODES.map(([code, direction, subtype]) => ({ code, direction, subtype }))),
    country_codes: await write('country_codes', COUNTRIES.map(([iso2, iso3, name]) => ({ iso2, iso3, name }))),
    high_risk_countries: await write('high_risk_countries', HIGH_RISK_COUNTRIES.map(([iso2, list]) => ({ iso2, list }))),
  };
  return { outDir, scale, seed, customers, rows, files };
}

const USAGE = `Usage: pnpm datagen [--scale N] [--seed N] [--out DIR]

Writes the banking export (transactions, customers, branches) and reference seeds as CSV.
  --scale N   ${CUSTOMERS_PER_SCALE} x N customers (default ${DEFAULT_SCALE}; fractions allowed)
  --seed N    random seed; the same seed gives the same files (default ${DEFAULT_SEED})
  --out DIR   output folder (default: the package's seeds/ folder, i.e. the committed seeds)`;

/**
 * The `datagen` command: parses arguments, writes the files, prints what it wrote. Resolves to
 * the exit code. `dist/datagen-cli.js` (what `pnpm datagen` runs) is a one-line call of this.
 */
export async function runDatagenCli(argv: string[], defaultOutDir: string, io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error }): Promise<number> {
  let options;
  try {
    options = parseDatagenArgs(argv, { scale: DEFAULT_SCALE, seed: DEFAULT_SEED, outDir: defaultOutDir });
  } catch (error) {
    io.err(`datagen: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const started = Date.now();
  const result = await generateBanking(options);
  io.out(`Generated banking seeds (scale ${result.scale}, seed ${result.seed}, ${result.customers} customers) into ${result.outDir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  for (const table of Object.keys(result.rows) as BankingTable[]) io.out(`  ${table.padEnd(22)} ${String(result.rows[table]).padStart(10)} rows`);
  return 0;
}
