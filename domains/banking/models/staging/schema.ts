import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

/**
 * The core-banking export (`bank.*`, every column VARCHAR: staging parses the text) and the
 * staging models that clean it. Columns tagged `.meta({ pii: true })` hold personal data: only
 * staging reads them and no model exposes them (tests/assert_no_pii_after_staging.sql).
 */

const pii = (description: string) => z.string().nullable().meta({ pii: true, description });
const text = (description: string) => z.string().nullable().meta({ description });

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;
export const DIRECTIONS = ['debit', 'credit'] as const;
export const SUBTYPES = ['unspecified', 'card_purchase', 'online_purchase', 'atm_withdrawal', 'withdrawal', 'transfer', 'fee', 'deposit', 'salary', 'interest', 'refund'] as const;
export const CHANNELS = ['card', 'atm', 'online', 'branch', 'other'] as const;
export const ACCOUNT_TYPES = ['checking', 'savings', 'business'] as const;
export const KYC_STATUSES = ['verified', 'pending', 'rejected', 'unknown'] as const;

// Five digits or more: the core-banking system pads numbers to five digits, and a bank with more
// than 99,999 customers (datagen scale 1,000 and up: ~10M transactions) has six.
const customerId = (meta: { unique?: boolean; references?: ReturnType<typeof ref> } = {}) =>
  z.string().regex(/^C[0-9]{5,}$/).meta({ description: 'Customer number, upper case: C00042', ...meta });
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export default defineSchemas({
  sources: {
    bank: {
      transactions: {
        description: 'Posted transactions of every account, as the core-banking system exports them (a row may repeat).',
        columns: z.object({
          txn_id: z.string().meta({ description: 'Transaction number, T000000001 or t000000001' }),
          customer_id: z.string().meta({ description: 'Customer number in any case, maybe with a leading space' }),
          posted_at: z.string().meta({ description: 'UTC instant: ISO with Z, naive UTC, +02:00 offset, or 2024/03/01 10:15:00' }),
          txn_type: z.string().meta({ description: 'DEBIT, dr, withdrawal, CREDIT, cr, deposit, transfer_in, Card Purchase, …' }),
          amount: z.string().meta({ description: '$1,234.50, -45.00, (45.00), ¥30,000, USD 1,234.50, 12.00 eur …' }),
          currency: text('ISO code in any case, or blank when the amount carries a symbol or code'),
          channel: text('card, pos, atm, online, web, branch, …'),
          merchant: text('Merchant name for card and online payments'),
          latitude: text('Where a card was used, decimal degrees; blank when not card-present'),
          longitude: text('Where a card was used, decimal degrees; blank when not card-present'),
          description: pii('Free text; names the other party of a transfer'),
        }),
      },
      customers: {
        description: 'Account holders with identity and KYC data (a row may repeat).',
        columns: z.object({
          customer_id: z.string(),
          full_name: pii('First Last, or LAST, FIRST'),
          date_of_birth: pii('Date of birth: ISO, Y/m/d, d-Mon-Y or compact'),
          email: pii('E-mail address'),
          phone: pii('Phone number, international format'),
          street_address: pii('Street and number'),
          national_id: pii('Passport, ID card or SSN number'),
          residence_country: text('Country of residence: alpha-2, alpha-3 or English name, any case'),
          nationality: text('Nationality, written like residence_country'),
          account_type: text('Checking, CHK, Savings, SAV, Business, BUS, biz'),
          account_currency: text('ISO code in any case'),
          home_branch: text('Home branch id: BR01, br01, BR-01, br 01'),
          kyc_status: text('Verified, V, pending, in review, rejected, failed …'),
          id_document_expiry: text('Expiry of the identity document on file; blank when none'),
          is_pep: text('Politically exposed person: Y/N, yes/no, TRUE/FALSE, 1/0, blank'),
          opened_on: text('Account opening date'),
        }),
      },
      branches: {
        description: 'Branches with their coordinates.',
        columns: z.object({
          branch_id: z.string(),
          branch_name: z.string(),
          city: z.string(),
          country: text('Alpha-2, alpha-3 or English name'),
          latitude: z.string().meta({ description: 'Decimal degrees, signed or with N/S' }),
          longitude: z.string().meta({ description: 'Decimal degrees, signed or with E/W' }),
          opened_on: text('Opening date'),
        }),
      },
    },
  },
  models: {
    stg_branches: {
      description: 'One row per branch with numeric coordinates.',
      columns: z.object({
        branch_id: z.string().regex(/^BR[0-9]{2}$/).meta({ unique: true }),
        branch_name: z.string(),
        city: z.string(),
        country: z.string().length(2),
        latitude,
        longitude,
        opened_date: z.iso.date(),
      }),
    },
    stg_customers: {
      description: 'One row per customer, without identity data: age, account, home branch, countries and KYC facts.',
      columns: z.object({
        customer_id: customerId({ unique: true }),
        age: z.number().int().min(18).max(120).meta({ description: 'Whole years on var(as_of_date)' }),
        account_type: z.enum(ACCOUNT_TYPES),
        account_currency: z.enum(CURRENCIES),
        home_branch_id: z.string().meta({ references: ref('stg_branches', 'branch_id') }),
        residence_country: z.string().length(2),
        nationality: z.string().length(2),
        kyc_status: z.enum(KYC_STATUSES),
        document_expiry_date: z.iso.date().nullable(),
        is_pep: z.boolean(),
        opened_date: z.iso.date(),
      }),
    },
    stg_transactions: {
      description: 'One row per transaction: a UTC timestamp, debit or credit with a subtype, the amount in its own currency and in the reporting currency.',
      columns: z.object({
        transaction_id: z.string().regex(/^T[0-9]{9}$/).meta({ unique: true }),
        customer_id: customerId({ references: ref('stg_customers', 'customer_id') }),
        transaction_at: z.iso.datetime().meta({ description: 'UTC' }),
        transaction_date: z.iso.date().meta({ description: 'UTC day' }),
        direction: z.enum(DIRECTIONS),
        subtype: z.enum(SUBTYPES),
        channel: z.enum(CHANNELS),
        amount_original: z.number().min(0).meta({ description: 'Absolute amount in `currency`' }),
        currency: z.enum(CURRENCIES),
        fx_rate: z.number().positive().meta({ description: 'Reporting-currency units per unit of `currency`, that month (seeds/fx_rates.csv)' }),
        amount_reporting: z.number().min(0).meta({ description: 'amount_original × fx_rate, rounded to cents' }),
        merchant: z.string().nullable(),
        latitude: latitude.nullable(),
        longitude: longitude.nullable(),
      }),
      tests: [{ name: 'expression_is_true', expression: '(latitude is null) = (longitude is null)' }],
    },
  },
});
