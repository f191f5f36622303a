import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** Size of the block `writeFileAtomicStreamed` fills before each write. */
const BLOCK_SIZE = 1 << 20;

/**
 * `writeFileAtomic` for text produced piece by piece: `produce` calls `write` with each piece,
 * which is encoded straight into a reused 1 MB block written out when full. A manifest of
 * 300,000 nodes is never held as one string (V8 strings stop at 512 MB, and building it doubles
 * the peak memory), and no joined 1 MB strings or fresh Buffers are left for the GC (at 50,000
 * models the manifest is ~380 MB). `write` returns the piece's length in bytes. Same guarantees:
 * the previous file stays until the new one is complete.
 */
export function writeFileAtomicStreamed(file: string, produce: (write: (text: string) => number) => void): void {
  const temporary = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const handle = openSync(temporary, 'w');
    fd = handle;
    const block = Buffer.allocUnsafe(BLOCK_SIZE);
    let used = 0;
    const out = (bytes: Buffer, length: number) => {
      for (let offset = 0; offset < length; ) offset += writeSync(handle, bytes.subarray(offset, length));
    };
    produce((text) => {
      // A UTF-16 code unit is at most 3 bytes of UTF-8: a piece that surely fits is encoded in place.
      if (text.length * 3 > BLOCK_SIZE - used) {
        out(block, used);
        used = 0;
        if (text.length * 3 > BLOCK_SIZE) {
          const bytes = Buffer.from(text);
          out(bytes, bytes.length);
          return bytes.length;
        }
      }
      const written = block.write(text, used);
      used += written;
      return written;
    });
    out(block, used);
    fd = undefined;
    closeSync(handle);
    renameSync(temporary, file);
  } catch (error) {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(temporary, { force: true });
    } catch {
      // As in writeFileAtomic: the write error is the one to report.
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
