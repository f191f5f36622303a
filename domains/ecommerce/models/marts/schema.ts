import { z } from 'zod';
import { defineSchemas } from '@strata/core';

export default defineSchemas({
  models: {
    dim_customers: {
      description: 'One row per customer with lifetime value',
      columns: z.object({
        customer_id: z.number().int().meta({ unique: true, description: 'customer key' }),
        order_count: z.number().int(),
        lifetime_value: z.number().min(0),
      }),
    },
  },
});
