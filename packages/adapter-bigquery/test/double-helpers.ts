/** Pieces of the BigQuery double that are plain functions: casts, CSV, multipart, REST cells. */

/** Whether BigQuery's SAFE_CAST from STRING to `type` succeeds on `value`. */
export function castable(value: string, type: string): boolean {
  const v = value.trim();
  switch (type) {
    case 'BOOL':
      return /^(true|false)$/i.test(v);
    case 'INT64':
      return /^[+-]?\d+$/.test(v);
    case 'FLOAT64':
      return v !== '' && !Number.isNaN(Number(v));
    case 'DATE':
      return /^\d{4}-\d{1,2}-\d{1,2}$/.test(v);
    case 'TIMESTAMP':
      return /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?( ?(Z|UTC|[+-]\d{2}(:\d{2})?))?$/.test(v);
    default:
      return true;
  }
}

/** RFC 4180 CSV as BigQuery reads it: quoted fields, doubled quotes, empty fields are NULL. */
export function parseCsv(text: string, delimiter: string): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [];
  let row: Array<string | null> = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') (quoted = true), (wasQuoted = true);
    else if (c === delimiter || c === '\n') {
      row.push(field === '' && !wasQuoted ? null : field);
      (field = ''), (wasQuoted = false);
      if (c === '\n') rows.push(row), (row = []);
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field === '' && !wasQuoted ? null : field]);
  return rows;
}

/** Cells as the REST API sends them: strings, arrays of `{ v }`, nulls. */
export function restValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => ({ v: restValue(v) }));
  return String(value);
}

/** Splits a multipart/related body into its parts. */
export function parseMultipart(raw: string, contentType: string): Array<{ contentType: string; body: string }> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const split = part.indexOf('\r\n\r\n');
      const headers = part.slice(0, split);
      return { contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? '', body: part.slice(split + 4).replace(/\r\n$/, '') };
    });
}
