import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StrataError } from '../errors/strata-error.js';

/** Plain words for the file-system errors a write meets in practice. */
const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * Writes a file atomically: the text goes to a temporary file beside it, which then replaces the
 * file in one rename. A failure (a full disk, a read-only folder) leaves the previous file as it
 * was, removes the partial temporary file, and throws a StrataError E_ARTIFACT_WRITE naming the
 * file and the reason.
 *
 * @example writeFileAtomic('target/run_results.json', JSON.stringify(results))
 */
export function writeFileAtomic(file: string, text: string | Uint8Array, options: { folderExists?: boolean } = {}): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (!options.folderExists) mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing to clean up, or it cannot be removed: the error below is the one that matters.
    }
    throw artifactWriteError(file, error);
  }
}

/** The StrataError for a failed artifact write, in plain words. */
export function artifactWriteError(file: string, error: unknown): StrataError {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  return new StrataError('E_ARTIFACT_WRITE', `cannot write ${file}: ${REASONS[code] ?? (error as Error).message}${code && REASONS[code] ? ` (${code})` : ''}`, {
    file,
    hint: 'free space on (or fix the permissions of) the disk that holds target/; the previous artifacts were kept and the warehouse is as the run left it',
    cause: error,
  });
}
