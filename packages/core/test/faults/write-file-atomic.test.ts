import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A disk that fills up in the middle of a write: the temporary file gets half its bytes, then ENOSPC.
let diskFull = false;
const temporaryFds = new Set<number>();
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    // The streamed writer (manifest.json) opens the temporary file and writes blocks to it.
    openSync: (file: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
      const fd = real.openSync(file, flags, mode);
      if (String(file).endsWith('.tmp')) temporaryFds.add(fd);
      return fd;
    },
    writeSync: (fd: number, buffer: NodeJS.ArrayBufferView, offset?: number) => {
      if (diskFull && temporaryFds.has(fd)) {
        real.writeSync(fd, buffer, offset ?? 0, Math.floor((buffer.byteLength - (offset ?? 0)) / 2));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      }
      return real.writeSync(fd, buffer, offset);
    },
    writeFileSync: (file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
      if (diskFull && String(file).endsWith('.tmp')) {
        real.writeFileSync(file, String(data).slice(0, String(data).length / 2));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      }
      return real.writeFileSync(file, data, options);
    },
  };
});

const { writeFileAtomic } = await import('../../src/artifacts/write-file-atomic.js');
const { JsonEntries, writeJsonStreamed } = await import('../../src/artifacts/json-entries.js');
const { writeJsonAtomic, StrataError } = await import('../../src/index.js');

afterEach(() => {
  diskFull = false;
});

describe('writing artifacts on a full disk (injected ENOSPC)', () => {
  it('keeps the previous file, removes the partial temporary one, and says what happened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-atomic-'));
    const file = join(dir, 'run_results.json');
    writeJsonAtomic(file, { version: 1 });
    diskFull = true;
    let error: unknown;
    try {
      writeJsonAtomic(file, { version: 2, padding: 'x'.repeat(1000) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StrataError);
    expect(error).toMatchObject({
      code: 'E_ARTIFACT_WRITE',
      file,
      message: `cannot write ${file}: no space left on the device (ENOSPC)`,
      hint: 'free space on (or fix the permissions of) the disk that holds target/; the previous artifacts were kept and the warehouse is as the run left it',
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1 });
    expect(readdirSync(dir)).toEqual(['run_results.json']);
  });

  it('reports any other file-system error the same way (a folder where the temporary file goes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-atomic-'));
    const file = join(dir, 'manifest.json');
    writeFileSync(file, 'previous');
    fs.mkdirSync(`${file}.${process.pid}.tmp`);
    expect(() => writeFileAtomic(file, 'next')).toThrow(/^cannot write .*manifest\.json: EISDIR: illegal operation on a directory/);
    expect(readFileSync(file, 'utf8')).toBe('previous');
  });

  it('keeps the previous manifest when a streamed write fills the disk, and says what happened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-atomic-'));
    const file = join(dir, 'manifest.json');
    const nodes = (count: number) => new JsonEntries(function* () {
      for (let i = 0; i < count; i++) yield [`model.shop.m${i}`, { name: `m${i}`, padding: 'x'.repeat(100) }] as const;
    });
    writeJsonStreamed(file, { metadata: { v: 1 }, nodes: nodes(2) });
    const previous = readFileSync(file, 'utf8');
    expect(JSON.parse(previous)).toEqual({ metadata: { v: 1 }, nodes: { 'model.shop.m0': { name: 'm0', padding: 'x'.repeat(100) }, 'model.shop.m1': { name: 'm1', padding: 'x'.repeat(100) } } });
    diskFull = true;
    // 20,000 nodes: several 1 MB blocks, the first of which meets the full disk.
    expect(() => writeJsonStreamed(file, { metadata: { v: 2 }, nodes: nodes(20_000) })).toThrow(
      expect.objectContaining({ code: 'E_ARTIFACT_WRITE', message: `cannot write ${file}: no space left on the device (ENOSPC)` }),
    );
    expect(readFileSync(file, 'utf8')).toBe(previous);
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });
});
