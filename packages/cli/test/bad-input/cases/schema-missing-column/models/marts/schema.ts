import { z } from 'zod';

export default {
  models: {
    revenue: {
      columns: z.object({
        revenue: z.number(),
        currency: z.string(),
      }),
    },
  },
};
