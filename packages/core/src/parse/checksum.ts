import { createHash } from 'node:crypto';

/** sha256 hex of the given parts, for change detection between manifests. */
export function checksum(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part) ?? '');
  return hash.digest('hex');
}
