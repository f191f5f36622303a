import type { RelationRef } from '../adapter/relation.js';
import { runScanChecks } from '../expectations/run-scan.js';
import { validateSeed } from '../expectations/validate-seed.js';
import type { SeedNode } from '../parse/manifest.js';
import type { Worker } from './execute-node.js';

/**
 * A seed's row-local checks (not-null, accepted values, ranges, lengths, patterns of its schema)
 * as one scan of the loaded, not yet swapped-in table. Reading every line of the file in Node
 * instead cost ~1 s of CPU per 100 MB of CSV and blocked the event loop while other nodes ran
 * (12.5 s of CPU over the five domains at 1M rows); the warehouse scans the same rows in tens of
 * milliseconds. The line-by-line reader (`validateSeed`) is still what words the error: it runs
 * only when the scan finds a bad value or a check cannot be compiled for this warehouse, and it
 * stays the authority — a row it accepts loads, whatever the scan said.
 * @example await checkSeedRows(worker, node, temporary) // throws E_SEED_INVALID naming the lines
 */
export async function checkSeedRows(worker: Worker, node: SeedNode, temporary: RelationRef): Promise<void> {
  const checks = node.validation ?? [];
  if (checks.length === 0) return;
  const scan = checks.map(({ name, check }, i) => ({ id: `v${i}`, name, check, options: { severity: 'error' as const, mostly: 1 } }));
  const run = await runScanChecks(worker.connection, worker.adapter.dialect, worker.adapter.dialect.renderRelation(temporary), scan);
  const suspect = run.errors.size > 0 || [...run.results.values()].some((r) => r.unexpected_count > 0);
  if (suspect) await validateSeed(node);
}

/**
 * Runs `load`; when the warehouse refuses the file (a value that does not parse as its declared
 * type, mostly), the line-by-line reader names the bad lines instead (E_SEED_INVALID), as it did
 * when it read every seed before loading. Any other failure is the warehouse's own.
 * @example await withSeedDiagnosis(node, () => materializer.seed(relation, file, options))
 */
export async function withSeedDiagnosis<T>(node: SeedNode, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (node.columns.length > 0 && !(error instanceof Error && 'code' in error && (error as { code?: string }).code === 'E_SEED_INVALID')) await validateSeed(node);
    throw error;
  }
}
