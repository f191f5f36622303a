import { readFileSync } from 'node:fs';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ParseError } from '../errors/strata-error.js';

/** Where a YAML mapping starts, kept on it as a hidden `__line` so errors can point at it. */
export const LINE = '__line';

/** The line (1-based) a YAML mapping read with `readYaml` starts on, if known. */
export function lineOf(value: unknown): number | undefined {
  return value && typeof value === 'object' ? ((value as Record<string, unknown>)[LINE] as number | undefined) : undefined;
}

/**
 * Reads a YAML file into plain values; every mapping carries the line it starts on (hidden,
 * non-enumerable `__line`). A syntax error is a ParseError naming the file and line.
 * @example const props = readYaml('/p/models/schema.yml'); lineOf(props.models[0]) // 3
 */
export function readYaml(file: string, text = readFileSync(file, 'utf8')): unknown {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    throw new ParseError('E_YAML', `invalid YAML: ${problem.message.split('\n')[0]}`, { file, line: problem.linePos?.[0]?.line, hint: 'fix the YAML syntax (indentation, quotes, a missing colon)' });
  }
  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return convert(node.resolve(doc));
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item) => convert(item));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(convert(pair.key));
        out[key] = convert(pair.value);
      }
      const start = (node as Node).range?.[0];
      if (start !== undefined) Object.defineProperty(out, LINE, { value: counter.linePos(start).line, enumerable: false });
      return out;
    }
    return null;
  };
  return convert(doc.contents);
}
