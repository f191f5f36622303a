import type { ExtractedCalls } from '../extract-calls.js';

/**
 * What of a model's `ref`/`source`/`config` calls decides its node besides its text: the refs and
 * sources in order (not their lines) and the config. Equal signatures mean an edit changed only
 * the SQL around them, so the node's dependencies, config, relation and tests stay as they were.
 */
export function callsSignature(calls: ExtractedCalls): string {
  return JSON.stringify([calls.refs.map((r) => [r.name, r.project ?? null]), calls.sources.map((s) => [s.source, s.table]), calls.config]);
}
