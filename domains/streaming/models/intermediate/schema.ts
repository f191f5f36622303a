import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

export default defineSchemas({
  models: {
    int_daily_streams: {
      description: 'Viewing per signed-in user and UTC day: sessions, minutes watched and distinct titles',
      columns: z.object({
        user_id: z.string().meta({ references: ref('stg_users', 'user_id') }),
        stream_date: z.iso.date(),
        sessions: z.number().int().positive(),
        watch_seconds: z.number().int().positive().meta({ description: 'Sum of session seconds: the exact total, for rollups over days' }),
        minutes_watched: z.number().positive().max(1440 * 3).meta({ description: 'Sum of session minutes; sessions may overlap across devices' }),
        distinct_shows: z.number().int().positive(),
      }),
      tests: [
        { name: 'unique_combination', columns: ['user_id', 'stream_date'] },
        { name: 'expression_is_true', expression: 'distinct_shows <= sessions' },
        { name: 'expression_is_true', expression: 'minutes_watched = watch_seconds / 60.0' },
      ],
      contract: true,
    },
  },
});
