import { readFileSync } from 'node:fs';

/** A CSV record: header → field text, `null` for an empty field (as DuckDB reads it). */
export type CsvRecord = Record<string, string | null>;

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes).
 * Unquoted whitespace is kept, like DuckDB's reader.
 */
export function parseCsv(text: string): CsvRecord[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(wasQuoted || field !== '' ? field : '\u0000');
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header, ...data] = rows;
  if (!header) return [];
  const names = header.map((h) => h.replace('\u0000', ''));
  return data.map((fields) => Object.fromEntries(names.map((name, i) => [name, fields[i] === undefined || fields[i] === '\u0000' ? null : fields[i]!])));
}

export function readCsv(file: string): CsvRecord[] {
  return parseCsv(readFileSync(file, 'utf8'));
}
