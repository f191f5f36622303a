import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLines, writeNewLines } from '../src/index.js';

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe('the lines a later load adds', () => {
  it('are found between and after the rows already loaded, duplicates included', async () => {
    const earlier = ['header', 'e1', 'e2', 'e3'];
    const later = ['header', 'e1', 'n1', 'e2', 'e2', 'e3', 'n2', 'e1'];
    expect(await collect(newLines(earlier, later))).toEqual(['n1', 'e2', 'n2', 'e1']);
  });

  it('are none when nothing was added', async () => {
    expect(await collect(newLines(['h', 'a'], ['h', 'a']))).toEqual([]);
  });

  it('cannot be found when the earlier load is not contained in the later one in order', async () => {
    await expect(collect(newLines(['h', 'a', 'b'], ['h', 'b', 'a']))).rejects.toThrow('the earlier load is not contained in the later one in order: its line 3 ("b") was not found');
  });

  it('are written to a file, streamed from the two files, and counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-lines-'));
    writeFileSync(join(dir, 'first.csv'), 'id,day\n1,mon\n2,mon\n');
    writeFileSync(join(dir, 'later.csv'), 'id,day\n1,mon\n3,mon\n2,mon\n4,tue\n');
    expect(await writeNewLines(join(dir, 'first.csv'), join(dir, 'later.csv'), join(dir, 'appended.csv'))).toBe(2);
    expect(readFileSync(join(dir, 'appended.csv'), 'utf8')).toBe('3,mon\n4,tue\n');
  });

  it('misses no line of a file read while the earlier load is still on its way (readline emits lines as soon as they are read)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-lines-'));
    writeFileSync(join(dir, 'later.csv'), 'id\n1\n2\n3\n');
    async function* slowEarlier() {
      await delay(100);
      yield* ['id', '2'];
    }
    const later = createInterface({ input: createReadStream(join(dir, 'later.csv'), 'utf8'), crlfDelay: Infinity });
    expect(await collect(newLines(slowEarlier(), later))).toEqual(['1', '3']);
  });
});
