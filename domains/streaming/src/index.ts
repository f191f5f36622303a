/**
 * @strata-domains/streaming — the project (its folder and definition), the zod schemas of its
 * public marts (`fct_streams`, `dim_users`, `retention_analysis` in `streaming_marts`), and their
 * generated row types and Kysely `Database` interfaces.
 *
 * @example
 *   import { Kysely } from 'kysely';
 *   import type { StreamingDatabase } from '@strata-domains/streaming';
 *   const db = new Kysely<StreamingDatabase>({ dialect });
 *   const cohorts = await db.selectFrom('streaming_marts.retention_analysis').selectAll().execute();
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import marts from '../models/marts/schema.js';

/** Folder of the Strata project (strata.config.ts, models/, seeds/ …) inside the installed package. */
export const projectDir: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The project definition (`strata.config.ts`): name, schemas, folder settings, sources, vars. */
export { default as project } from '../strata.config';

/** Zod schema of `streaming_marts.fct_streams`: viewing per title and UTC day. */
export const fctStreamsSchema = marts.models.fct_streams.columns;
/** Zod schema of `streaming_marts.dim_users`: one row per account with its plan history. */
export const dimUsersSchema = marts.models.dim_users.columns;
/** Zod schema of `streaming_marts.retention_analysis`: the monthly cohort triangle. */
export const retentionAnalysisSchema = marts.models.retention_analysis.columns;

export type { FctStreamsRow, DimUsersRow, RetentionAnalysisRow, StreamingMarts, StreamingDatabase } from './database.generated';
export { streamingRelations } from './database.generated';
