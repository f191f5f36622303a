/**
 * The generator: byte-identical committed seeds, determinism, scale, the dirt it promises, clean
 * customers that no rule can flag, and at another scale and seed a build that flags exactly the
 * planted cases.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bankingTruth, customerCount, DEFAULT_SCALE, DEFAULT_SEED, generateBanking, haversineKm, HEADERS, plans, RULES, runDatagenCli, SCENARIOS, toReporting } from '../src/datagen.js';
import { readCsv } from '@strata/datagen';
import { buildInto, problems, scratchProject, seedsDir } from './support/project.js';

const FILES = Object.keys(HEADERS).map((t) => `${t}.csv`);
const temporary: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'banking-datagen-'));
  temporary.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('generateBanking', () => {
  it('reproduces the committed seeds byte for byte at the default scale and seed', async () => {
    const dir = tempDir();
    const result = await generateBanking({ outDir: dir });
    expect([DEFAULT_SCALE, DEFAULT_SEED, result.customers]).toEqual([1, 42, 100]);
    for (const file of FILES) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(seedsDir, file), 'utf8'));
  });

  it('keeps the committed seeds under 500 KB', () => {
    const bytes = FILES.reduce((n, file) => n + readFileSync(join(seedsDir, file)).length, 0);
    expect(bytes).toBeLessThan(500 * 1024);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await generateBanking({ scale: 0.2, seed: 5, outDir: a });
    await generateBanking({ scale: 0.2, seed: 5, outDir: b });
    await generateBanking({ scale: 0.2, seed: 6, outDir: c });
    for (const file of FILES) expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'));
    expect(readFileSync(join(c, 'transactions.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'transactions.csv'), 'utf8'));
  });

  it('scales the number of customers', () => {
    expect([customerCount(0.001), customerCount(2.5), customerCount(100)]).toEqual([1, 250, 10000]);
    expect(() => customerCount(-1)).toThrow('scale must be a positive number, got -1');
  });

  it('writes the dirt staging has to clean', () => {
    const txns = readCsv(join(seedsDir, 'transactions.csv'));
    const types = new Set(txns.map((r) => r.txn_type));
    for (const spelling of ['DEBIT', 'dr', 'withdrawal', 'CREDIT', 'cr', 'deposit', 'transfer_in']) expect(types, spelling).toContain(spelling);
    for (const symbol of ['$', '€', '£', '¥', ',', '(', '-']) expect(txns.some((r) => r.amount!.includes(symbol)), symbol).toBe(true);
    expect(new Set(txns.map((r) => r.currency!.trim().toUpperCase()).filter(Boolean))).toEqual(new Set(['USD', 'EUR', 'GBP', 'JPY']));
    expect(txns.some((r) => r.currency === '' && /[A-Za-z]{3}/.test(r.amount!))).toBe(true); // currency only in the amount
    expect(txns.some((r) => r.posted_at!.endsWith('+02:00'))).toBe(true);
    expect(readCsv(join(seedsDir, 'branches.csv')).some((r) => / [NSEW]$/.test(r.latitude!) || / [NSEW]$/.test(r.longitude!))).toBe(true);
    const ids = txns.map((r) => r.txn_id!.toUpperCase());
    expect(new Set(ids).size).toBeLessThan(ids.length); // exported twice
  });

  it('keeps clean customers clean: one debit a day, card use near home, amounts under the floor', () => {
    for (const c of plans({ scale: 3, seed: 11 })) {
      if (c.scenario) continue;
      const debits = c.transactions.filter((t) => t.direction === 'debit');
      for (const t of c.transactions.filter((x) => x.lat !== null)) {
        expect(haversineKm(t.lat!, t.lon!, c.branch.city.lat, c.branch.city.lon)).toBeLessThan(c.decoy === 'regional_trip' ? RULES.homeRadiusKm : 30);
      }
      if (c.decoy !== 'big_spender' && c.decoy !== 'big_credit') {
        for (const t of debits) expect(toReporting(t.amount, t.currency, t.at)).toBeLessThan(RULES.amountFloor);
      }
      // Decoys that pay twice or three times in a day do it on purpose; everyone else pays once a day at most.
      const days = debits.map((t) => new Date(t.at).toISOString().slice(0, 10));
      if (!['near_burst', 'small_round_burst', 'regional_trip'].includes(c.decoy ?? '')) expect(new Set(days).size, c.id).toBe(days.length);
    }
  });

  it('builds at another scale and seed into signals that are exactly the planted ones', async () => {
    const dir = tempDir();
    await generateBanking({ scale: 1.2, seed: 9, outDir: dir });
    const read = (t: string) => readFileSync(join(dir, `${t}.csv`), 'utf8');
    const scratch = scratchProject({ seeds: { transactions: read('transactions'), customers: read('customers'), branches: read('branches') } });
    const { warehouse, summary } = await buildInto(scratch.dir);
    try {
      expect(problems(summary)).toEqual([]);
      const planted = bankingTruth(plans({ scale: 1.2, seed: 9 })).planted;
      expect(new Set(planted.map((p) => p.scenario))).toEqual(new Set(SCENARIOS));
      const rows = await warehouse.query<{ transaction_id: string; signal_type: string }>('select transaction_id, signal_type from banking_marts.fraud_signals');
      expect(rows.map((r) => `${r.transaction_id}:${r.signal_type}`).sort()).toEqual(planted.map((p) => `${p.transactionId}:${p.signal}`).sort());
    } finally {
      warehouse.dispose();
      scratch.remove();
    }
  });
});

describe('runDatagenCli', () => {
  it('writes the files where --out says and reports the row counts', async () => {
    const dir = tempDir();
    const out: string[] = [];
    expect(await runDatagenCli(['--scale=0.05', '--out', dir], seedsDir, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toMatch(/^Generated banking seeds \(scale 0\.05, seed 42, 5 customers\) into .* in \d+\.\ds$/);
    expect(readCsv(join(dir, 'fx_rates.csv'))).toHaveLength(12);
  });

  it('rejects bad arguments with exit code 2', async () => {
    const err: string[] = [];
    expect(await runDatagenCli(['--seed', '1.5'], seedsDir, { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toMatch(/^datagen: --seed must be an integer, got '1\.5'/);
  });
});
