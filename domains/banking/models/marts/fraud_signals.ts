import { defineModel, sql } from '@strata/core';
import intermediate from '../intermediate/schema';

/**
 * Every fraud signal, one row per transaction and rule that flagged it, with the reason in words
 * and a score between 0 and 1. Amount rules: unusual_amount, round_amount_burst. Location rules:
 * far_from_home, impossible_travel; each lives in models/intermediate/int_fraud_*.sql.
 *
 * Written in TypeScript because the rules are a list: adding a rule is adding its model here
 * (typed from its schema, so a rule whose columns differ fails `tsc`), and the union follows.
 */
const rules = {
  int_fraud_unusual_amounts: intermediate.models.int_fraud_unusual_amounts,
  int_fraud_round_bursts: intermediate.models.int_fraud_round_bursts,
  int_fraud_far_from_home: intermediate.models.int_fraud_far_from_home,
  int_fraud_impossible_travel: intermediate.models.int_fraud_impossible_travel,
};
const ruleNames = Object.keys(rules) as Array<keyof typeof rules>;

export default defineModel({
  refs: rules,
  query: (db, ctx) =>
    db
      .with('signals', (qb) => ruleNames.map((rule) => qb.selectFrom(rule).selectAll()).reduce((all, next) => all.unionAll(next)))
      .selectFrom('signals')
      .select((eb) => [
        ctx.macro<string>('surrogate_key', ['transaction_id', 'signal_type']).as('signal_id'),
        'transaction_id',
        'customer_id',
        'transaction_at',
        sql<string>`cast(${eb.ref('transaction_at')} as ${ctx.macro('type_date')})`.as('transaction_date'),
        'signal_type',
        'signal_category',
        'amount_reporting',
        eb.fn<number>('round', ['score', sql.lit(3)]).as('score'),
        'reason',
      ]),
});
