import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../artifacts/write-file-atomic.js';
import type { ManifestNode, ProjectInfo } from '../manifest.js';

/**
 * Where a project's partial-parse state lives (dbt keeps `target/partial_parse.msgpack`). It is
 * written only after `manifest.json` and the compiled SQL of a successful compile, so a failed
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
  /** Node records by id: their byte range in the records blob that follows the header. */
  records: Record<string, ByteRange>;
  /** The records blob's length: a shorter file was cut off and is ignored. */
  recordsLength: number;
  /** The project's info, without what a re-compile reads afresh (vars, macro files) or never needs (exposures). */
  project: Omit<ProjectInfo, 'vars' | 'macroFiles' | 'exposures'>;
  /** How many nodes the compile compiled (what the CLI reports). */
  compiledCount: number;
}

/** A state read from disk: its header, and node records parsed on demand. */
export class PartialParseState {
  private readonly parsed = new Map<string, NodeRecord>();

  constructor(
    readonly header: PartialParseHeader,
    private readonly blob: Buffer,
  ) {}

  /** The record of a node, or undefined when the state has none. */
  record(id: string): NodeRecord | undefined {
    let record = this.parsed.get(id);
    if (record) return record;
    const range = this.header.records[id];
    if (!range) return undefined;
    record = JSON.parse(this.blob.toString('utf8', range[0], range[1])) as NodeRecord;
    this.parsed.set(id, record);
    return record;
  }

  /** The serialized record of a node, as stored (a re-compile copies unchanged records as bytes). */
  recordBytes(id: string): Buffer | undefined {
    const range = this.header.records[id];
    return range ? this.blob.subarray(range[0], range[1]) : undefined;
  }
}

/**
 * Reads a project's partial-parse state. A missing, corrupt, truncated or foreign-version file
 * is no error: it returns undefined and the compile parses everything.
 */
export function readPartialParseState(targetDir: string): PartialParseState | undefined {
  try {
    const bytes = readFileSync(join(targetDir, PARTIAL_PARSE_FILE));
    const newline = bytes.indexOf(10);
    if (newline < 0) return undefined;
    const headerLength = Number(bytes.toString('latin1', 0, newline));
    if (!Number.isSafeInteger(headerLength) || headerLength <= 0 || newline + 1 + headerLength > bytes.length) return undefined;
    const header = JSON.parse(bytes.toString('utf8', newline + 1, newline + 1 + headerLength)) as PartialParseHeader;
    if (header?.format !== 'strata-partial-parse' || header.version !== PARTIAL_PARSE_VERSION || typeof header.fingerprint !== 'string') return undefined;
    if (!header.files || !header.models || !header.project || !header.records || !header.manifest?.entries || !Array.isArray(header.envNames)) return undefined;
    const blob = bytes.subarray(newline + 1 + headerLength);
    if (header.recordsLength !== blob.length) return undefined;
    return new PartialParseState(header, blob);
  } catch {
    return undefined;
  }
}

/**
 * Serializes records into the blob that follows the header, filling `header.records`. A record
 * given as bytes is copied as it was stored.
 */
export function writePartialParseState(targetDir: string, header: Omit<PartialParseHeader, 'records' | 'recordsLength'>, records: Iterable<readonly [string, NodeRecord | Buffer]>): void {
  const pieces: Buffer[] = [];
  const ranges: Record<string, ByteRange> = {};
  let offset = 0;
  for (const [id, record] of records) {
    const bytes = Buffer.isBuffer(record) ? record : Buffer.from(JSON.stringify(record));
    ranges[id] = [offset, offset + bytes.length];
    offset += bytes.length;
    pieces.push(bytes);
  }
  const headerBytes = Buffer.from(JSON.stringify({ ...header, records: ranges, recordsLength: offset }));
  writeFileAtomic(join(targetDir, PARTIAL_PARSE_FILE), Buffer.concat([Buffer.from(`${headerBytes.length}\n`), headerBytes, ...pieces]));
}
