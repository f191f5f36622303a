/**
 * Golden values: the project built on the small hand-written export in test/fixtures/, every
 * expected value worked out by hand from those rows (the derivation is in the comments), never by
 * running the SQL. Distances come from the TypeScript haversine, not the SQL macro. The
 * unusual-amount rule is run with a history of 3 debits (fraud_amount_min_history) so that a
 * short fixture can trip it; every other threshold is the project's.
 * Rates (seeds/fx_rates.csv): January GBP 1.2703, February JPY 0.006703 US dollars per unit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryWarehouse } from '@strata/testkit';
import { haversineKm } from '../src/datagen.js';
import { buildInto, fixturesDir, problems, scratchProject } from './support/project.js';

const fixture = (name: string) => readFileSync(join(fixturesDir, `${name}.csv`), 'utf8');
const day = (d: Date) => d.toISOString().slice(0, 10);

let warehouse: TemporaryWarehouse;
let remove: () => void;

beforeAll(async () => {
  const scratch = scratchProject({ seeds: { branches: fixture('branches'), customers: fixture('customers'), transactions: fixture('transactions') } });
  remove = scratch.remove;
  const built = await buildInto(scratch.dir, { fraud_amount_min_history: 3 });
  warehouse = built.warehouse;
  expect(problems(built.summary)).toEqual([]);
});

afterAll(() => {
  warehouse?.dispose();
  remove?.();
});

describe('staging on the fixture', () => {
  it('reads branch coordinates signed or with hemisphere letters', async () => {
    expect(await warehouse.query('select branch_id, country, latitude, longitude from banking_staging.stg_branches order by branch_id')).toEqual([
      { branch_id: 'BR01', country: 'US', latitude: 40.7128, longitude: -74.006 },
      { branch_id: 'BR06', country: 'GB', latitude: 51.5072, longitude: -0.1276 },
    ]);
  });

  it('normalises types, amounts, currencies and timestamps of every transaction', async () => {
    const rows = await warehouse.query<Record<string, unknown> & { transaction_at: Date }>(
      'select transaction_id, customer_id, transaction_at, direction, subtype, amount_original, currency, amount_reporting from banking_staging.stg_transactions order by transaction_id',
    );
    expect(rows.map((r) => [r.transaction_id, r.customer_id, r.transaction_at.toISOString().slice(0, 16), r.direction, r.subtype, r.amount_original, r.currency, r.amount_reporting])).toEqual([
      ['T000000001', 'C00001', '2024-01-02T10:00', 'credit', 'unspecified', 1000, 'USD', 1000], // CREDIT, "$1,000.00"
      ['T000000002', 'C00001', '2024-01-03T10:00', 'debit', 'card_purchase', 10, 'USD', 10], // -$10.00; t000000002 was its duplicate
      ['T000000003', 'C00001', '2024-01-04T10:00', 'debit', 'unspecified', 20, 'USD', 20], // dr
      ['T000000004', 'C00001', '2024-01-05T10:00', 'debit', 'card_purchase', 30, 'USD', 30], // 12:00 at +02:00
      ['T000000005', 'C00001', '2024-01-06T10:00', 'debit', 'unspecified', 600, 'USD', 600], // "USD 600.00"
      ['T000000006', 'C00001', '2024-01-07T10:00', 'debit', 'withdrawal', 200, 'USD', 200], // (200.00)
      ['T000000007', 'C00001', '2024-01-07T10:20', 'debit', 'atm_withdrawal', 300, 'USD', 300],
      ['T000000008', 'C00001', '2024-01-07T10:55', 'debit', 'atm_withdrawal', 100, 'USD', 100], // "100.00 usd"
      ['T000000009', 'C00001', '2024-01-07T12:30', 'debit', 'atm_withdrawal', 400, 'USD', 400],
      ['T000000010', 'C00001', '2024-01-10T15:00', 'debit', 'card_purchase', 25, 'USD', 25],
      ['T000000011', 'C00001', '2024-01-10T15:05', 'debit', 'card_purchase', 35, 'USD', 35],
      ['T000000012', 'C00001', '2024-01-20T12:00', 'debit', 'card_purchase', 40, 'GBP', 50.81], // 40 × 1.2703 = 50.812
      ['T000000013', 'C00001', '2024-02-01T09:00', 'credit', 'salary', 2500, 'USD', 2500],
      ['T000000014', 'C00002', '2024-01-31T21:30', 'credit', 'unspecified', 1000, 'GBP', 1270.3], // cr; 23:30 at +02:00
      ['T000000015', 'C00002', '2024-01-31T22:30', 'debit', 'transfer', 200, 'GBP', 254.06], // 1 February at +02:00 is still January in UTC: January rate
      ['T000000016', 'C00002', '2024-02-15T12:00', 'debit', 'fee', 500, 'JPY', 3.35], // ¥500 × 0.006703 = 3.3515
    ]);
  });
});

describe('fraud_signals on the fixture', () => {
  it('flags exactly the unusual amount, the burst, the impossible hop and the far payment', async () => {
    const phillyToNewYork = haversineKm(39.9526, -75.1652, 40.7128, -74.006);
    const newYorkToLondon = haversineKm(40.7128, -74.006, 51.5072, -0.1276);
    const speed = phillyToNewYork / (5 / 60); // five minutes
    const rows = await warehouse.query('select transaction_id, customer_id, signal_type, signal_category, amount_reporting, score, reason from banking_marts.fraud_signals order by transaction_id, signal_type');
    expect(rows).toEqual([
      // 600 against earlier debits 10, 20, 30: mean 20, sample stddev 10 → z = 58 > 4; score min(1, 58 / 8).
      { transaction_id: 'T000000005', customer_id: 'C00001', signal_type: 'unusual_amount', signal_category: 'amount', amount_reporting: 600, score: 1, reason: "debit of 600.00 USD is 58.0 standard deviations above the customer's mean of 20.00 USD over 3 earlier debits" },
      // 200, 300 and 100 at 10:00, 10:20, 10:55: three round debits within 60 minutes; 3 / (2 × 3).
      // The 400 at 12:30 is round but alone in its hour.
      { transaction_id: 'T000000006', customer_id: 'C00001', signal_type: 'round_amount_burst', signal_category: 'amount', amount_reporting: 200, score: 0.5, reason: '3 round-amount debits (multiples of 100 USD) within 60 minutes' },
      { transaction_id: 'T000000007', customer_id: 'C00001', signal_type: 'round_amount_burst', signal_category: 'amount', amount_reporting: 300, score: 0.5, reason: '3 round-amount debits (multiples of 100 USD) within 60 minutes' },
      { transaction_id: 'T000000008', customer_id: 'C00001', signal_type: 'round_amount_burst', signal_category: 'amount', amount_reporting: 100, score: 0.5, reason: '3 round-amount debits (multiples of 100 USD) within 60 minutes' },
      // Philadelphia at 15:00, New York at 15:05: ~130 km in 5 minutes. Philadelphia itself is
      // within 500 km of home and days after the previous card use, so it is not flagged.
      { transaction_id: 'T000000011', customer_id: 'C00001', signal_type: 'impossible_travel', signal_category: 'location', amount_reporting: 35, score: Math.round((speed / 1800) * 1000) / 1000, reason: `${phillyToNewYork.toFixed(0)} km from the previous card transaction in 5 minutes (${speed.toFixed(0)} km/h); limit 900 km/h` },
      // London, ten days after New York: far from the home branch, not fast; 5,570 km ≥ 2 × 500 → score 1.
      { transaction_id: 'T000000012', customer_id: 'C00001', signal_type: 'far_from_home', signal_category: 'location', amount_reporting: 50.81, score: 1, reason: `card used ${newYorkToLondon.toFixed(0)} km from home branch BR01 (New York); limit 500 km` },
    ]);
  });
});

describe('fct_transactions on the fixture', () => {
  it('totals each customer-day and carries the running balance', async () => {
    const rows = await warehouse.query<Record<string, unknown> & { transaction_date: Date }>(
      'select customer_id, transaction_date, transactions, debit_count, debit_total, credit_count, credit_total, net_amount, closing_balance from banking_marts.fct_transactions order by customer_id, transaction_date',
    );
    const row = (c: string, d: string, n: number, dc: number, dt: number, cc: number, ct: number, net: number, balance: number) => ({ customer_id: c, transaction_date: d, transactions: n, debit_count: dc, debit_total: dt, credit_count: cc, credit_total: ct, net_amount: net, closing_balance: balance });
    expect(rows.map((r) => ({ ...r, transaction_date: day(r.transaction_date) }))).toEqual([
      row('C00001', '2024-01-02', 1, 0, 0, 1, 1000, 1000, 1000),
      row('C00001', '2024-01-03', 1, 1, 10, 0, 0, -10, 990),
      row('C00001', '2024-01-04', 1, 1, 20, 0, 0, -20, 970),
      row('C00001', '2024-01-05', 1, 1, 30, 0, 0, -30, 940),
      row('C00001', '2024-01-06', 1, 1, 600, 0, 0, -600, 340),
      row('C00001', '2024-01-07', 4, 4, 1000, 0, 0, -1000, -660), // 200 + 300 + 100 + 400
      row('C00001', '2024-01-10', 2, 2, 60, 0, 0, -60, -720),
      row('C00001', '2024-01-20', 1, 1, 50.81, 0, 0, -50.81, -770.81),
      row('C00001', '2024-02-01', 1, 0, 0, 1, 2500, 2500, 1729.19),
      row('C00002', '2024-01-31', 2, 1, 254.06, 1, 1270.3, 1016.24, 1016.24),
      row('C00002', '2024-02-15', 1, 1, 3.35, 0, 0, -3.35, 1012.89),
    ]);
  });
});

describe('dim_customers on the fixture', () => {
  it('derives age, KYC flags, balance and signal counts', async () => {
    const rows = await warehouse.query(
      'select customer_id, age, account_type, account_currency, home_branch_id, home_branch_city, residence_country, nationality, kyc_status, is_kyc_verified, documents_expired, is_high_risk_country, is_pep, kyc_risk_flags, transactions, total_debits, total_credits, current_balance, fraud_signals, max_fraud_score from banking_marts.dim_customers order by customer_id',
    );
    expect(rows).toEqual([
      // Born 1990-03-31: 34 on the as-of day itself. Every KYC check passes.
      { customer_id: 'C00001', age: 34, account_type: 'checking', account_currency: 'USD', home_branch_id: 'BR01', home_branch_city: 'New York', residence_country: 'US', nationality: 'US', kyc_status: 'verified', is_kyc_verified: true, documents_expired: false, is_high_risk_country: false, is_pep: false, kyc_risk_flags: 0, transactions: 13, total_debits: 1770.81, total_credits: 3500, current_balance: 1729.19, fraud_signals: 6, max_fraud_score: 1 },
      // Born 1984-04-01: still 39 on 2024-03-31. Pending, document expired the day before,
      // Nigerian (NGA) nationality, PEP: four flags — and no fraud signal.
      { customer_id: 'C00002', age: 39, account_type: 'savings', account_currency: 'GBP', home_branch_id: 'BR06', home_branch_city: 'London', residence_country: 'GB', nationality: 'NG', kyc_status: 'pending', is_kyc_verified: false, documents_expired: true, is_high_risk_country: true, is_pep: true, kyc_risk_flags: 4, transactions: 3, total_debits: 257.41, total_credits: 1270.3, current_balance: 1012.89, fraud_signals: 0, max_fraud_score: null },
    ]);
  });
});
