import { createReadStream } from 'node:fs';

/** One record of a CSV file with the line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Streams the records of a CSV file (RFC 4180: quoted fields may hold delimiters, doubled quotes
 * and newlines), never holding the file in memory. Line numbers count physical lines, so a
 * record spanning two lines is reported at the first.
 *
 * @example for await (const { line, fields } of csvRecords('seeds/orders.csv')) …
 */
export async function* csvRecords(file: string, delimiter = ','): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  /** Inside quotes, a `"` was just read: a doubled quote if another follows, else the closing one. */
  let quoteSeen = false;
  let pendingCr = false;
  let any = false;
  let line = 1;
  let start = 1;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const out: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          inQuotes = false;
        } else {
          if (ch === '"') quoteSeen = true;
          else {
            if (ch === '\n') line++;
            field += ch;
          }
          continue;
        }
      }
      if (ch === '"' && field === '') {
        inQuotes = true;
        any = true;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
        any = true;
      } else if (ch === '\n' || ch === '\r') {
        pendingCr = ch === '\r';
        if (any || field !== '') out.push({ line: start, fields: [...fields, field] });
        fields = [];
        field = '';
        any = false;
        line++;
        start = line;
      } else {
        field += ch;
        any = true;
      }
    }
    yield* out;
  }
  if (any || field !== '') yield { line: start, fields: [...fields, field] };
}
