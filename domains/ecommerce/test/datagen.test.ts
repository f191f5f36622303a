import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, DEFAULT_SEED, ecommerceSizes, generateEcommerce, HEADERS, HIGH_ORDER_VALUE, parseDatagenArgs, runDatagenCli } from '../src/datagen.js';
import * as rootModule from '../datagen.js';
import { seedsDir } from './support/build.js';
import { readCsv } from './support/csv.js';
import { computeReference } from './support/reference.js';
import config from '../strata.config.js';

const FILES = ['orders.csv', 'customers.csv', 'products.csv', 'country_codes.csv'];
const temporary: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecommerce-datagen-'));
  temporary.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('generateEcommerce', () => {
  it('reproduces the committed seeds byte for byte at the default scale and seed', async () => {
    const dir = tempDir();
    await generateEcommerce({ outDir: dir });
    for (const file of FILES) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(seedsDir, file), 'utf8'));
    expect(DEFAULT_SCALE).toBe(1);
    expect(DEFAULT_SEED).toBe(42);
  });

  it('keeps the committed seeds small', () => {
    const bytes = FILES.reduce((n, file) => n + readFileSync(join(seedsDir, file)).length, 0);
    expect(bytes).toBeLessThan(500 * 1024);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await generateEcommerce({ scale: 0.2, seed: 5, outDir: a });
    await generateEcommerce({ scale: 0.2, seed: 5, outDir: b });
    await generateEcommerce({ scale: 0.2, seed: 6, outDir: c });
    for (const file of FILES) expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'));
    expect(readFileSync(join(c, 'orders.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'orders.csv'), 'utf8'));
  });

  it('scales the number of orders and customers', async () => {
    const dir = tempDir();
    const result = await generateEcommerce({ scale: 2, seed: 1, outDir: dir });
    expect(result.distinctOrders).toBe(6000);
    expect(result.rows.orders).toBe(6000 + result.duplicateOrderRows);
    expect(result.rows.customers).toBe(ecommerceSizes(2).customers);
    expect(computeReference(dir).orders.length).toBe(6000);
    expect(() => ecommerceSizes(0)).toThrow(RangeError);
  });

  it('writes the raw tables with their export headers', async () => {
    const dir = tempDir();
    await generateEcommerce({ scale: 0.1, outDir: dir });
    for (const [table, header] of Object.entries(HEADERS)) {
      expect(readFileSync(join(dir, `${table}.csv`), 'utf8').split('\n')[0]).toBe(header.join(','));
    }
  });

  it('writes the dirt staging has to clean', () => {
    const orders = readCsv(join(seedsDir, 'orders.csv'));
    const customers = readCsv(join(seedsDir, 'customers.csv'));
    const prices = orders.map((o) => o.UnitPrice!);
    expect(prices.some((p) => /^\$\d{1,3}(,\d{3})+\.\d\d$/.test(p))).toBe(true); // $1,200.00
    expect(prices.some((p) => /^\d+\.\d$/.test(p))).toBe(true); // 12.5
    expect(prices.some((p) => /^\d+$/.test(p))).toBe(true); // 1200
    const statuses = new Set(orders.map((o) => o.Status!));
    expect([...statuses].some((s) => s !== s.trim())).toBe(true);
    expect([...statuses].some((s) => s === s.toUpperCase())).toBe(true);
    expect(new Set([...statuses].map((s) => s.trim().toLowerCase()))).toEqual(new Set(['completed', 'cancelled']));
    const stamps = orders.map((o) => o.CreatedAt!);
    expect(stamps.some((t) => t.endsWith('Z'))).toBe(true);
    expect(stamps.some((t) => /[+-]\d\d:\d\d$/.test(t))).toBe(true);
    expect(stamps.some((t) => /^\d{4}\/\d\d\/\d\d /.test(t))).toBe(true);
    expect(stamps.some((t) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(t))).toBe(true);
    expect(customers.some((c) => c.email === null)).toBe(true);
    expect(customers.some((c) => c.email !== null && c.email.trim() === '')).toBe(true);
    expect(customers.some((c) => c.first_name === null)).toBe(true);
    expect(customers.some((c) => c.first_name !== null && c.first_name.trim() === '')).toBe(true);
    expect(customers.some((c) => c.country === 'UK')).toBe(true);
  });

  it('orders span several months, and the fraud rule holds for any seed', async () => {
    const dir = tempDir();
    await generateEcommerce({ scale: 1, seed: 1234, outDir: dir });
    for (const reference of [computeReference(dir), computeReference(seedsDir)]) {
      const days = reference.fctOrders.map((d) => d.order_date);
      expect(days[0]! <= '2024-01-07').toBe(true);
      expect(days.at(-1)! >= '2024-06-24').toBe(true);
      const noEmail = new Set(reference.customers.filter((c) => c.email === null).map((c) => c.customerId));
      const violations = reference.orders.filter((o) => o.status === 'completed' && o.amountCents > HIGH_ORDER_VALUE * 100 && noEmail.has(o.customerId));
      expect(violations).toEqual([]);
      expect(reference.orders.filter((o) => o.amountCents > HIGH_ORDER_VALUE * 100).length).toBeGreaterThan(10);
    }
    expect(config.vars?.high_order_value).toBe(HIGH_ORDER_VALUE);
  });
});

describe('datagen command line', () => {
  it('parses --scale, --seed and --out', () => {
    expect(parseDatagenArgs(['--scale', '2.5', '--seed=9', '--out', 'x'], 'default')).toEqual({ scale: 2.5, seed: 9, outDir: 'x' });
    expect(parseDatagenArgs([], 'default')).toEqual({ scale: DEFAULT_SCALE, seed: DEFAULT_SEED, outDir: 'default' });
    expect(parseDatagenArgs(['--', '--scale', '3'], 'd').scale).toBe(3);
    expect(() => parseDatagenArgs(['--scale', '-1'], 'd')).toThrow(/positive/);
    expect(() => parseDatagenArgs(['--seed', '1.5'], 'd')).toThrow(/integer/);
    expect(() => parseDatagenArgs(['--rows', '5'], 'd')).toThrow(/unknown option/);
  });

  it('writes files and reports them; bad arguments exit 2', async () => {
    const dir = tempDir();
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    expect(await runDatagenCli(['--scale', '0.1', '--out', dir], 'unused', io)).toBe(0);
    expect(out.join('\n')).toMatch(/orders\s+\d+ rows/);
    expect(readCsv(join(dir, 'orders.csv')).length).toBeGreaterThanOrEqual(300);
    expect(await runDatagenCli(['--scale'], 'unused', io)).toBe(2);
  });

  it('the root datagen.ts re-exports the generator without running it on import', () => {
    expect(rootModule.generateEcommerce).toBe(generateEcommerce);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
