import { z } from 'zod';

export default {
  seeds: {
    orders: {
      columns: z.object({
        order_id: z.number().int(),
        amount: z.number(),
        status: z.string(),
      }),
    },
  },
};
