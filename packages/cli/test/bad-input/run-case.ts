import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/index.js';

/** Where the corpus lives: one folder per case, each a Strata project plus its `case.json`. */
export const CASES_DIR = join(import.meta.dirname, 'cases');

/** An error a case expects: thrown before any node ran (`node` absent), or the error of one node. */
export interface ExpectedError {
  node?: string;
  type: string;
  code: string;
  /** Project-relative file the error names. */
  file?: string;
  line?: number;
  /** What the person reads after `error ` (or in the Problems list): `CODE file:line: message` and the hint; `{root}` is the project folder. */
  text: string;
}

/** `case.json`: what a case does and what must come out of it. */
export interface CaseSpec {
  description: string;
  /** The CLI command and its options (`--project` is added). */
  args: string[];
  /** Files (project-relative) that make the project good, built first so there is a warehouse to protect; null removes a file. */
  good?: Record<string, string | null>;
  expect: {
    exit: number;
    errors?: ExpectedError[];
    /** For input that must load: queries and the rows they return. */
    rows?: Array<{ sql: string; rows: Array<Record<string, unknown>> }>;
  };
}

/** One line of `--log-format json`. */
export type LogEvent = Record<string, unknown> & { event: string };

/** A copy of a case's project in a temporary folder, with `zod` resolvable for its schema files. */
export function copyCase(name: string): { root: string; warehouse: string; spec: CaseSpec } {
  const source = join(CASES_DIR, name);
  const root = mkdtempSync(join(tmpdir(), `strata-bad-${name}-`));
  cpSync(source, root, { recursive: true, filter: (path) => !path.endsWith('case.json') });
  // schema.ts files import zod; the copy lives outside the workspace, so lend it core's.
  symlinkSync(join(import.meta.dirname, '../../../core/node_modules'), join(root, 'node_modules'), 'dir');
  const spec = JSON.parse(readFileSync(join(source, 'case.json'), 'utf8')) as CaseSpec;
  return { root, warehouse: join(root, '.strata/warehouse.duckdb'), spec };
}

/** Writes (or removes) files of a project; returns a function that puts the originals back. */
export function overlay(root: string, files: Record<string, string | null>): () => void {
  const originals = new Map<string, string | null>();
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    originals.set(path, existsSync(file) ? readFileSync(file, 'latin1') : null);
    if (text === null) rmSync(file, { force: true });
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  return () => {
    for (const [path, text] of originals) {
      if (text === null) rmSync(join(root, path), { force: true });
      else writeFileSync(join(root, path), text, 'latin1');
    }
  };
}

/** Runs the CLI in-process with JSON logs; returns the exit code, the events and stderr. */
export async function strataJson(args: string[], root: string): Promise<{ code: number; events: LogEvent[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [command, ...rest] = args;
  const code = await runCli(['--log-format', 'json', command!, '--project', root, ...rest], { cwd: root, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, events: out.map((l) => JSON.parse(l) as LogEvent), err: err.join('\n') };
}

/** The errors a run reported, in the shape of `ExpectedError` (paths relative to the project, `{root}` in texts). */
export function reportedErrors(events: LogEvent[], root: string): ExpectedError[] {
  const relative = (file: unknown) => (typeof file === 'string' && file.startsWith(root + '/') ? file.slice(root.length + 1) : (file as string | undefined) ?? undefined);
  const texts = (s: string) => s.split(root).join('{root}');
  const out: ExpectedError[] = [];
  for (const e of events) {
    if (e.event === 'error') {
      const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
      const text = `${e.code} ${where}${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
      out.push(clean({ type: String(e.type), code: String(e.code), file: relative(e.file), line: (e.line as number | null) ?? undefined, text: texts(text) }));
    }
    if (e.event === 'node_finished' && e.status === 'error') {
      const error = e.error as Record<string, unknown>;
      out.push(clean({ node: String(e.name), type: String(error.type), code: String(error.code), file: relative(error.file), line: (error.line as number | null) ?? undefined, text: texts(String(e.message)) }));
    }
  }
  return out;
}

function clean(error: ExpectedError): ExpectedError {
  return Object.fromEntries(Object.entries(error).filter(([, v]) => v !== undefined && v !== null)) as unknown as ExpectedError;
}
