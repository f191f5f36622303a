import { z } from 'zod';
import { defineSchemas } from '@strata/core';
import { CURRENCIES, DIRECTIONS, SUBTYPES } from '../models/staging/schema';

/** Reference seeds (in `banking_reference`), typed so dates and codes load as what they are. */
export default defineSchemas({
  seeds: {
    fx_rates: {
      description: 'Monthly exchange rates: US dollars per unit of each currency. Conversions use the rate of the transaction month.',
      columns: z.object({
        rate_month: z.iso.date().meta({ description: 'First day of the month' }),
        currency: z.enum(CURRENCIES),
        usd_per_unit: z.number().positive(),
      }),
      tests: [{ name: 'unique_combination', columns: ['rate_month', 'currency'] }],
    },
    transaction_types: {
      description: 'Every transaction type spelling, normalised (lower case, _ for spaces and dashes, no dots), with its direction and subtype.',
      columns: z.object({
        code: z.string().meta({ unique: true }),
        direction: z.enum(DIRECTIONS),
        subtype: z.enum(SUBTYPES),
      }),
    },
    country_codes: {
      description: 'ISO 3166 countries: alpha-2, alpha-3 and English name, to read countries written any of those ways.',
      columns: z.object({
        iso2: z.string().length(2).meta({ unique: true }),
        iso3: z.string().length(3).meta({ unique: true }),
        name: z.string().meta({ unique: true }),
      }),
    },
    high_risk_countries: {
      description: 'FATF high-risk (call for action) and increased-monitoring jurisdictions, February 2024. Illustrative: use your compliance list.',
      columns: z.object({
        iso2: z.string().length(2).meta({ unique: true }),
        list: z.enum(['call_for_action', 'increased_monitoring']),
      }),
    },
  },
});
