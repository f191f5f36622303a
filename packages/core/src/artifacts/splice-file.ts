import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import { artifactWriteError } from './write-file-atomic.js';

/** A byte range `[start, end)` of a file and the text that replaces it. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Maps a byte offset of the file before splicing to the same place in the file after. */
export type OffsetShift = (offset: number) => number;

/** Bytes copied per read. */
const COPY_CHUNK = 4 << 20;

/** At most this many buffers per writev call (IOV_MAX is 1024 on Linux). */
const MAX_IOVECS = 1000;

/**
 * Rewrites `file` with some byte ranges replaced, copying the rest as bytes (no parse, no
 * re-serialization): a 76 MB manifest.json with one changed node is written in the time a copy
 * takes. Atomic like writeFileAtomic: a temporary file renamed over the old one, E_ARTIFACT_WRITE
 * on failure with the old file intact. Splices must not overlap. Returns the new range of each
 * splice (in order of `splices`) and the offset map for the untouched ranges.
 */
export function spliceFile(file: string, splices: Splice[]): { ranges: Array<[number, number]>; shift: OffsetShift } {
  const order = splices.map((_, i) => i).sort((a, b) => splices[a]!.start - splices[b]!.start);
  const ranges: Array<[number, number]> = new Array(splices.length);
  // Where each splice starts in the old file, and the size change accumulated after it.
  const starts: number[] = [];
  const deltas: number[] = [];
  const temporary = `${file}.${process.pid}.tmp`;
  let input: number | undefined;
  let output: number | undefined;
  try {
    input = openSync(file, 'r');
    const length = fstatSync(input).size;
    output = openSync(temporary, 'w');
    // The untouched bytes go through one reused buffer: a 76 MB Buffer would cost a full GC.
    const buffer = Buffer.allocUnsafe(COPY_CHUNK);
    const copy = (from: number, to: number): void => {
      for (let position = from; position < to; ) {
        const read = readSync(input!, buffer, 0, Math.min(COPY_CHUNK, to - position), position);
        if (read === 0) throw new Error(`${file} ended early`);
        writeAll(output!, [buffer.subarray(0, read)]);
        position += read;
      }
    };
    let cursor = 0;
    let written = 0;
    let delta = 0;
    for (const index of order) {
      const splice = splices[index]!;
      if (splice.start < cursor || splice.end < splice.start || splice.end > length) throw new Error(`overlapping or out-of-range splice [${splice.start}, ${splice.end}) of ${file}`);
      copy(cursor, splice.start);
      written += splice.start - cursor;
      const bytes = Buffer.from(splice.text);
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(output, bytes, offset);
      ranges[index] = [written, written + bytes.length];
      written += bytes.length;
      delta += bytes.length - (splice.end - splice.start);
      starts.push(splice.start);
      deltas.push(delta);
      cursor = splice.end;
    }
    copy(cursor, length);
    closeSync(input);
    input = undefined;
    closeSync(output);
    output = undefined;
    renameSync(temporary, file);
  } catch (error) {
    try {
      if (input !== undefined) closeSync(input);
      if (output !== undefined) closeSync(output);
      rmSync(temporary, { force: true });
    } catch {
      // The write error is the one to report.
    }
    throw artifactWriteError(file, error);
  }
  const shift: OffsetShift = (offset) => {
    // The last splice starting before `offset` holds the size change that applies to it.
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return offset + (found < 0 ? 0 : deltas[found]!);
  };
  return { ranges, shift };
}

/** Writes every buffer, resuming after short writes. */
export function writeAll(fd: number, pieces: Buffer[]): void {
  let queue = pieces.filter((p) => p.length > 0);
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_IOVECS);
    let done = writevSync(fd, batch);
    let consumed = 0;
    while (consumed < batch.length && done >= batch[consumed]!.length) {
      done -= batch[consumed]!.length;
      consumed++;
    }
    const rest = queue.slice(consumed);
    if (done > 0) rest[0] = rest[0]!.subarray(done);
    queue = rest;
  }
}
