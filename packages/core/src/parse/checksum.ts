import { createHash, hash as oneShotHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** sha256 hex of the given parts, for change detection between manifests. */
export function checksum(...parts: unknown[]): string {
  // One string, one call: a node's parts are small, and a Hash object per part costs more than
  // the hashing (50,000 test nodes at 10,000 models).
  if (parts.every((part) => typeof part !== 'object' || part === null || !(part instanceof Uint8Array))) {
    return oneShotHash('sha256', parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part) ?? '')).join(''), 'hex');
  }
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' || part instanceof Uint8Array ? part : JSON.stringify(part) ?? '');
  return hash.digest('hex');
}

/** Seeds up to this size are hashed by content; bigger ones by size, to keep parsing fast. */
const SEED_HASH_LIMIT = 1024 * 1024;

/**
 * What identifies a seed file's content for `state:modified`: its sha256 when small, like dbt,
 * else its size (hashing gigabytes on every parse would make parsing slow).
 */
export function seedContentKey(file: string): string {
  try {
    const { size } = statSync(file);
    return size <= SEED_HASH_LIMIT ? checksum(readFileSync(file)) : `size:${size}`;
  } catch {
    return 'missing';
  }
}
