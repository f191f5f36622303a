/**
 * The shipped project built on its committed seeds: every node succeeds, every test passes,
 * fraud_signals holds exactly the planted cases (no clean or decoy customer is flagged), and the
 * customer and daily marts equal what the generator's clean plans say (bankingTruth: plain
 * TypeScript over the data before dirt was added).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryWarehouse } from '@strata/testkit';
import { bankingTruth, decoyFor, plans, scenarioFor, SCENARIOS, type BankingTruth } from '../src/datagen.js';
import { dimCustomersSchema, fraudSignalsSchema, projectDir as exportedProjectDir } from '../src/index.js';
import { buildInto, problems, projectDir } from './support/project.js';

let warehouse: TemporaryWarehouse;
let summary: Awaited<ReturnType<typeof buildInto>>['summary'];
let truth: BankingTruth;

beforeAll(async () => {
  truth = bankingTruth(plans());
  ({ warehouse, summary } = await buildInto(projectDir));
});

afterAll(() => warehouse?.dispose());

describe('banking build', () => {
  it('succeeds on every node', () => {
    expect(problems(summary)).toEqual([]);
    const count = (type: string) => summary.results.filter((r) => r.resourceType === type).length;
    expect([count('seed'), count('model')]).toEqual([7, 10]); // 3 staging, 4 fraud rules, 3 marts
    for (const test of ['assert_no_pii_after_staging', 'assert_balances_reconcile']) expect(summary.results.find((r) => r.name === test)?.status).toBe('pass');
  });

  it('exports the project folder', () => {
    expect(exportedProjectDir).toBe(projectDir);
  });
});

describe('fraud_signals on the committed seeds', () => {
  it('plants all six scenarios in the committed data', () => {
    expect(new Set(truth.planted.map((p) => p.scenario))).toEqual(new Set(SCENARIOS));
    expect(truth.planted).toHaveLength(10); // 1 + 1 + 4 burst debits + 1 + 2 (far and fast) + 1
  });

  it('flags exactly the planted transactions, with exactly the planted signals', async () => {
    const rows = await warehouse.query<{ transaction_id: string; customer_id: string; signal_type: string }>('select transaction_id, customer_id, signal_type from banking_marts.fraud_signals');
    const key = (r: { transactionId?: string; transaction_id?: string; signal?: string; signal_type?: string }) => `${r.transactionId ?? r.transaction_id}:${r.signal ?? r.signal_type}`;
    expect(rows.map(key).sort()).toEqual(truth.planted.map(key).sort());
  });

  it('flags no clean or decoy customer', async () => {
    const flagged = await warehouse.query<{ customer_id: string }>('select distinct customer_id from banking_marts.fraud_signals order by 1');
    const planted = [...truth.customers.keys()].filter((_, index) => scenarioFor(index) !== undefined);
    expect(flagged.map((r) => r.customer_id)).toEqual(planted);
    const decoys = [...truth.customers.keys()].filter((_, index) => decoyFor(index) !== undefined);
    expect(decoys).toHaveLength(6);
    const [row] = await warehouse.query<{ n: number }>(`select count(*) as n from banking_marts.dim_customers where fraud_signals > 0 and customer_id in (${decoys.map((d) => `'${d}'`).join(', ')})`);
    expect(row!.n).toBe(0);
  });

  it('gives every signal a reason and a score in (0, 1]', async () => {
    const rows = await warehouse.query('select * from banking_marts.fraud_signals');
    for (const row of rows) {
      expect(() => fraudSignalsSchema.parse({ ...row, transaction_at: (row.transaction_at as Date).toISOString(), transaction_date: (row.transaction_date as Date).toISOString().slice(0, 10) })).not.toThrow();
      expect(row.score as number).toBeGreaterThanOrEqual(0.5); // every rule scores 0.5 at its threshold
    }
  });
});

describe('dim_customers and fct_transactions on the committed seeds', () => {
  it('has one dim_customers row per customer, equal to the plan', async () => {
    const rows = await warehouse.query('select * from banking_marts.dim_customers');
    expect(rows).toHaveLength(truth.customers.size);
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    for (const c of truth.customers.values()) {
      const row = byId.get(c.customerId)!;
      expect(row, c.customerId).toMatchObject({
        age: c.age,
        account_type: c.accountType,
        home_branch_id: c.homeBranchId,
        is_kyc_verified: c.isKycVerified,
        documents_expired: c.documentsExpired,
        is_high_risk_country: c.isHighRiskCountry,
        is_pep: c.isPep,
        transactions: c.transactions,
      });
      expect(row.current_balance as number, c.customerId).toBeCloseTo(c.balance, 2);
    }
    for (const row of rows) expect(() => dimCustomersSchema.parse({ ...row, last_transaction_at: (row.last_transaction_at as Date).toISOString() })).not.toThrow();
    // The decoy with every KYC red flag is in the data.
    expect(rows.some((r) => r.kyc_risk_flags === 4)).toBe(true);
  });

  it('has fct_transactions equal to the plan, customer-day by customer-day', async () => {
    const rows = await warehouse.query<Record<string, number | string> & { transaction_date: Date }>('select * from banking_marts.fct_transactions');
    expect(rows).toHaveLength(truth.days.size);
    for (const row of rows) {
      const key = `${row.customer_id}|${row.transaction_date.toISOString().slice(0, 10)}`;
      const d = truth.days.get(key)!;
      expect(d, key).toBeDefined();
      expect([row.debit_count, row.credit_count], key).toEqual([d.debitCount, d.creditCount]);
      expect(row.debit_total as number, key).toBeCloseTo(d.debitTotal, 2);
      expect(row.credit_total as number, key).toBeCloseTo(d.creditTotal, 2);
    }
  });

  it('drops duplicate export rows', async () => {
    const [row] = await warehouse.query<{ raw: number; staged: number; customers: number }>(
      'select (select count(*) from banking_bank.transactions) as raw, (select count(*) from banking_staging.stg_transactions) as staged, (select count(*) from banking_bank.customers) as customers',
    );
    const expected = [...truth.customers.values()].reduce((n, c) => n + c.transactions, 0);
    expect(row!.staged).toBe(expected);
    expect(row!.raw).toBeGreaterThan(expected);
    expect(row!.customers).toBeGreaterThan(truth.customers.size);
  });
});
