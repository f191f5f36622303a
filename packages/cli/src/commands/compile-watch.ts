import { watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import pc from 'picocolors';
import { StrataError, type CompileWorkspaceResult } from '@strata/core';
import { compileProjects } from './compile-projects.js';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';
import { errorLine, jsonLine } from '../output/json-log.js';
import { untilStopped } from '../until-stopped.js';

/** Folders a compile writes or that hold no project input: changes there never trigger one. */
const IGNORED_FOLDERS = new Set(['target', 'logs', 'node_modules', '.strata', '.git']);

/**
 * How long to wait after a change before compiling: an editor's save is often several events
 * (truncate, write, rename), and a checkout touches many files at once.
 */
const SETTLE_MS = 20;

/** Whether a changed path (relative to a project folder) can change what the project compiles. */
export function isProjectInput(relativePath: string): boolean {
  const first = relativePath.split(sep)[0] ?? '';
  return !IGNORED_FOLDERS.has(first) && !first.startsWith('.');
}

/** The line a compile prints: how many nodes, how long, and what partial parsing did. */
function compiledLine(result: CompileWorkspaceResult): string {
  const partial = result.partialParse;
  const how = partial.reused ? `${partial.rendered} re-rendered, ${partial.changed.length} changed file${partial.changed.length === 1 ? '' : 's'}` : `full parse: ${partial.reason}`;
  return `Compiled ${result.compiledCount} nodes in ${result.elapsed.toFixed(2)}s (${how})`;
}

/**
 * `strata compile --watch`: compiles, then compiles again whenever a project file changes, until
 * Ctrl-C. The process stays alive between compiles, so a re-compile after an edit costs only
 * the partial parse (no Node start-up, modules already loaded and optimised): for an editor or a
 * language server that reads target/manifest.json. A compile error is printed with its file and
 * line and the watch goes on; the artifacts keep the last good compile until the next one.
 */
export async function compileWatchCommand(options: CommonOptions, io: CliIo): Promise<number> {
  const projects = projectsOf(options, io.cwd).map((p) => resolve(io.cwd, p));
  let running = false;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;

  const compileOnce = async (): Promise<void> => {
    running = true;
    try {
      const result = await compileProjects(options, io, projects);
      if (io.output?.format === 'json') io.out(jsonLine('compiled', { nodes: result.compiledCount, elapsed: result.elapsed, reused: result.partialParse.reused }));
      else if (!io.output?.quiet) io.out(compiledLine(result));
    } catch (error) {
      if (!(error instanceof StrataError)) throw error;
      if (io.output?.format === 'json') io.out(errorLine(error));
      else io.err(pc.red('error ') + error.format());
    } finally {
      running = false;
    }
    if (pending) {
      pending = false;
      await compileOnce();
    }
  };

  const schedule = (): void => {
    if (running) {
      pending = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void compileOnce().catch(fail), SETTLE_MS);
  };
  let failure: unknown;
  let stopWatching: () => void = () => undefined;
  const fail = (error: unknown) => {
    failure = error;
    stopWatching();
  };

  await compileOnce();
  const watchers: FSWatcher[] = projects.map((dir) =>
    watch(dir, { recursive: true }, (_event, file) => {
      if (file === null || isProjectInput(String(file))) schedule();
    }),
  );
  if (!io.output?.quiet && io.output?.format !== 'json') io.out(pc.dim(`Watching ${projects.join(', ')} for changes (Ctrl-C to stop)`));
  else if (io.output?.format === 'json') io.out(jsonLine('watching', { projects }));
  await new Promise<void>((done) => {
    stopWatching = done;
    void untilStopped(io.signal).then(done);
  });
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  if (failure) throw failure;
  return EXIT.ok;
}
