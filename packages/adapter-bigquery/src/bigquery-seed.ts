import { closeSync, openSync, readSync } from 'node:fs';
import { SeedError, type RelationRef, type SeedOptions } from '@strata/core';
import type { BigQueryConnection } from './bigquery-connection.js';
import type { BigQueryDialect } from './bigquery-dialect.js';
import { BigQueryJobFailure, describeFailure } from './bigquery-errors.js';
import type { JobResource } from './bigquery-jobs.js';
import type { BigQueryField } from './bigquery-values.js';
import { readCsvHeader } from './read-csv-header.js';

/** Types tried, in order, for a seed column that declares none (what DuckDB's sniffer would pick). */
const INFERRED = ['BOOL', 'INT64', 'FLOAT64', 'DATE', 'TIMESTAMP'];

/** The 1-based line of a byte offset, counted by streaming the file (seeds can be large). */
export function lineAtOffset(file: string, offset: number): number {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    let line = 1;
    let read = 0;
    while (read < offset) {
      const bytes = readSync(fd, buffer, 0, Math.min(buffer.length, offset - read), read);
      if (bytes === 0) break;
      for (let i = 0; i < bytes; i++) if (buffer[i] === 0x0a) line++;
      read += bytes;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

/** Checks the file's header against the declared columns, as every adapter does. */
export function checkSeedHeader(file: string, options: SeedOptions): string[] {
  const delimiter = options.delimiter ?? ',';
  const header = readCsvHeader(file, delimiter);
  if (header.length === 0) throw new SeedError('E_SEED_EMPTY', 'seed file is empty: it needs at least a header row', { file, line: 1 });
  if (options.columns) {
    const declared = options.columns.map((c) => c.name);
    const missing = declared.filter((c) => !header.includes(c));
    const extra = header.filter((c) => !declared.includes(c));
    if (missing.length || extra.length || header.join() !== declared.join()) {
      throw new SeedError(
        'E_SEED_HEADER',
        `seed header does not match its schema${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; unexpected: ${extra.join(', ')}` : ''}${!missing.length && !extra.length ? '; columns are in a different order' : ''}`,
        { file, line: 1, hint: `expected header: ${declared.join(delimiter)}` },
      );
    }
  }
  return header;
}

/**
 * The load job configuration of a seed: CSV with a header row, strict (no bad records, no
 * jagged rows), every column typed — declared columns with their type, others as STRING to be
 * inferred afterwards — so BigQuery never guesses names from the header.
 */
export function seedLoadConfiguration(fields: BigQueryField[], delimiter: string): Record<string, unknown> {
  return {
    sourceFormat: 'CSV',
    skipLeadingRows: 1,
    fieldDelimiter: delimiter,
    quote: '"',
    allowQuotedNewlines: true,
    allowJaggedRows: false,
    maxBadRecords: 0,
    encoding: 'UTF-8',
    schema: { fields },
    writeDisposition: 'WRITE_TRUNCATE',
    createDisposition: 'CREATE_IF_NEEDED',
  };
}

/** A failed load as a SeedError with the line BigQuery's byte offset points at. */
export function seedLoadError(error: unknown, file: string): SeedError {
  const details = error instanceof BigQueryJobFailure ? error.errors : [{ message: describeFailure(error).message }];
  const messages = details.map((d) => (d.message ?? '').replace(/^Error while reading data, error message: /, '')).filter(Boolean);
  const specific = messages.find((m) => !/too many errors|giving up/i.test(m)) ?? messages[0] ?? 'the load job failed';
  // BigQuery points at bad rows by byte offset: "starting at location 54" or "line starting at position:40".
  const all = messages.join(' ');
  const offset = (/starting at location\s*(\d+)/i.exec(all) ?? /position:\s*(\d+)/i.exec(all))?.[1];
  const line = /line:?\s*(\d+)/i.exec(specific)?.[1];
  return new SeedError('E_SEED_LOAD', `seed could not be loaded by BigQuery: ${specific.replace(/\s+/g, ' ').trim().slice(0, 400)}`, {
    file,
    line: line ? Number(line) : offset ? lineAtOffset(file, Number(offset)) : undefined,
    hint: 'fix the row named above (column count, delimiter, quoting, or a value that does not fit its declared type); the previous table was kept',
    cause: { reason: describeFailure(error).reason },
  });
}

/**
 * The SQL that infers a type for each STRING-loaded column: per column and candidate type, the
 * number of non-null values that do not cast. A column takes the first type with none.
 */
export function inferenceQuery(dialect: BigQueryDialect, relation: RelationRef, columns: string[]): string {
  const checks = columns.flatMap((c, i) => INFERRED.map((t) => `COUNTIF(${dialect.quoteIdentifier(c)} IS NOT NULL AND SAFE_CAST(${dialect.quoteIdentifier(c)} AS ${t}) IS NULL) AS c${i}_${t}`));
  return `SELECT COUNT(*) AS row_count, ${checks.join(', ')}\nFROM ${dialect.renderRelation(relation)}`;
}

/** The type each column gets from the inference query's counts (all-null columns stay STRING). */
export function inferredTypes(columns: string[], counts: Record<string, unknown>): string[] {
  return columns.map((_, i) => INFERRED.find((t) => Number(counts[`c${i}_${t}`]) === 0) ?? 'STRING');
}

/**
 * Loads a seed file into `staged` with a load job (a multipart upload of the file, streamed by
 * the client library), then — for columns without a declared type — builds `typed` with the
 * inferred types. Returns the relation holding the final rows and their count.
 */
export async function loadSeed(connection: BigQueryConnection, dialect: BigQueryDialect, staged: RelationRef, typed: RelationRef, file: string, options: SeedOptions): Promise<{ relation: RelationRef; rows: number }> {
  const header = checkSeedHeader(file, options);
  const declared = new Map((options.columns ?? []).map((c) => [c.name, c.type]));
  const fields: BigQueryField[] = header.map((name) => ({ name, type: declared.get(name) ?? 'STRING', mode: 'NULLABLE' }));
  const configuration = seedLoadConfiguration(fields, options.delimiter ?? ',');
  const { jobs } = connection;
  let job: JobResource;
  try {
    const table = jobs.client.dataset(staged.schema, { projectId: staged.database ?? jobs.config.project, location: jobs.config.location }).table(staged.name, { location: jobs.config.location });
    job = await jobs.run('load job', (jobId) =>
      jobs.retrying('load upload', async (attempt) => {
        try {
          const [, resource] = await table.createLoadJob(file, { ...configuration, jobId });
          return resource as JobResource;
        } catch (error) {
          if (attempt > 1 && describeFailure(error).status === 409) return jobs.call<JobResource>('GET', `/jobs/${jobId}`, { qs: { location: jobs.config.location } });
          throw error;
        }
      }),
    );
  } catch (error) {
    throw seedLoadError(error, file);
  }
  const rows = Number(job.statistics?.load?.outputRows ?? 0);
  const untyped = header.filter((name) => !declared.get(name));
  if (untyped.length === 0) return { relation: staged, rows };
  const [counts] = await connection.query(inferenceQuery(dialect, staged, untyped));
  const types = new Map(untyped.map((name, i) => [name, inferredTypes(untyped, counts ?? {})[i]!]));
  const select = header.map((name) => (types.has(name) && types.get(name) !== 'STRING' ? `CAST(${dialect.quoteIdentifier(name)} AS ${types.get(name)}) AS ${dialect.quoteIdentifier(name)}` : dialect.quoteIdentifier(name)));
  await connection.execute(`CREATE OR REPLACE TABLE ${dialect.renderRelation(typed)} AS\nSELECT ${select.join(', ')}\nFROM ${dialect.renderRelation(staged)}`);
  return { relation: typed, rows };
}
