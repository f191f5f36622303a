import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentHash } from './project-inputs.js';
import { PARTIAL_PARSE_VERSION } from './partial-parse-state.js';

/** What, besides the files, decides every node's parse and rendering. */
export interface FingerprintInputs {
  /** The evaluated `strata.config.ts` (hooks and other functions count by their source). */
  config: unknown;
  targetName: string;
  /** `--vars`. */
  vars?: Record<string, unknown>;
  /** The values the output is scrubbed of (a changed password re-writes every artifact). */
  secrets: string[];
  /** Values of the environment variables `env_var()` read last time, by name. */
  env: Record<string, string | undefined>;
}

/**
 * The build of Strata that wrote a state: a rebuilt or upgraded core may parse or render
 * differently, so its state is not reused.
 */
function strataBuild(): string {
  try {
    const { size, mtimeMs } = statSync(fileURLToPath(import.meta.url));
    return `${size}:${mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

/** JSON of a value in which functions, regular expressions and bigints count by their source text. */
function sourceJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'function' || v instanceof RegExp) return `\u0000${String(v)}`;
    if (typeof v === 'bigint') return `\u0000${v}n`;
    if (v === undefined) return '\u0000undefined';
    return v;
  });
}

/**
 * Hash of the inputs that affect every node: when it differs, a re-compile parses everything
 * (a config, var, target or env_var change invalidates the whole state, as in dbt).
 */
export function inputFingerprint(inputs: FingerprintInputs): string {
  return contentHash(sourceJson([PARTIAL_PARSE_VERSION, strataBuild(), inputs.targetName, inputs.config, inputs.vars ?? null, [...inputs.secrets].sort(), inputs.env]));
}
