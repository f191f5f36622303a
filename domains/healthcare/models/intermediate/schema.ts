import { z } from 'zod';
import { defineSchemas } from '@strata/core';

const count = (description: string) => z.number().int().min(0).meta({ description });

/** Intermediate models: views in `healthcare_intermediate`, checked like every other model. */
export default defineSchemas({
  models: {
    int_patient_activity: {
      description: 'Appointment and medication activity per patient key (patients with neither are absent).',
      columns: z.object({
        patient_key: z.string().regex(/^[0-9a-f]{32}$/).meta({ unique: true }),
        appointments: count('Appointments, any status'),
        appointments_completed: count('Attended'),
        appointments_cancelled: count('Cancelled'),
        no_shows: count('Not attended, not cancelled'),
        medications: count('Distinct medications'),
        doses_scheduled: count('Doses due'),
        doses_taken: count('Doses taken'),
      }),
      tests: [
        { name: 'expression_is_true', expression: 'appointments + doses_scheduled > 0' },
        { name: 'expression_is_true', expression: 'doses_taken <= doses_scheduled' },
      ],
    },
  },
});
