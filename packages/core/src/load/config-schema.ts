import { z } from 'zod';
import { exportsSchema, exposuresSchema } from './exposure-schema.js';

/**
 * Runtime shape of `strata.config.ts`. jiti strips types without checking them, so this is what
 * catches a config "type error" (a misspelt materialization, a number where a name belongs).
 */
const materialization = z.enum(['view', 'table', 'ephemeral', 'incremental', 'seed', 'snapshot']);

const hooks = z.union([z.string(), z.array(z.string())]);

const folderConfig: z.ZodType = z.lazy(() =>
  z
    .object({
      materialized: materialization.optional(),
      schema: z.string().min(1).optional(),
      tags: z.array(z.string()).optional(),
      enabled: z.boolean().optional(),
      access: z.enum(['public', 'protected', 'private']).optional(),
      unique_key: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
      incremental_strategy: z.enum(['append', 'merge', 'delete+insert']).optional(),
      on_schema_change: z.enum(['ignore', 'fail', 'append_new_columns', 'sync_all_columns']).optional(),
      full_refresh: z.boolean().optional(),
      pre_hook: hooks.optional(),
      post_hook: hooks.optional(),
      // Privileges given to roles after each build (on adapters with roles): { select: ['reporter'] }.
      grants: z.record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1))])).optional(),
    })
    .catchall(z.unknown()),
);

const span = z.object({ count: z.number().positive(), period: z.enum(['minute', 'hour', 'day']) }).strict();

/** Freshness limits of a source or a source table. */
export const freshnessSchema = z.object({ warnAfter: span.optional(), errorAfter: span.optional(), filter: z.string().optional() }).strict();

const selectorList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const selectorDefinition = z.union([selectorList, z.object({ select: selectorList, exclude: selectorList.optional(), description: z.string().optional() }).strict()]);

const retries = z
  .object({ count: z.number().int().min(0).max(20).optional(), backoffMs: z.number().min(0).optional(), maxBackoffMs: z.number().min(0).optional() })
  .strict();

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
    .record(
      z.string(),
      z
        .object({ schema: z.string().optional(), description: z.string().optional(), tables: z.array(z.string()), loadedAtField: z.string().min(1).optional(), freshness: freshnessSchema.optional() })
        .strict(),
    )
    .optional(),
  snapshots: z.object({ schema: z.string().min(1).optional(), tags: z.array(z.string()).optional() }).catchall(z.unknown()).optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  onRunStart: hooks.optional(),
  onRunEnd: hooks.optional(),
  selectors: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'selector names are identifiers'), selectorDefinition).optional(),
  retries: retries.optional(),
  targets: z.record(z.string(), z.object({ adapter: z.string(), schema: z.string().optional(), retries: retries.optional() }).catchall(z.unknown())).optional(),
  defaultTarget: z.string().optional(),
  exposures: exposuresSchema.optional(),
  pii: z
    .object({
      allow: z.array(z.string().min(1)).optional(),
      masking: z.array(z.string().min(1)).optional(),
      extraMasking: z.array(z.string().min(1)).optional(),
      maskingMacros: z.array(z.string().min(1)).optional(),
      deidentified: z.array(z.string().regex(/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/, 'name columns as model.column')).optional(),
    })
    .strict()
    .optional(),
  exports: exportsSchema.optional(),
}).catchall(z.unknown());
