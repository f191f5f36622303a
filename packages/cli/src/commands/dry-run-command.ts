import pc from 'picocolors';
import { ConfigError, openAdapter, StrataError, type Adapter, type ManifestNode, type Workspace } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { jsonLine } from '../output/json-log.js';
import { EXIT, type CliIo } from '../options.js';

/** An adapter that can tell what a query would cost without running it (BigQuery's dry-run jobs). */
interface DryRunAdapter extends Adapter {
  dryRun(sql: string): Promise<{ bytesProcessed: number }>;
}

const canDryRun = (adapter: Adapter): adapter is DryRunAdapter => typeof (adapter as Partial<DryRunAdapter>).dryRun === 'function';

/** Dry runs sent at once: BigQuery answers each in about a second. */
const CONCURRENCY = 8;

/**
 * Bytes in binary units, as BigQuery bills them (1 TiB = 2^40 bytes).
 * @example formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) (value /= 1024), unit++;
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Models (not ephemeral: they are inlined into others) and snapshots: the nodes that process bytes. */
function estimable(node: ManifestNode): boolean {
  return (node.resourceType === 'model' && node.config.materialized !== 'ephemeral') || node.resourceType === 'snapshot';
}

/**
 * `strata compile --dry-run`: asks the warehouse how many bytes each compiled model would
 * process and prints them with the total. A model whose estimate fails (say, it reads a table
 * not built yet) is listed with the reason and makes the exit code 1.
 */
export async function dryRunCommand(workspace: Workspace, compiled: Map<string, string>, io: CliIo): Promise<number> {
  const adapter = await openAdapter(workspace, installedAdapters());
  try {
    if (!canDryRun(adapter)) {
      throw new ConfigError('E_NO_DRY_RUN', `--dry-run needs a warehouse that estimates query cost; the ${adapter.name} adapter of target '${workspace.targetName}' cannot`, {
        hint: "use a BigQuery target, e.g. strata compile --dry-run --target prod (with adapter: 'bigquery')",
      });
    }
    const nodes = workspace.dag.topologicalOrder(new Set(compiled.keys())).map((id) => workspace.dag.node(id)).filter(estimable);
    const outcomes: Array<{ bytes?: number; error?: string }> = new Array(nodes.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < nodes.length; i = next++) {
        try {
          outcomes[i] = { bytes: (await adapter.dryRun(compiled.get(nodes[i]!.uniqueId)!)).bytesProcessed };
        } catch (error) {
          outcomes[i] = { error: error instanceof StrataError ? error.message : String((error as Error)?.message ?? error) };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, nodes.length) }, worker));
    const json = io.output?.format === 'json';
    if (!json) io.out(pc.dim(`Bytes each model would process on target '${workspace.targetName}' (${workspace.target.adapter} dry run, nothing is billed):`));
    const width = Math.max(0, ...nodes.map((n) => `${n.project}.${n.name}`.length));
    let total = 0;
    let failed = 0;
    nodes.forEach((node, i) => {
      const { bytes, error } = outcomes[i]!;
      const label = `${node.project}.${node.name}`;
      if (bytes !== undefined) total += bytes;
      else failed++;
      if (json) io.out(jsonLine('dry_run', { unique_id: node.uniqueId, name: node.name, bytes_processed: bytes ?? null, error: error ?? null }));
      else io.out(`  ${label.padEnd(width)}  ${bytes !== undefined ? formatBytes(bytes).padStart(10) : pc.red(`error: ${error}`)}`);
    });
    const estimated = nodes.length - failed;
    if (json) io.out(jsonLine('dry_run_total', { bytes_processed: total, models: estimated, failed }));
    else io.out(`Total: ${formatBytes(total)} (${total.toLocaleString('en-US')} bytes) for ${estimated} model${estimated === 1 ? '' : 's'}${failed ? pc.red(`; ${failed} could not be estimated`) : ''}`);
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    await adapter.close();
  }
}
