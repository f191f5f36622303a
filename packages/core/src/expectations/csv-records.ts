import { createReadStream } from 'node:fs';

/** One record of a CSV file with the line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Reads one record that holds quotes, starting at `start`: fields may contain delimiters,
 * doubled quotes and newlines. Returns undefined when the buffer ends inside the record and
 * more of the file is coming.
 */
function quotedRecord(buffer: string, start: number, delimiter: string, final: boolean): { fields: string[]; end: number; lines: number } | undefined {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let lines = 1;
  let i = start;
  for (; i < buffer.length; i++) {
    const ch = buffer[i]!;
    if (inQuotes) {
      if (ch !== '"') {
        if (ch === '\n') lines++;
        field += ch;
      } else if (buffer[i + 1] === '"') {
        field += '"';
        i++;
      } else if (i + 1 === buffer.length && !final) return undefined;
      else inQuotes = false;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n') {
      fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      return { fields, end: i + 1, lines };
    } else field += ch;
  }
  if (!final) return undefined;
  fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
  return { fields, end: i, lines };
}

/**
 * Streams the records of a CSV file (RFC 4180: quoted fields may hold delimiters, doubled quotes
 * and newlines) in batches, one per chunk read, never holding the file in memory. Lines without
 * quotes take a fast path (a split). Line numbers count physical lines, so a record spanning two
 * lines is reported at the first; blank lines are skipped.
 *
 * @example for await (const batch of csvRecords('seeds/orders.csv')) for (const { line, fields } of batch) …
 */
export async function* csvRecords(file: string, delimiter = ','): AsyncGenerator<CsvRecord[]> {
  let buffer = '';
  let line = 1;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const drain = (final: boolean): CsvRecord[] => {
    const out: CsvRecord[] = [];
    let pos = 0;
    while (pos < buffer.length) {
      const newline = buffer.indexOf('\n', pos);
      if (newline < 0 && !final) break;
      const stop = newline < 0 ? buffer.length : newline;
      let text = buffer.slice(pos, stop);
      if (text.includes('"')) {
        const record = quotedRecord(buffer, pos, delimiter, final);
        if (!record) break;
        out.push({ line, fields: record.fields });
        line += record.lines;
        pos = record.end;
        continue;
      }
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text !== '') out.push({ line, fields: text.split(delimiter) });
      line++;
      pos = stop + 1;
    }
    buffer = buffer.slice(pos);
    return out;
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    buffer += chunk;
    yield drain(false);
  }
  yield drain(true);
}
