import { z } from 'zod';

export default {
  models: {
    revenue: {
      contract: true,
      columns: z.object({
        revenue: z.number(),
        currency: z.string(),
      }),
    },
  },
};
