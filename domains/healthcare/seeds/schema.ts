import { z } from 'zod';
import { defineSchemas } from '@strata/core';
import { APPOINTMENT_STATUSES } from '../models/staging/schema';

/** Reference seeds (in `healthcare_reference`): typed, so codes such as ZIP3 `036` keep their zeros. */
export default defineSchemas({
  seeds: {
    appointment_status_codes: {
      description: 'Every raw appointment status code seen in the scheduling systems, normalised (lower case, _ for spaces and dashes), and the status it means.',
      columns: z.object({
        code: z.string().meta({ unique: true, description: 'normalize_code(raw status)' }),
        status: z.enum(APPOINTMENT_STATUSES),
        description: z.string(),
      }),
    },
    us_states: {
      description: 'US states and DC: code and name, to read states written out in full.',
      columns: z.object({
        code: z.string().length(2).meta({ unique: true }),
        name: z.string().meta({ unique: true }),
      }),
    },
    restricted_zip3: {
      description: 'ZIP3 areas of 20,000 people or fewer; HIPAA Safe Harbor reports them as 000.',
      columns: z.object({ zip3: z.string().regex(/^[0-9]{3}$/).meta({ unique: true }) }),
    },
  },
});
