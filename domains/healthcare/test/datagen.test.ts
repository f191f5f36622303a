/**
 * The generator: byte-identical committed seeds, determinism, scale, the dirt it promises, and
 * at another scale and seed a build whose marts still equal the plans' truth.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, DEFAULT_SEED, generateHealthcare, HEADERS, healthcareTruth, patientCount, plans, runDatagenCli } from '../src/datagen.js';
import { readCsv } from '@strata/datagen';
import { buildInto, patientKeyOf, problems, scratchProject, seedsDir } from './support/project.js';

const FILES = Object.keys(HEADERS).map((t) => `${t}.csv`);
const temporary: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'healthcare-datagen-'));
  temporary.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('generateHealthcare', () => {
  it('reproduces the committed seeds byte for byte at the default scale and seed', async () => {
    const dir = tempDir();
    const result = await generateHealthcare({ outDir: dir });
    expect([DEFAULT_SCALE, DEFAULT_SEED, result.patients]).toEqual([1, 42, 150]);
    for (const file of FILES) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(seedsDir, file), 'utf8'));
  });

  it('keeps the committed seeds under 500 KB', () => {
    const bytes = FILES.reduce((n, file) => n + readFileSync(join(seedsDir, file)).length, 0);
    expect(bytes).toBeLessThan(500 * 1024);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await generateHealthcare({ scale: 0.2, seed: 5, outDir: a });
    await generateHealthcare({ scale: 0.2, seed: 5, outDir: b });
    await generateHealthcare({ scale: 0.2, seed: 6, outDir: c });
    for (const file of FILES) expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'));
    expect(readFileSync(join(c, 'medications.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'medications.csv'), 'utf8'));
  });

  it('scales the number of patients', async () => {
    expect([patientCount(0.001), patientCount(2), patientCount(100)]).toEqual([1, 300, 15000]);
    expect(() => patientCount(0)).toThrow('scale must be a positive number, got 0');
    const dir = tempDir();
    const result = await generateHealthcare({ scale: 2, seed: 1, outDir: dir });
    const mrns = new Set(readCsv(join(dir, 'patients.csv')).map((r) => r.mrn!.replace(/\D/g, '').replace(/^0+/, '')));
    expect(mrns.size).toBe(300);
    expect(result.rows.patients).toBeGreaterThan(300); // older versions of patients who moved
  });

  it('writes the dirt staging has to clean', () => {
    const patients = readCsv(join(seedsDir, 'patients.csv'));
    const appointments = readCsv(join(seedsDir, 'appointments.csv'));
    const doses = readCsv(join(seedsDir, 'medications.csv'));
    const statuses = new Set(appointments.map((r) => r.status));
    for (const code of ['CMP', 'NS', 'CXL', 'no-show', 'Completed']) expect(statuses, code).toContain(code);
    expect(new Set(patients.map((r) => r.mrn!.replace(/\d/g, '#').replace(/#+/, '#')))).toEqual(new Set(['MRN-#', 'MRN#', '#', 'mrn #']));
    expect(patients.some((r) => /^\d{4}$/.test(r.zip_code!))).toBe(true); // a ZIP that lost its zero
    expect(patients.some((r) => r.state!.length > 2)).toBe(true); // a state written out
    expect(patients.some((r) => /^\d{3}-\d{2}-\d{4}$/.test(r.ssn!))).toBe(true);
    expect(new Set(appointments.map((r) => /^\d{8}$/.test(r.appt_date!) ? 'compact' : /-[A-Z][a-z]{2}-/.test(r.appt_date!) ? 'd-Mon-Y' : r.appt_date!.includes('/') ? 'us' : 'iso')).size).toBe(4);
    expect(new Set(doses.filter((r) => !/\d/.test(r.administered_time!)).map((r) => r.administered_time))).toEqual(new Set(['', 'N/A', 'null', 'NULL']));
    const ids = appointments.map((r) => r.appointment_id!.trim().toUpperCase());
    expect(new Set(ids).size).toBeLessThan(ids.length); // exported twice
  });

  it('builds at another scale and seed into marts that equal the truth', async () => {
    const dir = tempDir();
    await generateHealthcare({ scale: 0.3, seed: 7, outDir: dir });
    const read = (t: string) => readFileSync(join(dir, `${t}.csv`), 'utf8');
    const scratch = scratchProject({ seeds: { patients: read('patients'), appointments: read('appointments'), medications: read('medications') } });
    const { warehouse, summary } = await buildInto(scratch.dir);
    try {
      expect(problems(summary)).toEqual([]);
      const truth = healthcareTruth(plans({ scale: 0.3, seed: 7 }));
      const rows = await warehouse.query<{ patient_key: string; doses_taken: number; no_shows: number }>('select patient_key, doses_taken, no_shows from healthcare_marts.dim_patients');
      expect(rows).toHaveLength(45);
      const expected = [...truth.patients.values()].map((p) => ({ patient_key: patientKeyOf(p.mrn), doses_taken: p.dosesTaken, no_shows: p.noShows }));
      expect(rows.sort((a, b) => a.patient_key.localeCompare(b.patient_key))).toEqual(expected.sort((a, b) => a.patient_key.localeCompare(b.patient_key)));
    } finally {
      warehouse.dispose();
      scratch.remove();
    }
  });
});

describe('runDatagenCli', () => {
  it('writes the files where --out says and reports the row counts', async () => {
    const dir = tempDir();
    const out: string[] = [];
    expect(await runDatagenCli(['--scale', '0.1', '--seed=3', '--out', dir], seedsDir, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toMatch(/^Generated healthcare seeds \(scale 0\.1, seed 3, 15 patients\) into .* in \d+\.\ds$/);
    expect(readCsv(join(dir, 'restricted_zip3.csv'))).toHaveLength(17);
  });

  it('rejects bad arguments with exit code 2', async () => {
    const err: string[] = [];
    expect(await runDatagenCli(['--scale', 'lots'], seedsDir, { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toMatch(/^datagen: --scale must be a positive number, got 'lots'/);
    expect(await runDatagenCli(['--verbose'], seedsDir, { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err[1]).toMatch(/^datagen: unknown option '--verbose'/);
  });
});
