import { relative } from 'node:path';
import pc from 'picocolors';
import { compiledPath, type NodeResult, type RunEvent, type Workspace } from '@strata/core';
import { formatResultLine, formatSummary } from '../format-result.js';
import type { CliIo } from '../options.js';
import { jsonLine, runEventLine } from './json-log.js';
import { LiveProgress } from './live-progress.js';
import type { OutputSettings } from './output-settings.js';

/** What every node-executing command tells the person (or the log shipper) while and after it runs. */
export interface Reporter {
  onEvent(event: RunEvent): void;
  /** The end of a run: the summary table and problems (text), or a `run_summary` event (json). */
  finish(results: NodeResult[], elapsed: number, success: boolean): void;
}

const PLAIN: OutputSettings = { format: 'text', quiet: false, debug: false, live: false };

/** Where a result's compiled SQL is, relative to the current folder when inside it. */
export function compiledPathOf(workspace: Workspace, cwd: string): (result: NodeResult) => string | undefined {
  return (result) => {
    const node = workspace.dag.manifest.nodes.get(result.uniqueId);
    const project = node ? workspace.dag.manifest.projects.get(node.project) : undefined;
    if (!node || !project || (node.resourceType !== 'model' && node.resourceType !== 'snapshot' && node.resourceType !== 'test')) return undefined;
    const path = compiledPath(project, node);
    const rel = relative(cwd, path);
    return rel.startsWith('..') ? path : rel;
  };
}

/** The file that defines a result's node, relative to the current folder when inside it. */
export function sourcePathOf(workspace: Workspace, cwd: string): (result: NodeResult) => string | undefined {
  return (result) => {
    const file = workspace.dag.manifest.nodes.get(result.uniqueId)?.file;
    if (!file) return undefined;
    const rel = relative(cwd, file);
    return rel.startsWith('..') ? file : rel;
  };
}

/**
 * The reporter for the CLI's output settings: live status line on a terminal, plain lines in CI
 * or a pipe, JSON events with `--log-format json`, problems only with `--quiet`.
 *
 * @example const reporter = createReporter(io, workspace); await runCommand(ws, { ..., onEvent: reporter.onEvent });
 */
export function createReporter(io: CliIo, workspace: Workspace): Reporter {
  const settings = io.output ?? PLAIN;
  const compiled = compiledPathOf(workspace, io.cwd);
  const source = sourcePathOf(workspace, io.cwd);
  const header = (total: number, threads: number) => pc.dim(`Running ${total} nodes with ${threads} threads on target '${workspace.targetName}' (${workspace.target.adapter})`);

  if (settings.format === 'json') {
    return {
      onEvent: (event) => {
        const line = runEventLine(event, compiled);
        io.out(event.type === 'run_started' ? line.replace(/}$/, `,"target":${JSON.stringify(workspace.targetName)},"adapter":${JSON.stringify(workspace.target.adapter)}}`) : line);
      },
      finish: (results, elapsed, success) => io.out(jsonLine('run_summary', { success, elapsed, ...counts(results), projects: perProject(results) })),
    };
  }

  if (settings.quiet) {
    return {
      onEvent: (event) => {
        if (event.type === 'log' && event.level === 'warn') io.err(pc.yellow(event.message));
      },
      finish: (results, elapsed) => {
        const text = formatSummary(results, elapsed, { compiledPath: compiled, sourcePath: source, problemsOnly: true });
        if (text) io.out(text);
      },
    };
  }

  const live = settings.live && io.write ? new LiveProgress(io.write, io.columns ?? 100) : undefined;
  const print = (line: string) => (live ? live.print(line) : io.out(line));
  return {
    onEvent: (event) => {
      switch (event.type) {
        case 'run_started':
          print(header(event.total, event.threads));
          live?.start(event.total);
          break;
        case 'node_started':
          live?.nodeStarted(event.uniqueId, event.name);
          if (settings.debug) print(pc.dim(`  start ${event.resourceType} ${event.name}`));
          break;
        case 'node_finished': {
          const line = formatResultLine(event.result, event.done, event.total);
          const path = settings.debug ? compiled(event.result) : undefined;
          if (live) live.nodeFinished(event.result.uniqueId, line, event.done);
          else io.out(line);
          if (path) print(pc.dim(`      compiled SQL: ${path}`));
          break;
        }
        case 'node_retrying':
          print(pc.yellow(`retry ${event.name}: attempt ${event.attempt + 1} in ${event.delayMs}ms after a transient error: ${event.message}`));
          break;
        case 'log':
          print((event.level === 'warn' ? pc.yellow : pc.dim)(event.message));
          break;
        case 'run_finished':
          live?.stop();
          break;
      }
    },
    finish: (results, elapsed) => {
      live?.stop();
      io.out(formatSummary(results, elapsed, { compiledPath: compiled, sourcePath: source, debug: settings.debug }));
    },
  };
}

function counts(results: NodeResult[]): Record<string, number> {
  const count = (pred: (r: NodeResult) => boolean) => results.filter(pred).length;
  return {
    total: results.length,
    ok: count((r) => r.status === 'success' || r.status === 'pass'),
    warned: count((r) => r.status === 'warn'),
    failed: count((r) => r.status === 'fail' || r.status === 'error'),
    skipped: count((r) => r.status === 'skipped'),
  };
}

function perProject(results: NodeResult[]): Array<Record<string, unknown>> {
  return [...new Set(results.map((r) => r.project))].sort().map((project) => {
    const own = results.filter((r) => r.project === project);
    return {
      project,
      models: own.filter((r) => r.resourceType === 'model').length,
      tests: own.filter((r) => r.resourceType === 'test').length,
      passed: own.filter((r) => r.status === 'pass').length,
      warned: own.filter((r) => r.status === 'warn').length,
      failed: own.filter((r) => r.status === 'fail' || r.status === 'error').length,
      rows: own.filter((r) => r.resourceType !== 'test').reduce((n, r) => n + (r.rowsAffected ?? 0), 0),
    };
  });
}
