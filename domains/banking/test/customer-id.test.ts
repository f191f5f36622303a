/**
 * Customer numbers are padded to five digits and grow a sixth past 99,999 customers (the
 * generator at scale 1,000 and up, ~10M transactions): every model's contract accepts both.
 */
import { describe, expect, it } from 'vitest';
import intermediate from '../models/intermediate/schema';
import marts from '../models/marts/schema';
import staging from '../models/staging/schema';

const contracts = {
  'stg_customers.customer_id': staging.models.stg_customers.columns.shape.customer_id,
  'stg_transactions.customer_id': staging.models.stg_transactions.columns.shape.customer_id,
  'int_fraud_far_from_home.customer_id': intermediate.models.int_fraud_far_from_home.columns.shape.customer_id,
  'dim_customers.customer_id': marts.models.dim_customers.columns.shape.customer_id,
  'fct_transactions.customer_id': marts.models.fct_transactions.columns.shape.customer_id,
};

describe('customer numbers', () => {
  it.each(Object.entries(contracts))('%s accepts five and six digits, nothing else', (_, contract) => {
    expect(['C00042', 'C99999', 'C100000', 'C273373'].map((id) => contract.safeParse(id).success)).toEqual([true, true, true, true]);
    expect(['c00042', 'C0042', 'C00042 ', '00042', 'CX0042'].map((id) => contract.safeParse(id).success)).toEqual([false, false, false, false, false]);
  });
});
