import type { Dialect } from '../adapter/dialect.js';
import { TemplateEnv } from '../compile/template-env.js';
import { CompilationError, ParseError } from '../errors/strata-error.js';
import type { ProjectFile } from '../load/load-project.js';

/**
 * Jinja evaluated while parsing a dbt project, before any warehouse: the project's own
 * `generate_schema_name` / `generate_alias_name` macros (which decide relation names), and
 * `config()` calls whose arguments are expressions (`unique_key=var('key')`).
 */

/** Quoting only: parse-time Jinja never builds warehouse SQL. */
const PARSE_DIALECT: Dialect = {
  quoteIdentifier: (n) => `"${n.replace(/"/g, '""')}"`,
  quoteString: (v) => `'${v.replace(/'/g, "''")}'`,
  renderRelation: (r) => `"${r.schema}"."${r.name}"`,
  typeName: (t) => t,
  dateTrunc: (p, e) => `date_trunc('${p}', ${e})`,
  dateDiff: (s, e, p) => `date_diff('${p}', ${s}, ${e})`,
  dateAdd: (p, a, e) => `(${e} + ${a} * interval '1 ${p}')`,
  safeCast: (e, t) => `try_cast(${e} as ${t})`,
  hash: (e) => `md5(${e})`,
  concat: (es) => es.join(' || '),
  regexpMatches: (v, p) => `regexp_matches(${v}, ${p})`,
  castToString: (e) => `cast(${e} as varchar)`,
};

/** What a naming macro sees as `node`. */
export interface NamingNode {
  name: string;
  resource_type: string;
  fqn: string[];
  path: string;
  original_file_path: string;
  config: Record<string, unknown>;
  package_name: string;
}

/** Parse-time rendering for one dbt project. */
export class DbtParseEnv {
  private readonly env: TemplateEnv;
  private readonly context: Record<string, unknown>;

  constructor(
    macros: ProjectFile[],
    root: string,
    private readonly target: Record<string, unknown> & { schema: string; name: string },
    vars: Record<string, unknown>,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.env = new TemplateEnv(PARSE_DIALECT, macros.map((m) => ({ ...m, absolute: `${root}/${m.path}` })), String(target.type ?? ''));
    const defaultSchema = (custom: unknown) => (custom === null || custom === undefined ? target.schema : `${target.schema}_${String(custom).trim()}`);
    this.context = {
      target,
      var: (name: string, fallback?: unknown) => {
        if (name in vars) return vars[name];
        if (fallback !== undefined) return fallback;
        throw new CompilationError('E_UNDEFINED_VAR', `var('${name}') is not defined and has no default`, { hint: `define it under vars: in dbt_project.yml` });
      },
      env_var: (name: string, fallback?: string) => {
        const value = env[name] ?? fallback;
        if (value === undefined) throw new CompilationError('E_UNDEFINED_ENV', `env_var('${name}') is not set and has no default`, { hint: `export ${name}=...` });
        return value;
      },
      default__generate_schema_name: defaultSchema,
      generate_schema_name_for_env: (custom: unknown) => (target.name === 'prod' && custom !== null && custom !== undefined ? String(custom).trim() : target.schema),
      default__generate_alias_name: (alias: unknown, node: NamingNode) => (alias === null || alias === undefined ? node.name : String(alias).trim()),
      builtins: {},
    };
  }

  /** The schema of a node: the project's `generate_schema_name`, else dbt's default (`<target schema>_<custom>`). */
  schemaName(custom: string | undefined, node: NamingNode, file: string): string {
    if (!this.env.macros.names.has('generate_schema_name')) return custom ? `${this.target.schema}_${custom.trim()}` : this.target.schema;
    return this.renderName('{{ generate_schema_name(__custom, __node) }}', { __custom: custom ?? null, __node: node }, file);
  }

  /** The relation name of a node: the project's `generate_alias_name`, else its alias or name. */
  aliasName(alias: string | undefined, node: NamingNode, file: string): string {
    if (!this.env.macros.names.has('generate_alias_name')) return alias ?? node.name;
    return this.renderName('{{ generate_alias_name(__alias, __node) }}', { __alias: alias ?? null, __node: node }, file);
  }

  /** A properties value with Jinja in it (`schema: "{{ target.schema }}_raw"`), rendered as dbt does. */
  renderText(text: string, file: string): string {
    return text.includes('{{') || text.includes('{%') ? this.renderName(text, {}, file) : text;
  }

  private renderName(template: string, extra: Record<string, unknown>, file: string): string {
    return this.env.render(template, { ...this.context, ...extra }, file).trim();
  }

  /**
   * The value of a Jinja expression (`var('statuses')`), native rather than printed: dbt renders
   * `"{{ ... }}"` in test arguments this way.
   */
  evaluate(expression: string, file: string, line?: number): unknown {
    let value: unknown;
    const capture = (v: unknown) => {
      value = v;
      return '';
    };
    try {
      this.env.render(`{{ __capture(${expression}) }}`, { ...this.context, __capture: capture }, file);
    } catch (error) {
      throw new ParseError('E_DBT_JINJA', `cannot evaluate {{ ${expression.trim()} }} when parsing: ${(error as Error).message}`, { file, line, hint: 'properties may use literals, var(), env_var() and target in Jinja' });
    }
    return value;
  }

  /**
   * Evaluates `config(...)` calls whose arguments are not literals, with `var`, `env_var` and
   * `target` (dbt evaluates them when parsing). Anything else they use is a ParseError.
   */
  evaluateConfig(text: string, file: string): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    const capture = (...args: unknown[]) => {
      const last = args[args.length - 1] as Record<string, unknown> | undefined;
      if (last && typeof last === 'object' && last.__keywords) {
        for (const [k, v] of Object.entries(last)) {
          if (k === '__keywords') continue;
          // A name set by the model's own Jinja ({% set %}) is unknown when parsing.
          if (v === undefined) throw new Error(`the value of ${k} is undefined at parse time`);
          config[k] = v;
        }
      }
      return '';
    };
    for (const call of configCalls(text)) {
      try {
        this.env.render(`{{ __config(${call.args}) }}`, { ...this.context, __config: capture, this: '', ref: () => '', source: () => '' }, file);
      } catch (error) {
        const e = error as Error;
        throw new ParseError('E_CONFIG_CALL', `config() could not be evaluated when parsing: ${e.message}`, { file, line: call.line, hint: 'config() arguments may use literals, var(), env_var() and target; move other logic into the model body' });
      }
    }
    return config;
  }
}

/** Each `{{ config(...) }}` of a text: its argument text and line. */
export function configCalls(text: string): Array<{ args: string; line: number; start: number; end: number }> {
  const out: Array<{ args: string; line: number; start: number; end: number }> = [];
  const open = /\{\{-?\s*config\s*\(/g;
  for (const m of text.matchAll(open)) {
    let depth = 1;
    let i = m.index + m[0].length;
    let quote: string | undefined;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === quote && text[i - 1] !== '\\') quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
    }
    const close = text.indexOf('}}', i);
    out.push({ args: text.slice(m.index + m[0].length, i - 1), line: text.slice(0, m.index).split('\n').length, start: m.index, end: close < 0 ? text.length : close + 2 });
  }
  return out;
}

/** The text with its `config()` calls blanked (newlines kept), for finding refs statically. */
export function withoutConfigCalls(text: string): string {
  let out = text;
  for (const call of configCalls(text)) out = out.slice(0, call.start) + out.slice(call.start, call.end).replace(/[^\n]/g, ' ') + out.slice(call.end);
  return out;
}
