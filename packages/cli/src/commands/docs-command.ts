import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pc from 'picocolors';
import { ConfigError, loadWorkspace } from '@strata/core';
import { installedAdapters } from '../adapters.js';
import { EXIT, projectsOf, type CliIo, type CommonOptions } from '../options.js';
import { jsonLine } from '../output/json-log.js';
import { redactWorkspaceSecrets } from '../output/redact-output.js';
import { untilStopped } from '../until-stopped.js';

/** The docs site generator, loaded by the docs commands only (the other commands start without it). */
const docsPackage = () => import('@strata/docs');

/** Options of `strata docs generate` and `strata docs serve`. */
export interface DocsOptions extends CommonOptions {
  out?: string;
  introspect?: boolean;
  port?: number;
  host?: string;
}

/** `strata docs generate`: artifacts + catalog.json + the static site; prints where to open it. */
export async function docsGenerateCommand(options: DocsOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target });
  redactWorkspaceSecrets(io, workspace);
  const json = io.output?.format === 'json';
  const { generateDocs } = await docsPackage();
  const result = await generateDocs(workspace, {
    adapters: installedAdapters(),
    outDir: options.out ? resolve(io.cwd, options.out) : undefined,
    introspect: options.introspect,
    log: (message) => (json ? io.out(jsonLine('log', { level: 'warn', message })) : io.err(pc.yellow(message))),
  });
  if (json) {
    io.out(jsonLine('docs_generated', { out_dir: result.outDir, index: result.index, nodes: result.nodes, edges: result.edges, catalogs: result.catalogs }));
    return EXIT.ok;
  }
  if (io.output?.quiet) return EXIT.ok;
  const projectArgs = options.all ? '--all' : options.project.map((p) => `--project ${p}`).join(' ');
  io.out(`Docs written to ${result.outDir} (${result.nodes} nodes, ${result.edges} edges${result.catalogs.length > 0 ? ', catalog read from the warehouse' : ''})`);
  io.out(`  open ${pc.cyan(pathToFileURL(result.index).href)}`);
  io.out(`  or serve them: ${pc.cyan(`strata docs serve ${projectArgs}`.trim())} ${pc.dim('(http://127.0.0.1:8580/)')}`);
  return EXIT.ok;
}

/** `strata docs serve --port N`: serves the generated site on 127.0.0.1 until stopped. */
export async function docsServeCommand(options: DocsOptions, io: CliIo): Promise<number> {
  let dir: string;
  if (options.out) dir = resolve(io.cwd, options.out);
  else dir = (await docsPackage()).defaultDocsDir(await loadWorkspace({ projects: projectsOf(options, io.cwd), target: options.target }));
  if (!existsSync(join(dir, 'index.html'))) {
    throw new ConfigError('E_NO_DOCS', `there is no generated site in ${dir}`, { hint: 'run strata docs generate first (same --project/--all)' });
  }
  const server = await (await docsPackage()).serveDocs(dir, { port: options.port ?? 8580, host: options.host ?? '127.0.0.1' });
  if (io.output?.format === 'json') io.out(jsonLine('docs_serving', { url: server.url, dir }));
  else io.out(`Serving ${dir} at ${pc.cyan(server.url)} — press Ctrl-C to stop`);
  await untilStopped(io.signal);
  await server.close();
  return EXIT.ok;
}
