import { InvalidArgumentError, type Command } from 'commander';
import { addProjectOptions, type CliIo } from '../options.js';
import { docsGenerateCommand, docsServeCommand, type DocsOptions } from './docs-command.js';
import { exportAirflowCommand, exportLookmlCommand, type ExportOptions } from './export-command.js';

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

/** Registers `strata docs generate|serve` and `strata export airflow|lookml`; `done` receives the exit code. */
export function registerDocsAndExport(program: Command, io: CliIo, done: (code: number) => void): void {
  const docs = program.command('docs').description('the static docs site: lineage, a page per node, expectations and their last results');
  addProjectOptions(docs.command('generate').description('write target/catalog.json (from the warehouse) and the docs site to target/docs/'))
    .option('-o, --out <dir>', 'site folder (default: <project>/target/docs, or <workspace>/target/docs for several projects)')
    .option('--no-introspect', 'do not read the warehouse (no catalog.json: no warehouse types or row counts)')
    .action(async (options: DocsOptions) => done(await docsGenerateCommand(options, io)));
  addProjectOptions(docs.command('serve').description('serve the generated docs site on 127.0.0.1 until Ctrl-C'))
    .option('--port <n>', 'port to listen on', parsePort, 8580)
    .option('--host <address>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('-o, --out <dir>', 'site folder to serve (default: as docs generate writes it)')
    .action(async (options: DocsOptions) => done(await docsServeCommand(options, io)));

  const exporter = program.command('export').description('write files other tools read: Airflow DAGs, LookML views');
  addProjectOptions(exporter.command('airflow').description('an Airflow DAG per project: a task per model running strata build --select, dependencies from the manifest'))
    .requiredOption('-o, --out <dir>', 'folder for the DAG files (e.g. your Airflow dags/ folder)')
    .action(async (options: ExportOptions) => done(await exportAirflowCommand(options, io)));
  addProjectOptions(exporter.command('lookml').description('LookML views of the public marts (from their zod schemas) and a model file per project'))
    .requiredOption('-o, --out <dir>', 'folder for the LookML projects')
    .action(async (options: ExportOptions) => done(await exportLookmlCommand(options, io)));
}
