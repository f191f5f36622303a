import { writeFileAtomicStreamed } from './write-file-atomic.js';

/**
 * The entries of a large JSON object (a manifest's `nodes`), produced when they are written
 * rather than all at once: each entry is built, serialized and dropped in turn.
 */
export class JsonEntries {
  constructor(readonly entries: () => Iterable<readonly [string, unknown]>) {}

  /** Plain-object form, so `JSON.stringify` of a document holding it still works. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.entries());
  }
}

/** A document whose top-level values may be `JsonEntries`, as plain objects. */
export function materializeJson(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).map(([key, value]) => [key, value instanceof JsonEntries ? value.toJSON() : value]));
}

/** Where one value of a written document lies: a top-level key, or a key of a `JsonEntries` section. */
export type JsonValuePath = readonly [string] | readonly [string, string];

/**
 * Writes a JSON document atomically, streaming the entries of its `JsonEntries` values one at a
 * time (compact, as dbt writes artifacts). `redact` is applied to every serialized piece; a
 * piece is a whole key or value, so a secret is never split between two. `onValue`, when given,
 * hears the byte range of each top-level value and each entry's value (partial parsing splices
 * changed entries into the previous file instead of serializing all of them again).
 */
export function writeJsonStreamed(file: string, document: Record<string, unknown>, redact: (text: string) => string = (t) => t, onValue?: (path: JsonValuePath, start: number, end: number) => void): void {
  writeFileAtomicStreamed(file, (write) => {
    let offset = 0;
    const put = (text: string) => {
      offset += write(text);
    };
    let first = true;
    put('{');
    for (const [key, value] of Object.entries(document)) {
      if (value === undefined || typeof value === 'function') continue;
      put(`${first ? '' : ','}${redact(JSON.stringify(key))}:`);
      first = false;
      const start = offset;
      if (!(value instanceof JsonEntries)) {
        put(redact(JSON.stringify(value)));
        onValue?.([key], start, offset);
        continue;
      }
      let firstEntry = true;
      put('{');
      for (const [entryKey, entryValue] of value.entries()) {
        if (entryValue === undefined || typeof entryValue === 'function') continue;
        put(`${firstEntry ? '' : ','}${redact(JSON.stringify(entryKey))}:`);
        const entryStart = offset;
        put(redact(JSON.stringify(entryValue)));
        onValue?.([key, entryKey], entryStart, offset);
        firstEntry = false;
      }
      put('}');
      onValue?.([key], start, offset);
    }
    put('}');
  });
}
