import { join } from 'node:path';
import { ParseError, type StrataError } from '../errors/strata-error.js';
import { scanFiles } from '../load/scan-files.js';
import { lineOf, readYaml } from './read-yaml.js';

/** One entry of a properties file (`models:`, `seeds:`, … list item), with where it is. */
export interface PropertiesEntry {
  name: string;
  data: Record<string, unknown>;
  file: string;
  line: number;
}

/** Everything the project's properties files (`*.yml` under its resource paths) declare. */
export interface DbtProperties {
  models: Map<string, PropertiesEntry>;
  seeds: Map<string, PropertiesEntry>;
  snapshots: Map<string, PropertiesEntry>;
  sources: PropertiesEntry[];
  exposures: PropertiesEntry[];
  /** Project-relative paths of the files read. */
  files: string[];
  errors: StrataError[];
}

const KNOWN_SECTIONS = new Set(['version', 'models', 'seeds', 'snapshots', 'sources', 'exposures', 'macros', 'analyses', 'metrics', 'semantic_models', 'saved_queries', 'groups', 'unit_tests', 'data_tests', 'tests']);

/**
 * Reads every `*.yml`/`*.yaml` under `paths` (dbt's properties files). Duplicates and entries
 * without a name are errors naming the file and line; whole files that fail to parse too.
 */
export function readProperties(root: string, paths: string[]): DbtProperties {
  const out: DbtProperties = { models: new Map(), seeds: new Map(), snapshots: new Map(), sources: [], exposures: [], files: [], errors: [] };
  const files = [...new Set(paths.flatMap((p) => scanFiles(root, p, ['.yml', '.yaml'])))].sort();
  for (const path of files) {
    const file = join(root, path);
    let doc: Record<string, unknown>;
    try {
      doc = (readYaml(file) ?? {}) as Record<string, unknown>;
    } catch (error) {
      out.errors.push(error as StrataError);
      continue;
    }
    if (typeof doc !== 'object' || Array.isArray(doc)) continue;
    out.files.push(path);
    for (const key of Object.keys(doc)) {
      if (!KNOWN_SECTIONS.has(key)) out.errors.push(new ParseError('E_DBT_PROPERTIES', `unknown top-level key '${key}' in a properties file`, { file, line: 1, hint: `known keys: ${[...KNOWN_SECTIONS].join(', ')}` }));
    }
    const entries = (section: string): PropertiesEntry[] => {
      const list = doc[section];
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list)) {
        out.errors.push(new ParseError('E_DBT_PROPERTIES', `'${section}:' must be a list of entries with a name`, { file, line: lineOf(doc) }));
        return [];
      }
      return list.flatMap((data) => {
        const name = (data as Record<string, unknown> | null)?.name;
        if (typeof name !== 'string') {
          out.errors.push(new ParseError('E_DBT_PROPERTIES', `an entry under '${section}:' has no name`, { file, line: lineOf(data) ?? lineOf(doc) }));
          return [];
        }
        return [{ name, data: data as Record<string, unknown>, file, line: lineOf(data) ?? 1 }];
      });
    };
    for (const [section, map] of [['models', out.models], ['seeds', out.seeds], ['snapshots', out.snapshots]] as const) {
      for (const entry of entries(section)) {
        const previous = map.get(entry.name);
        if (previous) out.errors.push(new ParseError('E_DBT_PROPERTIES', `${section.slice(0, -1)} '${entry.name}' has properties in two places: ${previous.file}:${previous.line} and here`, { file: entry.file, line: entry.line, hint: 'keep one entry' }));
        else map.set(entry.name, entry);
      }
    }
    out.sources.push(...entries('sources'));
    out.exposures.push(...entries('exposures'));
  }
  return out;
}

/** The test entries of a properties entry (`data_tests:` or the older `tests:`). */
export function testsOf(data: Record<string, unknown> | undefined): unknown[] {
  const list = data?.data_tests ?? data?.tests;
  return Array.isArray(list) ? list : [];
}

/** The columns of a properties entry, each a mapping with a name. */
export function columnsOf(data: Record<string, unknown> | undefined): Array<Record<string, unknown> & { name: string }> {
  const list = data?.columns;
  if (Array.isArray(list)) return list.filter((c) => c && typeof (c as { name?: unknown }).name === 'string') as Array<Record<string, unknown> & { name: string }>;
  // An older form keys columns by name.
  if (list && typeof list === 'object') return Object.entries(list).map(([name, c]) => ({ ...(c as object), name }));
  return [];
}
