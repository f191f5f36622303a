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

/**
 * Writes a JSON document atomically, streaming the entries of its `JsonEntries` values one at a
 * time (compact, as dbt writes artifacts). `redact` is applied to every serialized piece; a
 * piece is a whole key or value, so a secret is never split between two.
 */
export function writeJsonStreamed(file: string, document: Record<string, unknown>, redact: (text: string) => string = (t) => t): void {
  writeFileAtomicStreamed(file, (write) => {
    let first = true;
    write('{');
    for (const [key, value] of Object.entries(document)) {
      if (value === undefined || typeof value === 'function') continue;
      write(`${first ? '' : ','}${redact(JSON.stringify(key))}:`);
      first = false;
      if (!(value instanceof JsonEntries)) {
        write(redact(JSON.stringify(value)));
        continue;
      }
      let firstEntry = true;
      write('{');
      for (const [entryKey, entryValue] of value.entries()) {
        if (entryValue === undefined || typeof entryValue === 'function') continue;
        write(`${firstEntry ? '' : ','}${redact(JSON.stringify(entryKey))}:${redact(JSON.stringify(entryValue))}`);
        firstEntry = false;
      }
      write('}');
    }
    write('}');
  });
}
