import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateLogistics, runDatagenCli, LOGISTICS_HEADERS } from '../src/datagen.js';
import { projectDir } from '../src/index.js';
import { csvFiles } from './helpers.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'logistics-datagen-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Rows of a generated CSV as objects (no field of these files holds a comma or a quote). */
function rows(file: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const header = head!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i]!, v])));
}

describe('logistics datagen', () => {
  it('reproduces the committed seeds byte for byte at the default scale and seed', async () => {
    const out = scratch();
    await generateLogistics(out);
    expect(csvFiles(out)).toEqual(['deliveries.csv', 'drivers.csv', 'orders.csv', 'routes.csv', 'zones.csv']);
    for (const file of csvFiles(out)) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(projectDir, 'seeds', file), 'utf8'));
    }
  });

  it('is deterministic per seed and different across seeds', async () => {
    const [a, b, c] = [scratch(), scratch(), scratch()];
    await generateLogistics(a, { scale: 0.3, seed: 5, days: 5 });
    await generateLogistics(b, { scale: 0.3, seed: 5, days: 5 });
    await generateLogistics(c, { scale: 0.3, seed: 6, days: 5 });
    const text = (dir: string) => readFileSync(join(dir, 'deliveries.csv'), 'utf8');
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe(text(c));
  });

  it('scales the fleet and writes the dirt staging must clean', async () => {
    const out = scratch();
    const result = await generateLogistics(out, { scale: 3, seed: 9, days: 10 });
    expect(result.drivers).toBe(30);
    const deliveries = rows(join(out, 'deliveries.csv'));
    const orders = rows(join(out, 'orders.csv'));
    expect(Object.keys(deliveries[0]!)).toEqual([...LOGISTICS_HEADERS.deliveries]);
    expect(deliveries).toHaveLength(result.deliveries.total);
    expect(orders).toHaveLength(result.orders);
    expect(result.deliveries.delivered + result.deliveries.failed + result.deliveries.cancelled).toBe(result.deliveries.total);
    // Coordinates: 0,0 and swapped pairs (latitude ≈ 13, longitude ≈ 52) are present.
    expect(orders.filter((o) => Number(o.dropoff_lat) === 0 && Number(o.dropoff_lon) === 0).length).toBeGreaterThan(0);
    expect(orders.filter((o) => Number(o.dropoff_lat) < 20 && Number(o.dropoff_lon) > 50)).toHaveLength(result.coordinates.swapped);
    // Timestamps in several spellings, statuses in several cases, junk ratings.
    expect(new Set(deliveries.map((d) => d.picked_up_at!.replace(/\d/g, '9'))).size).toBeGreaterThan(3);
    expect(deliveries.some((d) => d.status !== d.status!.trim().toLowerCase())).toBe(true);
    expect(deliveries.some((d) => ['0', '6', 'n/a'].includes(d.customer_rating!))).toBe(true);
    expect(result.invalidTimings).toBeGreaterThan(0);
  });

  it('rejects a scale that is not positive', async () => {
    await expect(generateLogistics(scratch(), { scale: -1 })).rejects.toThrow('scale must be a positive number, got -1');
  });

  it('runs as a command line: writes the files, or explains bad arguments', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const out = scratch();
      expect(await runDatagenCli([...['--scale', '0.3', '--seed', '3', '--days', '2'], '--out', out], '/nonexistent')).toBe(0);
      expect(log.mock.calls[0]![0]).toContain(`wrote ${out}`);
      expect(csvFiles(out).length).toBeGreaterThan(3);
      expect(await runDatagenCli(['--bogus'], out)).toBe(2);
      expect(error.mock.calls[0]![0]).toMatch(/Unknown option '--bogus'[\s\S]*usage: datagen \[--scale N\]/);
      expect(await runDatagenCli(['--seed', 'abc'], out)).toBe(1);
      expect(error.mock.calls[1]![0]).toContain('seed must be an integer, got NaN');
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
