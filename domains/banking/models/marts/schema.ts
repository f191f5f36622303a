import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';
import { ACCOUNT_TYPES, CURRENCIES, KYC_STATUSES } from '../staging/schema';

/**
 * The public marts. Contracts hold: each built table has exactly these columns. src/index.ts
 * exports these schemas and their `z.infer` row types.
 */

export const SIGNAL_TYPES = ['unusual_amount', 'round_amount_burst', 'far_from_home', 'impossible_travel'] as const;
export const SIGNAL_CATEGORIES = ['amount', 'location'] as const;

const count = (description: string) => z.number().int().min(0).meta({ description });
const money = (description: string) => z.number().min(0).meta({ description });
const customerId = (meta: { unique?: boolean; references?: ReturnType<typeof ref> }) =>
  z.string().regex(/^C[0-9]{5,}$/).meta({ description: 'Customer number', ...meta });

export default defineSchemas({
  models: {
    dim_customers: {
      description: 'One row per customer: profile, KYC flags, balance in the reporting currency and fraud signal count.',
      contract: true,
      columns: z.object({
        customer_id: customerId({ unique: true }),
        age: z.number().int().min(18).max(120).meta({ description: 'Whole years on var(as_of_date)' }),
        account_type: z.enum(ACCOUNT_TYPES),
        account_currency: z.enum(CURRENCIES),
        home_branch_id: z.string().regex(/^BR[0-9]{2}$/),
        home_branch_city: z.string(),
        residence_country: z.string().length(2).meta({ description: 'ISO 3166 alpha-2' }),
        nationality: z.string().length(2).meta({ description: 'ISO 3166 alpha-2' }),
        kyc_status: z.enum(KYC_STATUSES),
        is_kyc_verified: z.boolean(),
        documents_expired: z.boolean().meta({ description: 'No identity document on file, or it expired before var(as_of_date)' }),
        is_high_risk_country: z.boolean().meta({ description: 'Residence or nationality on the FATF lists (seeds/high_risk_countries.csv)' }),
        is_pep: z.boolean().meta({ description: 'Politically exposed person' }),
        kyc_risk_flags: z.number().int().min(0).max(4).meta({ description: 'How many of: not verified, documents expired, high-risk country, PEP' }),
        transactions: count('Transactions in the export'),
        total_debits: money('Sum of debits, reporting currency'),
        total_credits: money('Sum of credits, reporting currency'),
        current_balance: z.number().meta({ description: 'total_credits - total_debits (may be negative: overdraft)' }),
        last_transaction_at: z.iso.datetime().nullable(),
        fraud_signals: count('Rows of fraud_signals for this customer'),
        max_fraud_score: z.number().min(0).max(1).nullable(),
      }),
      tests: [{ name: 'expression_is_true', expression: 'is_kyc_verified = (kyc_status = \'verified\')' }],
    },
    fct_transactions: {
      description: 'Debit and credit totals and counts per customer and UTC day, with the running balance, in the reporting currency.',
      contract: true,
      columns: z.object({
        customer_id: customerId({ references: ref('dim_customers', 'customer_id') }),
        transaction_date: z.iso.date(),
        reporting_currency: z.enum(CURRENCIES),
        transactions: z.number().int().min(1),
        debit_count: count('Debits that day'),
        debit_total: money('Sum of debits that day'),
        credit_count: count('Credits that day'),
        credit_total: money('Sum of credits that day'),
        net_amount: z.number().meta({ description: 'credit_total - debit_total' }),
        closing_balance: z.number().meta({ description: 'Running sum of net_amount up to and including the day' }),
      }),
      tests: [
        { name: 'unique_combination', columns: ['customer_id', 'transaction_date'] },
        { name: 'expression_is_true', expression: 'transactions = debit_count + credit_count' },
      ],
    },
    fraud_signals: {
      description: 'One row per transaction and fraud rule that flagged it, with a reason in words and a score from 0 to 1.',
      contract: true,
      columns: z.object({
        signal_id: z.string().regex(/^[0-9a-f]{32}$/).meta({ unique: true, description: 'md5 of transaction_id and signal_type' }),
        transaction_id: z.string().regex(/^T[0-9]{9}$/),
        customer_id: customerId({ references: ref('dim_customers', 'customer_id') }),
        transaction_at: z.iso.datetime(),
        transaction_date: z.iso.date(),
        signal_type: z.enum(SIGNAL_TYPES),
        signal_category: z.enum(SIGNAL_CATEGORIES),
        amount_reporting: money('The transaction in the reporting currency'),
        score: z.number().min(0).max(1).meta({ description: 'How strongly the rule fired: 0.5 at its threshold, 1 at twice it or more' }),
        reason: z.string().min(1),
      }),
      tests: [
        { name: 'unique_combination', columns: ['transaction_id', 'signal_type'] },
        { name: 'expression_is_true', expression: "(signal_category = 'amount') = (signal_type in ('unusual_amount', 'round_amount_burst'))" },
      ],
    },
  },
});
