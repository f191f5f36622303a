/** Base64 digits of source-map VLQs. */
const DIGITS = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** The numbers of one mapping segment (VLQ-decoded, relative to the previous segment). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGITS.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * The original line (1-based) of a generated line, from the inline source map esbuild appends
 * (`//# sourceMappingURL=data:application/json;base64,…`); undefined without a map or mapping.
 * Lets a `strata.config.ts` that throws be reported at its own line, not the transpiled one.
 *
 * @example originalLine(code, 24) // 2
 */
export function originalLine(generatedCode: string, generatedLine: number): number | undefined {
  const match = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(generatedCode);
  if (!match) return undefined;
  let mappings: string;
  try {
    mappings = (JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) as { mappings: string }).mappings;
  } catch {
    return undefined;
  }
  // Source line is the third field of a segment, relative across the whole mappings string.
  let sourceLine = 0;
  const lines = mappings.split(';');
  for (let i = 0; i < lines.length && i < generatedLine; i++) {
    let first: number | undefined;
    for (const segment of lines[i]!.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        first ??= sourceLine;
      }
    }
    if (i === generatedLine - 1) return first === undefined ? undefined : first + 1;
  }
  return undefined;
}

/** The line of `file` in an error's stack (its first frame in that file), as the engine ran it. */
export function stackLine(error: unknown, file: string): number | undefined {
  const stack = (error as Error)?.stack ?? '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`${escaped}:(\\d+):\\d+`).exec(stack)?.[1];
  return line ? Number(line) : undefined;
}
