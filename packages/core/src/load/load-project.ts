import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { createJiti, type Jiti } from 'jiti';
import type { ProjectConfig } from '../config/project-config.js';
import type { FolderSchemas, ModelSchema, SourceTableSchema } from '../config/define-schemas.js';
import { withChecksCollected } from '../expectations/collect-checks.js';
import { ConfigError, ParseError } from '../errors/strata-error.js';
import { projectConfigSchema } from './config-schema.js';
import { scanFiles } from './scan-files.js';
import { originalLine, stackLine } from './source-map-line.js';
import { findWorkspaceRoot } from './workspace-root.js';

/** A file of the project: its project-relative path and its text. */
export interface ProjectFile {
  path: string;
  text: string;
  /** A TypeScript model's default export (`defineModel({...})`), evaluated when loaded. */
  module?: unknown;
}

/** A TypeScript model file: `models/**\/<name>.ts`, except schema files, declarations, tests and `_helpers.ts`. */
export function isTsModelPath(path: string): boolean {
  const file = path.split('/').pop()!;
  return file.endsWith('.ts') && file !== 'schema.ts' && !file.endsWith('.d.ts') && !file.endsWith('.test.ts') && !file.startsWith('_');
}

/** Everything read from disk for one project; the input of `parseProject`. */
export interface LoadedProject {
  root: string;
  workspaceRoot: string;
  configFile: string;
  config: ProjectConfig;
  models: ProjectFile[];
  seeds: string[];
  tests: ProjectFile[];
  macros: ProjectFile[];
  snapshots: ProjectFile[];
  /** `schema.ts` files keyed by their folder (project-relative). */
  /**
   * The evaluated `schema.ts` files. `loadWorkspace` empties this list once the projects are
   * parsed: the manifest's nodes carry what the schemas declare, and keeping tens of thousands
   * of zod objects alive cost ~15 KB per model (750 MB at 50,000 models).
   */
  schemas: Array<{ path: string; schemas: FolderSchemas }>;
}

export const CONFIG_FILE = 'strata.config.ts';

/** Line (1-based) of the first occurrence of `needle` in `text`, for pointing at config keys. */
function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}

/**
 * One jiti per process: it resolves imports like Node and evaluates config and schema files.
 * Its default transform is babel, which costs seconds over a large project's schema files;
 * esbuild strips the types in well under a millisecond per file.
 */
let loader: Jiti | undefined;
/** The code jiti ran for each file, whose inline source map turns a stack line back into the file's own. */
const transpiled = new Map<string, string>();
/**
 * Every file outside node_modules that jiti evaluated in this process (configs, schema files and
 * what they import): the inputs partial parsing must watch besides the project's own folders.
 */
const evaluatedFiles = new Map<string, Set<string>>();
/** The project whose file is being imported (imports are sequential). */
let importingRoot: string | undefined;

/** Absolute paths of the files (not libraries) evaluated so far while loading the project at `root`. */
export function evaluatedModuleFiles(root: string): ReadonlySet<string> {
  return evaluatedFiles.get(resolve(root)) ?? new Set();
}
/**
 * Where transpiled TypeScript is kept between runs, by hash of the file's path and text: a
 * re-compile transpiles only what changed. It lives in `node_modules/.cache/strata/ts` of the
 * workspace (the convention of build tools), never in `target/`: a run that fails writes nothing
 * there. No cache when the workspace has no node_modules.
 */
let transpileCacheDir: string | undefined;
function transpileCacheFor(projectRoot: string): string | undefined {
  const modules = join(findWorkspaceRoot(projectRoot), 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'strata', 'ts') : undefined;
}
const TRANSPILE_VERSION = 'esbuild-cjs-node20-v1';

/** esbuild's CommonJS output for a file, from the cache when its text is unchanged. */
function transpile(source: string, filename: string | undefined): string {
  const loaderKind = filename?.endsWith('.ts') || filename?.endsWith('.mts') || filename?.endsWith('.cts') ? 'ts' : 'js';
  const file = filename ?? '';
  const key = transpileCacheDir && filename ? createHash('sha256').update(`${TRANSPILE_VERSION}\0${filename}\0${source}`).digest('hex') : undefined;
  const cached = key ? join(transpileCacheDir!, `${key}.js`) : undefined;
  if (cached && existsSync(cached)) return readFileSync(cached, 'utf8');
  // CommonJS output has no import.meta: give configs the file's real URL, dirname and filename.
  const define = { 'import.meta.url': JSON.stringify(pathToFileURL(file).href), 'import.meta.dirname': JSON.stringify(dirname(file)), 'import.meta.filename': JSON.stringify(file) };
  const { code } = esbuild().transformSync(source, { loader: loaderKind, format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline', define });
  if (cached) {
    try {
      mkdirSync(transpileCacheDir!, { recursive: true });
      writeFileSync(`${cached}.${process.pid}.tmp`, code);
      renameSync(`${cached}.${process.pid}.tmp`, cached);
    } catch {
      // A cache that cannot be written (read-only target/) only costs the next run a transpile.
    }
  }
  return code;
}
/**
 * esbuild, required on the first transpile: a re-compile whose files are all in the transpile
 * cache never loads it (~60 ms of a process start).
 */
let esbuildModule: typeof import('esbuild') | undefined;
function esbuild(): typeof import('esbuild') {
  esbuildModule ??= createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  return esbuildModule;
}

function tsLoader(): Jiti {
  loader ??= createJiti(import.meta.url, {
    interopDefault: true,
    // Libraries (zod, @strata/core) are evaluated once per process; the project's own files are
    // evicted after each load (see forgetProjectModules) so an edited config is always re-read.
    moduleCache: true,
    fsCache: false,
    transform: ({ source, filename }) => {
      const code = transpile(source, filename);
      if (filename) transpiled.set(filename, code);
      if (filename && importingRoot && !filename.includes('/node_modules/')) {
        const files = evaluatedFiles.get(importingRoot) ?? new Set<string>();
        evaluatedFiles.set(importingRoot, files.add(filename));
      }
      return { code };
    },
  });
  return loader;
}

/** Drops a project's own modules from the loader's cache, keeping libraries cached. */
function forgetProjectModules(root: string): void {
  const cache = tsLoader().cache;
  for (const key of Object.keys(cache)) {
    if (key.startsWith(root + '/') && !key.includes('/node_modules/')) delete cache[key];
  }
}

/** Imports a TypeScript module with jiti, turning its failures into errors that name the file. */
async function importTs(file: string, what: string, root: string): Promise<unknown> {
  const jiti = tsLoader();
  transpileCacheDir = transpileCacheFor(root);
  importingRoot = root;
  try {
    return await jiti.import(file, { default: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A syntax error names the line in its message; an error the file throws has it in its stack,
    // as a line of the transpiled code.
    const generated = stackLine(error, file);
    const code = transpiled.get(file);
    const line = /:(\d+):\d+/.exec(message)?.[1] ?? /\((\d+):\d+\)/.exec(message)?.[1] ?? (generated && code ? originalLine(code, generated) : undefined);
    throw new ConfigError('E_CONFIG_LOAD', `${what} failed to load: ${message.split('\n')[0]}`, {
      file,
      line: line ? Number(line) : undefined,
      hint: 'fix the error in this file; it must default-export its definition',
      cause: error,
    });
  } finally {
    importingRoot = undefined;
    forgetProjectModules(root);
    transpiled.clear();
  }
}

/** Reads and validates `strata.config.ts` of a project folder. */
export async function loadProjectConfig(root: string): Promise<ProjectConfig> {
  const configFile = join(root, CONFIG_FILE);
  if (!existsSync(configFile)) {
    throw new ConfigError('E_NO_CONFIG', `no ${CONFIG_FILE} in ${root}`, { hint: 'pass --project with a folder that holds a Strata project' });
  }
  const raw = await importTs(configFile, CONFIG_FILE, root);
  const parsed = projectConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const text = readFileSync(configFile, 'utf8');
    const issue = parsed.error.issues[0]!;
    const key = issue.path.map(String).join('.');
    const lastKey = issue.path.filter((p) => typeof p === 'string').at(-1) as string | undefined;
    throw new ConfigError('E_CONFIG_INVALID', `invalid config at '${key || '(root)'}': ${issue.message}`, {
      file: configFile,
      line: lastKey ? lineOf(text, lastKey) : undefined,
      hint: 'see defineProject() in @strata/core for the accepted settings',
    });
  }
  return raw as ProjectConfig;
}

/**
 * A schema file's entries with their checks collected and their zod objects let go (see
 * withChecksCollected), under the names parse-project asks for: the model or seed name, and for
 * a source table both `<source>_<table>` and the table's own name (a seed it describes).
 */
function collectChecksEarly(schemas: FolderSchemas, file: string): FolderSchemas {
  const light = (entries: Record<string, ModelSchema> | undefined, names: (key: string) => string[]) =>
    entries && typeof entries === 'object' ? Object.fromEntries(Object.entries(entries).map(([key, schema]) => [key, withChecksCollected(schema, names(key), file)])) : entries;
  return {
    ...schemas,
    models: light(schemas.models, (name) => [name]),
    seeds: light(schemas.seeds, (name) => [name]),
    sources:
      schemas.sources && typeof schemas.sources === 'object'
        ? Object.fromEntries(Object.entries(schemas.sources).map(([source, tables]) => [source, light(tables, (table) => [`${source}_${table}`, table]) as Record<string, SourceTableSchema>]))
        : schemas.sources,
  };
}

/**
 * The files under a project's folder `dir` ending in one of `extensions`, with their text, as
 * paths relative to the project.
 * @example readProjectFiles(root, 'macros', ['.sql'])
 */
export function readProjectFiles(root: string, dir: string, extensions: string[]): ProjectFile[] {
  return scanFiles(root, dir, extensions).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** Reads every file a project consists of. Does not parse SQL or touch a warehouse. */
export async function loadProject(projectDir: string): Promise<LoadedProject> {
  const root = resolve(projectDir);
  const config = await loadProjectConfig(root);
  const paths = { models: 'models', seeds: 'seeds', tests: 'tests', macros: 'macros', snapshots: 'snapshots', ...config.paths };
  const read = (files: string[]): ProjectFile[] => files.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
  const schemaFiles = scanFiles(root, paths.models, ['schema.ts']).concat(scanFiles(root, paths.seeds, ['schema.ts']));
  const schemas: LoadedProject['schemas'] = [];
  for (const path of schemaFiles) {
    const loaded = await importTs(join(root, path), path, root);
    if (!loaded || typeof loaded !== 'object') {
      throw new ParseError('E_SCHEMA_FILE', `${path} must default-export defineSchemas({...})`, { file: join(root, path), line: 1 });
    }
    schemas.push({ path, schemas: collectChecksEarly(loaded as FolderSchemas, join(root, path)) });
  }
  const tsModels = read(scanFiles(root, paths.models, ['.ts']).filter(isTsModelPath));
  for (const model of tsModels) model.module = await importTs(join(root, model.path), model.path, root);
  return {
    root,
    workspaceRoot: findWorkspaceRoot(root),
    configFile: join(root, CONFIG_FILE),
    config,
    models: [...readProjectFiles(root, paths.models, ['.sql']), ...tsModels].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    seeds: scanFiles(root, paths.seeds, ['.csv']),
    tests: readProjectFiles(root, paths.tests, ['.sql']),
    macros: readProjectFiles(root, paths.macros, ['.sql']),
    snapshots: readProjectFiles(root, paths.snapshots, ['.sql']),
    schemas,
  };
}
