import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type CsvValue = string | number | boolean | null | undefined;

/** Quotes a CSV field when it holds a delimiter, quote or newline (RFC 4180). */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows (all with the header's keys) as CSV text. */
export function toCsv(header: string[], rows: Array<Record<string, CsvValue>>): string {
  return [header.join(','), ...rows.map((row) => header.map((h) => csvField(row[h])).join(','))].join('\n') + '\n';
}

/**
 * Streams rows to a CSV file without holding them in memory, for scale factors that produce
 * millions of rows. Resolves when the file is flushed.
 */
export async function writeCsv(file: string, header: string[], rows: Iterable<Record<string, CsvValue>>): Promise<number> {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let count = 0;
  const write = (chunk: string) => (out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(header.join(',') + '\n');
  let buffer = '';
  for (const row of rows) {
    buffer += header.map((h) => csvField(row[h])).join(',') + '\n';
    count++;
    if (buffer.length > 1 << 16) {
      await write(buffer);
      buffer = '';
    }
  }
  if (buffer) await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return count;
}
