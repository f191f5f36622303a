import { z } from 'zod';

/**
 * Runtime shape of `strata.config.ts`. jiti strips types without checking them, so this is what
 * catches a config "type error" (a misspelt materialization, a number where a name belongs).
 */
const materialization = z.enum(['view', 'table', 'ephemeral', 'incremental', 'seed', 'snapshot']);

const folderConfig: z.ZodType = z.lazy(() =>
  z
    .object({
      materialized: materialization.optional(),
      schema: z.string().min(1).optional(),
      tags: z.array(z.string()).optional(),
      enabled: z.boolean().optional(),
    })
    .catchall(z.unknown()),
);

export const projectConfigSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)'),
  version: z.string().optional(),
  schema: z.string().min(1).optional(),
  paths: z
    .object({
      models: z.string().optional(),
      seeds: z.string().optional(),
      tests: z.string().optional(),
      macros: z.string().optional(),
      snapshots: z.string().optional(),
    })
    .strict()
    .optional(),
  models: z.record(z.string(), folderConfig).optional(),
  seeds: z
    .object({
      schema: z.string().optional(),
      tags: z.array(z.string()).optional(),
      overrides: z.record(z.string(), z.object({ schema: z.string().optional(), delimiter: z.string().optional(), enabled: z.boolean().optional() })).optional(),
    })
    .strict()
    .optional(),
  sources: z
    .record(z.string(), z.object({ schema: z.string().optional(), description: z.string().optional(), tables: z.array(z.string()) }).strict())
    .optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  targets: z.record(z.string(), z.object({ adapter: z.string(), schema: z.string().optional() }).catchall(z.unknown())).optional(),
  defaultTarget: z.string().optional(),
}).catchall(z.unknown());
