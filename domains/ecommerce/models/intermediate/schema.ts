import { defineSchemas } from '@strata/core';

/**
 * Ephemeral models have no relation of their own to test; they are checked through the models
 * built from them (and tests/high_order_value.sql reads int_customer_orders directly).
 */
export default defineSchemas({
  models: {
    int_customer_orders: {
      description: 'Every order joined with the customer who placed it (ephemeral).',
    },
  },
});
