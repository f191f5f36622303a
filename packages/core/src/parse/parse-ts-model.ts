import { isTsModelDefinition, type TsModelDefinition } from '../config/define-model.js';
import type { ProjectConfig } from '../config/project-config.js';
import { ANSI_QUOTING } from '../compile/kysely-sql.js';
import { declaredInputs, renderTsModel } from '../compile/ts-model-sql.js';
import { ParseError } from '../errors/strata-error.js';
import type { ExtractedCalls } from './extract-calls.js';

/** A TypeScript model after parsing: its definition, dependencies, config and `rawSql`. */
export interface ParsedTsModel {
  definition: TsModelDefinition;
  calls: ExtractedCalls;
  /**
   * The query as Jinja SQL (`{{ ref('stg_orders') }}` for inputs, ANSI quoting): what docs show,
   * what `state:modified` compares, and what Jinja-based tools (unit tests) render.
   */
  rawSql: string;
}

const quote = (value: string): string => `'${value}'`;

/** Line of the first place `key` is written as a property name in the model's TypeScript. */
function lineOfKey(text: string, key: string): number {
  const patterns = [`'${key}'`, `"${key}"`, `${key}:`];
  const index = Math.min(...patterns.map((p) => text.indexOf(p)).filter((i) => i >= 0));
  return Number.isFinite(index) ? text.slice(0, index).split('\n').length : 1;
}

/**
 * Reads a loaded `models/**\/<name>.ts`: the refs and sources it declares become its dependencies
 * (found without a warehouse and without running SQL) and its query is compiled once, with
 * `{{ ref() }}`/`{{ source() }}` standing for its inputs.
 * @example parseTsModel(module, text, '/p/models/marts/x.ts', config).calls.refs // [{ name: 'stg_orders', line: 5 }]
 */
export function parseTsModel(module: unknown, text: string, file: string, config: ProjectConfig): ParsedTsModel {
  if (!isTsModelDefinition(module)) {
    throw new ParseError('E_TS_MODEL_EXPORT', `${file.split('/').pop()} must default-export defineModel({ refs, query })`, {
      file,
      line: 1,
      hint: "import { defineModel } from '@strata/core' and export default defineModel({...}); helper modules under models/ start with '_'",
    });
  }
  const definition = module;
  try {
    const inputs = declaredInputs(definition);
    const calls: ExtractedCalls = {
      refs: inputs.flatMap((i) => (i.kind === 'ref' ? [{ ...(i.project ? { project: i.project } : {}), name: i.name, line: lineOfKey(text, i.key) }] : [])),
      sources: inputs.flatMap((i) => (i.kind === 'source' ? [{ source: i.source, table: i.table, line: lineOfKey(text, i.key) }] : [])),
      config: { ...(definition.config ?? {}) },
    };
    const vars = config.vars ?? {};
    const rawSql = renderTsModel(definition, {
      quoting: ANSI_QUOTING,
      inputs: {
        ref: (project, name) => `{{ ref(${project ? `${quote(project)}, ` : ''}${quote(name)}) }}`,
        source: (source, table) => `{{ source(${quote(source)}, ${quote(table)}) }}`,
      },
      renderJinja: (template) => template,
      context: {
        isIncremental: false,
        thisSql: '{{ this }}',
        target: { name: 'parse', adapter: 'none' },
        var: (name, fallback) => {
          if (name in vars) return vars[name];
          if (fallback !== undefined) return fallback;
          throw new Error(`var('${name}') is not defined and has no default`);
        },
      },
    });
    return { definition, calls, rawSql };
  } catch (error) {
    if (error instanceof ParseError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ParseError('E_TS_MODEL', `TypeScript model failed to build its query: ${message}`, {
      file,
      line: 1,
      hint: 'declare every table the query reads in refs (models) or sources, and return db.selectFrom(...)',
      cause: error,
    });
  }
}
