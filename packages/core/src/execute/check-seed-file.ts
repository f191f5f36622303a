import { closeSync, openSync, readSync } from 'node:fs';
import { SeedError } from '../errors/strata-error.js';
import type { SeedNode } from '../parse/manifest.js';

/** Bytes read from the start of a seed: enough for any header, nothing like a whole file (seeds may be gigabytes). */
const HEAD_BYTES = 64 * 1024;

/** Delimiters a seed file commonly uses; a one-column header holding one of them means the wrong one is configured. */
const LIKELY_DELIMITERS = [',', ';', '\t', '|'];

const shown = (delimiter: string) => (delimiter === '\t' ? '\\t' : delimiter);

/** The first line (the header) and where the first invalid UTF-8 byte sits in the file's head. */
function readHead(file: string): { header: string; invalidAt?: { line: number }; empty: boolean } {
  const fd = openSync(file, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    bytes = buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
  let invalidAt: { line: number } | undefined;
  try {
    // `stream: true` lets a character cut at the end of the head through.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    const bad = firstInvalidByte(bytes);
    invalidAt = { line: bytes.subarray(0, bad).toString('latin1').split('\n').length };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const end = text.search(/\r?\n/);
  return { header: end < 0 ? text : text.slice(0, end), invalidAt, empty: text.trim() === '' };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > bytes.length) return bytes.length; // cut at the end of the head: not an error
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * Checks what can be told from the head of a seed file before any adapter reads it, with errors
 * every adapter reports alike: an empty file (E_SEED_EMPTY), bytes that are not UTF-8
 * (E_SEED_ENCODING) and a header that only makes sense with another delimiter (E_SEED_DELIMITER).
 * A UTF-8 byte-order mark and CRLF line ends are fine. Reads 64 KiB at most.
 *
 * @example checkSeedFile(node) // throws SeedError E_SEED_DELIMITER for 'id;name' with delimiter ','
 */
export function checkSeedFile(node: SeedNode): void {
  if (!node.file) return;
  const file = node.file;
  const { header, invalidAt, empty } = readHead(file);
  if (empty) throw new SeedError('E_SEED_EMPTY', `seed '${node.name}' is empty: it needs at least a header row`, { file, line: 1, hint: 'add a header line naming the columns (a header alone loads an empty table)' });
  if (invalidAt) {
    throw new SeedError('E_SEED_ENCODING', `seed '${node.name}' is not valid UTF-8 (first bad byte on line ${invalidAt.line})`, {
      file,
      line: invalidAt.line,
      hint: 'save the file as UTF-8, e.g. iconv -f latin1 -t utf-8 in.csv > out.csv; the previous table was kept',
    });
  }
  const delimiter = node.delimiter;
  if (header.split(delimiter).length === 1) {
    const likely = LIKELY_DELIMITERS.filter((d) => d !== delimiter && header.split(d).length > 1).sort((a, b) => header.split(b).length - header.split(a).length)[0];
    if (likely) {
      throw new SeedError('E_SEED_DELIMITER', `seed '${node.name}' has a one-column header '${header}' with delimiter '${shown(delimiter)}': the file looks '${shown(likely)}'-delimited`, {
        file,
        line: 1,
        hint: `set seeds: { overrides: { ${node.name}: { delimiter: '${shown(likely)}' } } } in strata.config.ts, or write the file with '${shown(delimiter)}'`,
      });
    }
  }
}
