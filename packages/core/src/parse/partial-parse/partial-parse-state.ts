import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeAll } from '../../artifacts/splice-file.js';
import { artifactWriteError, writeFileAtomicStreamed } from '../../artifacts/write-file-atomic.js';
import type { ManifestNode, ProjectInfo } from '../manifest.js';

/**
 * Where a project's partial-parse state lives (dbt keeps `target/partial_parse.msgpack`): this
 * header, and the node records in `partial_parse.records` beside it. It is written only after `manifest.json` and the compiled SQL of a successful compile, so a failed
 * run leaves the last good artifacts and the state that describes them.
 */
export const PARTIAL_PARSE_FILE = 'partial_parse.strata';

/** Bumped whenever the state's shape or meaning changes: a state of another version is ignored. */
export const PARTIAL_PARSE_VERSION = 1;

/** A byte range `[start, end)` in a file. */
export type ByteRange = [number, number];

/** What was known of an input file when the state was written: `[mtimeMs, size, sha256]`. */
export type FileRecord = [number, number, string];

/** What a re-compile needs of one node that it may have to render or rewrite, without re-parsing. */
export interface NodeRecord {
  node: ManifestNode;
  /** The node's `ref`/`source`/`config` calls as parsed (see callsSignature); models only. */
  calls?: string;
  /** Children that inline this node (it is ephemeral) or otherwise render its SQL: not check tests. */
  renderedBy?: string[];
}

/** The part of the state read on every re-compile: small, one JSON text. */
export interface PartialParseHeader {
  format: 'strata-partial-parse';
  version: number;
  /** Hash of everything that affects every node (see inputFingerprint). */
  fingerprint: string;
  /** Environment variables `env_var()` read, whose values are part of the fingerprint. */
  envNames: string[];
  /** `manifest.json` as written with this state: a different file means the state is stale. */
  manifest: { size: number; mtimeMs: number; metadata: ByteRange; entries: Record<string, ByteRange> };
  /** When the input files' stats were taken (Date.now()), for the racy-mtime check. */
  statsTakenMs: number;
  /** Input files by project-relative path. */
  files: Record<string, FileRecord>;
  /** Model SQL files by project-relative path → node id. */
  models: Record<string, string>;
  /** Node records by id: their byte range in `partial_parse.records`. */
  records: Record<string, ByteRange>;
  /** Where the last record ends: a shorter records file was cut off, and the state is ignored. */
  recordsLength: number;
  /** The first line of the records file this header was written with. */
  recordsToken: string;
  /** The project's info, without what a re-compile reads afresh (vars, macro files) or never needs (exposures). */
  project: Omit<ProjectInfo, 'vars' | 'macroFiles' | 'exposures'>;
  /** How many nodes the compile compiled (what the CLI reports). */
  compiledCount: number;
}

/** A state read from disk: its header, and node records read from the records file on demand. */
export class PartialParseState {
  private readonly parsed = new Map<string, NodeRecord>();

  constructor(
    readonly header: PartialParseHeader,
    private readonly recordsFile: string,
  ) {}

  /** The record of a node, or undefined when the state has none. */
  record(id: string): NodeRecord | undefined {
    let record = this.parsed.get(id);
    if (record) return record;
    const range = this.header.records[id];
    if (!range) return undefined;
    const bytes = Buffer.allocUnsafe(range[1] - range[0]);
    const fd = openSync(this.recordsFile, 'r');
    try {
      for (let done = 0; done < bytes.length; ) {
        const read = readSync(fd, bytes, done, bytes.length - done, range[0] + done);
        if (read === 0) throw new Error(`${this.recordsFile} ended early`);
        done += read;
      }
    } finally {
      closeSync(fd);
    }
    record = JSON.parse(bytes.toString('utf8')) as NodeRecord;
    this.parsed.set(id, record);
    return record;
  }
}

/** The records file beside the header: appended to by re-compiles, rewritten by full compiles. */
const RECORDS_FILE = 'partial_parse.records';

/**
 * Reads a project's partial-parse state. A missing, corrupt, truncated or foreign-version file
 * is no error: it returns undefined and the compile parses everything.
 */
export function readPartialParseState(targetDir: string): PartialParseState | undefined {
  try {
    const file = join(targetDir, PARTIAL_PARSE_FILE);
    const header = rememberedHeader(file) ?? (JSON.parse(readFileSync(file, 'utf8')) as PartialParseHeader);
    if (header?.format !== 'strata-partial-parse' || header.version !== PARTIAL_PARSE_VERSION || typeof header.fingerprint !== 'string') return undefined;
    if (!header.files || !header.models || !header.project || !header.records || !header.manifest?.entries || !Array.isArray(header.envNames)) return undefined;
    // The records file must be the one this header was written with, and hold every record it names.
    const recordsFile = join(targetDir, RECORDS_FILE);
    if (recordsToken(recordsFile) !== header.recordsToken || (statSync(recordsFile, { throwIfNoEntry: false })?.size ?? 0) < header.recordsLength) return undefined;
    rememberHeader(file, header);
    return new PartialParseState(header, recordsFile);
  } catch {
    return undefined;
  }
}

/**
 * The last header this process read or wrote, per file, with the identity of the file it was in
 * (inode, size, mtime: a rename of another file over it changes the inode). A long-lived
 * `strata compile --watch` then re-compiles without reading back the header it has just written
 * (2.8 MB of JSON at 10,000 models); any other writer's header is read from disk.
 */
const rememberedHeaders = new Map<string, { ino: number; size: number; mtimeMs: number; header: PartialParseHeader }>();

function rememberHeader(file: string, header: PartialParseHeader): void {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat) rememberedHeaders.set(file, { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, header });
}

function rememberedHeader(file: string): PartialParseHeader | undefined {
  const remembered = rememberedHeaders.get(file);
  const stat = remembered && statSync(file, { throwIfNoEntry: false });
  return stat && stat.ino === remembered.ino && stat.size === remembered.size && stat.mtimeMs === remembered.mtimeMs ? remembered.header : undefined;
}

/** The first line of a records file: a token naming the full compile that wrote it. */
function recordsToken(file: string): string | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const bytes = Buffer.alloc(TOKEN_LINE_LENGTH);
      const read = readSync(fd, bytes, 0, bytes.length, 0);
      return bytes.toString('latin1', 0, read).split('\n')[0];
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** `strata-records <32 hex>` and a newline. */
const TOKEN_LINE_LENGTH = 'strata-records '.length + 32 + 1;

/** Serializes records, each a range of the records file. */
function recordPieces(records: Iterable<readonly [string, NodeRecord]>, offset: number): { pieces: Buffer[]; ranges: Record<string, ByteRange>; end: number } {
  const pieces: Buffer[] = [];
  const ranges: Record<string, ByteRange> = {};
  for (const [id, record] of records) {
    const bytes = Buffer.from(JSON.stringify(record));
    ranges[id] = [offset, offset + bytes.length];
    offset += bytes.length;
    pieces.push(bytes);
  }
  return { pieces, ranges, end: offset };
}

type HeaderFields = Omit<PartialParseHeader, 'records' | 'recordsLength' | 'recordsToken'>;

/**
 * Writes a whole new state after a full compile: a new records file, streamed record by record
 * (at 50,000 models the records are ~90 MB: never held at once), then the header that names it.
 */
export function writePartialParseState(targetDir: string, header: HeaderFields, records: Iterable<readonly [string, NodeRecord]>): void {
  const token = `strata-records ${randomBytes(16).toString('hex')}`;
  const ranges: Record<string, ByteRange> = {};
  let end = 0;
  writeFileAtomicStreamed(join(targetDir, RECORDS_FILE), (write) => {
    end = write(`${token}\n`);
    for (const [id, record] of records) {
      const length = write(JSON.stringify(record));
      ranges[id] = [end, end + length];
      end += length;
    }
  });
  writeAtomically(join(targetDir, PARTIAL_PARSE_FILE), [Buffer.from(JSON.stringify({ ...header, records: ranges, recordsLength: end, recordsToken: token }))]);
}

/**
 * Updates a state after a re-compile: the changed records are appended to the records file
 * (the others stay where they are), then the header is replaced. A crash in between leaves the
 * old header, whose ranges still hold: appended bytes are only ever past them.
 */
export function updatePartialParseState(targetDir: string, state: PartialParseState, header: HeaderFields, changed: Iterable<readonly [string, NodeRecord]>): void {
  const file = join(targetDir, RECORDS_FILE);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r+');
    const { pieces, ranges, end } = recordPieces(changed, fstatSync(fd).size);
    let position = end - pieces.reduce((sum, piece) => sum + piece.length, 0);
    for (const piece of pieces) for (let offset = 0; offset < piece.length; ) {
      const wrote = writeSync(fd, piece, offset, piece.length - offset, position);
      offset += wrote;
      position += wrote;
    }
    closeSync(fd);
    fd = undefined;
    const all = { ...state.header.records, ...ranges };
    const written: PartialParseHeader = { ...header, records: all, recordsLength: end, recordsToken: state.header.recordsToken };
    writeAtomically(join(targetDir, PARTIAL_PARSE_FILE), [Buffer.from(JSON.stringify(written))]);
    rememberHeader(join(targetDir, PARTIAL_PARSE_FILE), written);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw artifactWriteError(file, error);
  }
}

/** Temp file + rename, written as the pieces it is made of. */
function writeAtomically(file: string, pieces: Buffer[]): void {
  const temporary = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(temporary, 'w');
    writeAll(fd, pieces);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw artifactWriteError(file, error);
  }
}
