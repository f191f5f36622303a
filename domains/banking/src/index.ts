/**
 * @strata-domains/banking — the project (its folder and definition), the zod schemas of its
 * public marts, and their generated row types and Kysely `Database` interfaces.
 *
 * @example
 *   const db = new Kysely<BankingMarts>({ dialect }).withSchema('banking_marts');
 *   const flagged = await db.selectFrom('fraud_signals').selectAll().execute();
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import marts from '../models/marts/schema';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The project definition (`strata.config.ts`): name, schemas, folder settings, sources, vars. */
export { default as project } from '../strata.config';

/** `dim_customers`: one row per customer with KYC flags and balance. */
export const dimCustomersSchema = marts.models.dim_customers.columns;
/** `fct_transactions`: one row per customer and day. */
export const fctTransactionsSchema = marts.models.fct_transactions.columns;
/** `fraud_signals`: one row per transaction and rule that flagged it. */
export const fraudSignalsSchema = marts.models.fraud_signals.columns;

export type { DimCustomersRow, FctTransactionsRow, FraudSignalsRow, BankingMarts, BankingDatabase } from './database.generated';
export { bankingRelations } from './database.generated';

export { SIGNAL_TYPES, SIGNAL_CATEGORIES } from '../models/marts/schema';
export { CURRENCIES, DIRECTIONS, SUBTYPES, CHANNELS, ACCOUNT_TYPES, KYC_STATUSES } from '../models/staging/schema';
