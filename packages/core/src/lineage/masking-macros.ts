import { Dag } from '../graph/dag.js';

/** The function a masking macro's output is wrapped in, for lineage only: listed as masking. */
export const MASKED_MARKER = '__strata_masked';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Macro file text with the output of each named macro wrapped in `__strata_masked(…)`, so that
 * the SQL compiled from it shows where a project's own masking macro (a salted key, an age band)
 * was applied. Only lineage compiles with it; what runs on the warehouse is untouched.
 * @example wrapMaskingMacros("{% macro k(x) %}md5({{ x }}){% endmacro %}", ['k']) // "{% macro k(x) %}__strata_masked(md5({{ x }})){% endmacro %}"
 */
export function wrapMaskingMacros(text: string, names: string[]): string {
  let out = text;
  for (const name of names) {
    const start = new RegExp(`(\\{%-?\\s*macro\\s+${escape(name)}\\s*\\([^)]*\\)\\s*-?%\\})([\\s\\S]*?)(\\{%-?\\s*endmacro\\s*-?%\\})`, 'g');
    out = out.replace(start, (_, open: string, body: string, close: string) => `${open}${MASKED_MARKER}(${body})${close}`);
  }
  return out;
}

/** A copy of the DAG whose projects' macro files wrap the given masking macros (see wrapMaskingMacros). */
export function dagWithMaskingMacros(dag: Dag, names: string[]): Dag {
  if (names.length === 0) return dag;
  const projects = new Map([...dag.manifest.projects].map(([key, info]) => [key, { ...info, macroFiles: info.macroFiles.map((f) => ({ ...f, text: wrapMaskingMacros(f.text, names) })) }]));
  return new Dag({ ...dag.manifest, projects });
}
