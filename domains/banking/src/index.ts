/** @strata-domains/banking — the project folder and the typed schemas of its public marts. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import marts from '../models/marts/schema';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `dim_customers`: one row per customer with KYC flags and balance. */
export const dimCustomersSchema = marts.models.dim_customers.columns;
/** `fct_transactions`: one row per customer and day. */
export const fctTransactionsSchema = marts.models.fct_transactions.columns;
/** `fraud_signals`: one row per transaction and rule that flagged it. */
export const fraudSignalsSchema = marts.models.fraud_signals.columns;

/** A row of `banking_marts.dim_customers`. */
export type DimCustomersRow = z.infer<typeof dimCustomersSchema>;
/** A row of `banking_marts.fct_transactions`. */
export type FctTransactionsRow = z.infer<typeof fctTransactionsSchema>;
/** A row of `banking_marts.fraud_signals`. */
export type FraudSignalsRow = z.infer<typeof fraudSignalsSchema>;

/** The marts as tables, for a Kysely `Database` interface: `new Kysely<BankingMarts>(…)` with `withSchema('banking_marts')`. */
export interface BankingMarts {
  dim_customers: DimCustomersRow;
  fct_transactions: FctTransactionsRow;
  fraud_signals: FraudSignalsRow;
}

export { SIGNAL_TYPES, SIGNAL_CATEGORIES } from '../models/marts/schema';
export { CURRENCIES, DIRECTIONS, SUBTYPES, CHANNELS, ACCOUNT_TYPES, KYC_STATUSES } from '../models/staging/schema';
