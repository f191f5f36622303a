import { z } from 'zod';

/** Runtime shape of `exposures` in `strata.config.ts` (see `ExposureConfig`). */
export const exposuresSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'exposure names are identifiers (letters, digits, _)'),
  z
    .object({
      type: z.enum(['dashboard', 'notebook', 'analysis', 'ml', 'application']),
      owner: z
        .object({ name: z.string().min(1).optional(), email: z.string().min(1).optional() })
        .strict()
        .refine((o) => o.name !== undefined || o.email !== undefined, 'an owner needs a name or an email'),
      url: z.string().min(1).optional(),
      label: z.string().optional(),
      description: z.string().optional(),
      maturity: z.enum(['low', 'medium', 'high']).optional(),
      tags: z.array(z.string()).optional(),
      dependsOn: z.array(z.string().min(1)).min(1, 'an exposure must depend on at least one model'),
    })
    .strict(),
);

/** Runtime shape of `exports` in `strata.config.ts` (see `ExportsConfig`). */
export const exportsSchema = z
  .object({
    airflow: z
      .object({
        schedule: z.string().min(1).nullable().optional(),
        startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date such as 2024-01-01').optional(),
        retries: z.number().int().min(0).optional(),
        retryDelayMinutes: z.number().min(0).optional(),
        pool: z.string().min(1).optional(),
        owner: z.string().min(1).optional(),
        target: z.string().min(1).optional(),
        tags: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    lookml: z.object({ connection: z.string().min(1).optional(), models: z.array(z.string().min(1)).optional() }).strict().optional(),
  })
  .strict();
