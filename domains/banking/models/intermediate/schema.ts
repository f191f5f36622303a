import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

/**
 * Intermediate models: one view per fraud rule in `banking_intermediate`, unioned by
 * fraud_signals. Every rule scores more than 0.5 past its threshold and at most 1.
 */
function signalSchema(type: string, category: 'amount' | 'location', description: string) {
  return {
    description,
    columns: z.object({
      transaction_id: z.string().meta({ unique: true, references: ref('stg_transactions', 'transaction_id') }),
      customer_id: z.string().regex(/^C[0-9]{5,}$/),
      transaction_at: z.iso.datetime(),
      amount_reporting: z.number().min(0),
      signal_type: z.literal(type),
      signal_category: z.literal(category),
      score: z.number().min(0.5).max(1).meta({ description: 'Unrounded; over 0.5 once past the threshold, capped at 1' }),
      reason: z.string().min(1),
    }),
  };
}

export default defineSchemas({
  models: {
    int_fraud_unusual_amounts: signalSchema('unusual_amount', 'amount', 'Debits more than var(fraud_amount_stddevs) standard deviations above the customer\'s earlier debits.'),
    int_fraud_round_bursts: signalSchema('round_amount_burst', 'amount', 'Debits in bursts of round amounts.'),
    int_fraud_far_from_home: signalSchema('far_from_home', 'location', 'Card-present transactions far from the home branch.'),
    int_fraud_impossible_travel: signalSchema('impossible_travel', 'location', 'Card-present transactions too far from the previous one for the time between them.'),
  },
});
