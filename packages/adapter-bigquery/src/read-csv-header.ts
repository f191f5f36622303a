import { openSync, readSync, closeSync } from 'node:fs';

/**
 * The header fields of a CSV file, read from its first 64 KiB only (seeds may be gigabytes;
 * the rows themselves are read by DuckDB, never by Node). Returns [] for an empty file.
 */
export function readCsvHeader(file: string, delimiter: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    let text = buffer.subarray(0, bytes).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const end = text.search(/\r?\n/);
    const line = end < 0 ? text : text.slice(0, end);
    if (line.trim() === '') return [];
    return line.split(delimiter).map((field) => field.trim().replace(/^"(.*)"$/, '$1'));
  } finally {
    closeSync(fd);
  }
}
