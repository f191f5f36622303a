/**
 * @strata-domains/streaming — the Strata project folder and the typed schemas of its public
 * marts (`fct_streams`, `dim_users`, `retention_analysis` in `streaming_marts`).
 *
 * @example
 *   import { projectDir, type FctStreamsRow } from '@strata-domains/streaming';
 *   // strata build --project <projectDir>; then read streaming_marts.fct_streams as FctStreamsRow[]
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import marts from '../models/marts/schema.js';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Zod schema of `streaming_marts.fct_streams`: viewing per title and UTC day. */
export const fctStreamsSchema = marts.models.fct_streams.columns;
/** Zod schema of `streaming_marts.dim_users`: one row per account with its plan history. */
export const dimUsersSchema = marts.models.dim_users.columns;
/** Zod schema of `streaming_marts.retention_analysis`: the monthly cohort triangle. */
export const retentionAnalysisSchema = marts.models.retention_analysis.columns;

/** A row of `streaming_marts.fct_streams`. */
export type FctStreamsRow = z.infer<typeof fctStreamsSchema>;
/** A row of `streaming_marts.dim_users`. */
export type DimUsersRow = z.infer<typeof dimUsersSchema>;
/** A row of `streaming_marts.retention_analysis`. */
export type RetentionAnalysisRow = z.infer<typeof retentionAnalysisSchema>;

/** The public marts as a Kysely-style `Database` interface, keyed by `schema.table`. */
export interface StreamingDatabase {
  'streaming_marts.fct_streams': FctStreamsRow;
  'streaming_marts.dim_users': DimUsersRow;
  'streaming_marts.retention_analysis': RetentionAnalysisRow;
}
