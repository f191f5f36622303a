import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbAdapter } from '@strata/adapter-duckdb';

/**
 * A seed far larger than anything Node should hold: generated on the fly (1 GiB by default;
 * STRATA_BIG_SEED_BYTES sets another size), validated line by line against its schema by Node
 * and loaded by DuckDB, in a child process whose memory is measured. Node's heap and buffers stay
 * a few tens of megabytes and the whole process far below the file's size: the file is streamed,
 * never read whole.
 */
const SIZE = Number(process.env.STRATA_BIG_SEED_BYTES ?? 1024 ** 3);
const MiB = 1024 * 1024;
const RUNNER = join(import.meta.dirname, '../fixtures/seed-memory.mjs');
const root = mkdtempSync(join(tmpdir(), 'strata-big-seed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `events.csv` of about `bytes` bytes from one repeated 1 MiB block; returns the rows and their amount total. */
function writeBigCsv(file: string, bytes: number): { rows: number; amount: number } {
  let block = '';
  let blockRows = 0;
  let blockAmount = 0;
  while (block.length < MiB - 64) {
    const amount = (blockRows % 1000) / 4;
    block += `${blockRows},${amount},label-${blockRows % 97}\n`;
    blockRows++;
    blockAmount += amount;
  }
  const header = 'id,amount,label\n';
  const blocks = Math.max(1, Math.round((bytes - header.length) / block.length));
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, header);
    const buffer = Buffer.from(block);
    for (let i = 0; i < blocks; i++) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { rows: blocks * blockRows, amount: blocks * blockAmount };
}

describe(`a ${Math.round(SIZE / MiB)} MiB seed`, () => {
  it('streams: Node never holds the file, DuckDB loads every row', async () => {
    mkdirSync(join(root, 'seeds'));
    writeFileSync(join(root, 'strata.config.ts'), "export default { name: 'big', seeds: { schema: 'raw' } };\n");
    writeFileSync(
      join(root, 'seeds/schema.ts'),
      "import { z } from 'zod';\nexport default { seeds: { events: { columns: z.object({ id: z.number().int(), amount: z.number().min(0), label: z.string() }) } } };\n",
    );
    symlinkSync(join(import.meta.dirname, '../../../core/node_modules'), join(root, 'node_modules'), 'dir');
    const expected = writeBigCsv(join(root, 'seeds/events.csv'), SIZE);
    const size = statSync(join(root, 'seeds/events.csv')).size;
    expect(Math.abs(size - SIZE)).toBeLessThan(MiB);

    const warehouse = join(root, 'warehouse.duckdb');
    const { stdout } = await promisify(execFile)(process.execPath, [RUNNER, root, warehouse], { maxBuffer: MiB });
    const report = JSON.parse(stdout) as { status: string; rows: number; message: string | null; maxRssBytes: number; peakNodeMemory: number };
    console.log(`seed of ${(size / MiB).toFixed(0)} MiB: peak RSS ${(report.maxRssBytes / MiB).toFixed(0)} MiB, peak Node heap+buffers ${(report.peakNodeMemory / MiB).toFixed(0)} MiB`);
    expect([report.status, report.message]).toEqual(['success', null]);
    expect(report.rows).toBe(expected.rows);
    // Node's heap and buffers stay flat whatever the size (measured: ~170 MiB at 128 MiB and at
    // 1 GiB — the loaded libraries plus one 1 MiB batch of records); the file read whole would be
    // at least 1 GiB as a Buffer, 2 GiB as a string…
    expect(report.peakNodeMemory).toBeLessThan(256 * MiB);
    // …and the whole process, DuckDB included (capped at 256MB, it spills the rest), stays far
    // below the file's size (measured: 400 MiB at 128 MiB, 564 MiB at 1 GiB).
    expect(report.maxRssBytes).toBeLessThan(768 * MiB);

    const adapter = await DuckDbAdapter.open({ path: warehouse });
    try {
      const [row] = await (await adapter.connect()).query('select count(*) as n, sum(amount) as total from big_raw.events');
      expect(row).toEqual({ n: expected.rows, total: expected.amount });
    } finally {
      await adapter.close();
    }
  }, 240_000);
});
