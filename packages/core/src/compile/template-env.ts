import nunjucks from 'nunjucks';
import type { Dialect } from '../adapter/dialect.js';
import { CompilationError, StrataError } from '../errors/strata-error.js';
import { crossDatabaseMacros } from './cross-db-macros.js';
import { FastTemplates } from './jinja/fast-template.js';
import { DoExtension, JINJA_FILTERS, JINJA_GLOBALS, JINJA_TESTS } from './jinja/jinja-builtins.js';
import { installPythonSemantics, MacroReturn, PYTHON_GLOBALS } from './jinja/python-semantics.js';
import { WarehouseQuestion } from './warehouse-requests.js';

/** The nunjucks context of a render (what a global function sees as `this`). */
interface RenderContext {
  lookup(name: string): unknown;
}

let macroFallbackInstalled = false;
/**
 * Macros see every macro of the project, whatever file defines them (dbt's one namespace): a
 * name a macro file's own context lacks is looked up in the rendering template's context, which
 * imports them all.
 */
function installMacroFallback(): void {
  if (macroFallbackInstalled) return;
  macroFallbackInstalled = true;
  const runtime = nunjucks.runtime as unknown as { contextOrFrameLookup: (context: { env?: { strataMacro?: (name: string) => unknown } }, frame: unknown, key: string) => unknown };
  const lookup = runtime.contextOrFrameLookup;
  runtime.contextOrFrameLookup = function (context, frame, key) {
    const value = lookup.call(this, context, frame, key);
    return value === undefined ? context?.env?.strataMacro?.(key) : value;
  };
}

/** A project's macro files, preprocessed for nunjucks, and the names each defines. */
export interface MacroLibrary {
  /** One `{% from … import … with context %}` per file, all on one line so line numbers hold. */
  importLine: string;
  names: Set<string>;
}

const MACRO_NAME = /\{%-?\s*(?:macro|test)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;

/** dbt's `{% test x(...) %}` is a macro named `test_x`; nunjucks only knows `macro`. */
export function preprocessMacroFile(text: string): string {
  return text
    .replace(/\{%(-?)\s*test\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g, '{%$1 macro test_$2(')
    .replace(/\{%(-?)\s*endtest\s*(-?)%\}/g, '{%$1 endmacro $2%}');
}

/**
 * The nunjucks environment of one project on one dialect: macro files as templates, the
 * cross-database macros as globals. Node-specific values (`ref`, `this`, …) are passed per
 * render, so one environment serves every node.
 */
export class TemplateEnv {
  readonly env: nunjucks.Environment;
  readonly macros: MacroLibrary;
  private readonly files = new Map<string, { text: string; path: string }>();
  /** Templates that need no more than `ref`/`source`/`config`/`if` skip nunjucks (see fast-template.ts). */
  private readonly fast: FastTemplates;
  /**
   * The first StrataError thrown by one of our functions during the current render. nunjucks
   * wraps thrown errors in its own type and drops their class, so we keep the original here.
   */
  private thrown: unknown;

  /**
   * @param adapter The target's adapter: a project macro `<adapter>__<name>` (say
   *   `bigquery__to_utc_timestamp`) replaces `<name>` on that adapter — dbt's dispatch naming,
   *   applied to every call, so models stay the same on every warehouse.
   */
  constructor(dialect: Dialect, macroFiles: Array<{ path: string; text: string; absolute: string }>, adapter?: string) {
    const files = this.files;
    const loader = {
      getSource(name: string) {
        const file = files.get(name);
        if (!file) throw new Error(`template ${name} not found`);
        return { src: file.text, path: file.path, noCache: false };
      },
    };
    installPythonSemantics();
    installMacroFallback();
    // `dev` keeps the original error as the cause of nunjucks' error (see strataCause).
    this.env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: false, throwOnUndefined: true, dev: true } as nunjucks.ConfigureOptions);
    // Jinja's filters, tests and globals that nunjucks lacks, `{% do %}`, and the binding of
    // each render's context (for macros defined in other files and `adapter.dispatch`).
    for (const [name, fn] of Object.entries(JINJA_FILTERS)) this.env.addFilter(name, fn as (...args: unknown[]) => unknown);
    for (const [name, fn] of Object.entries(JINJA_TESTS)) (this.env as unknown as { addTest(n: string, f: unknown): void }).addTest(name, fn);
    for (const [name, fn] of Object.entries({ ...JINJA_GLOBALS, ...PYTHON_GLOBALS })) this.env.addGlobal(name, fn);
    this.env.addExtension('DoExtension', new DoExtension() as unknown as nunjucks.Extension);
    const self = this;
    this.env.addGlobal('__strata_bind', function (this: RenderContext) {
      self.bound = this;
      return '';
    });
    (this.env as unknown as { strataMacro: (name: string) => unknown }).strataMacro = (name) => this.macro(name);
    for (const [name, fn] of Object.entries(crossDatabaseMacros(dialect))) {
      this.env.addGlobal(name, fn);
    }
    this.env.addGlobal('dbt', crossDatabaseMacros(dialect));
    this.env.addGlobal('exceptions', {
      raise_compiler_error: (message: string) => {
        throw this.remember(new CompilationError('E_MACRO_RAISED', String(message)));
      },
      raise_not_implemented: (message: string) => {
        throw this.remember(new CompilationError('E_MACRO_RAISED', `not implemented: ${String(message)}`));
      },
      warn: () => '',
    });
    this.env.addGlobal('log', () => '');
    const imports: string[] = [];
    const overrides: string[] = [];
    const names = new Set<string>();
    const prefix = adapter ? `${adapter}__` : undefined;
    for (const file of macroFiles) {
      const key = `__macros__/${file.path}`;
      files.set(key, { text: preprocessMacroFile(file.text), path: file.absolute });
      const defined = [...file.text.matchAll(MACRO_NAME)].map((m) => (/\{%-?\s*test\b/.test(m[0]) ? `test_${m[1]}` : m[1]!));
      for (const name of defined) names.add(name);
      if (defined.length > 0) imports.push(`{% from "${key}" import ${defined.join(', ')} with context %}`);
      // Imported after every generic macro, so the adapter's version wins whatever the file order.
      for (const name of defined.filter((n) => prefix && n.startsWith(prefix) && n.length > prefix.length)) {
        overrides.push(`{% from "${key}" import ${name} as ${name.slice(prefix!.length)} with context %}`);
        names.add(name.slice(prefix!.length));
      }
    }
    this.macros = { importLine: '{{ __strata_bind() }}' + imports.join('') + overrides.join(''), names };
    this.fast = new FastTemplates((this.env as unknown as { globals: Record<string, unknown> }).globals, names);
  }

  /** The context of the template being rendered (bound by its first statement). */
  private bound?: RenderContext;

  /**
   * A project macro by name during a render (`adapter.dispatch` returns it), or undefined.
   * @example env.macro('default__cents_to_dollars')
   */
  macro(name: string): unknown {
    return this.macros.names.has(name) ? this.bound?.lookup(name) : undefined;
  }

  /**
   * Renders a template with the node's context. Errors become CompilationErrors naming the file
   * and line — a macro that raised, an undefined variable, a Jinja syntax error.
   */
  render(text: string, context: Record<string, unknown>, file: string): string {
    return this.fast.render(text, context) ?? this.renderWithNunjucks(text, context, file);
  }

  /** `render` without the fast path: every template through nunjucks (the fast path's reference). */
  renderWithNunjucks(text: string, context: Record<string, unknown>, file: string): string {
    this.thrown = undefined;
    const guarded: Record<string, unknown> = {};
    const remember = (error: unknown) => this.remember(error);
    for (const [key, value] of Object.entries(context)) {
      // Wrappers keep `this` (nunjucks' context) and the function's own members (`config.get`).
      guarded[key] =
        typeof value === 'function'
          ? Object.assign(function (this: unknown, ...args: unknown[]) {
              try {
                return (value as (...a: unknown[]) => unknown).apply(this, args);
              } catch (error) {
                throw remember(error);
              }
            }, value)
          : value;
    }
    // A render may start another (an ephemeral model compiled inside ref()): keep the outer binding.
    const outer = this.bound;
    try {
      return this.env.renderString(this.macros.importLine + text, guarded);
    } catch (error) {
      throw toCompilationError(error, file, text, this.thrown, [...this.files.values()]);
    } finally {
      this.bound = outer;
    }
  }

  private remember(error: unknown): unknown {
    if (error instanceof MacroReturn) return error;
    this.thrown ??= error;
    return error;
  }
}

const OPENING = new Set(['if', 'for', 'macro', 'call', 'filter', 'raw', 'block']);

/** Line of the last block tag left open (for "got end of file" errors, which carry no line). */
function unclosedBlockLine(text: string): number | undefined {
  const stack: number[] = [];
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(/\{%-?\s*(\w+)/g)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    const tag = m[1]!;
    if (OPENING.has(tag)) stack.push(line);
    else if (tag.startsWith('end')) stack.pop();
  }
  return stack.at(-1);
}

/** The first StrataError (or warehouse question) in an error's chain of causes. */
function strataCause(error: unknown): StrataError | WarehouseQuestion | MacroReturn | undefined {
  for (let e = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StrataError || e instanceof WarehouseQuestion || e instanceof MacroReturn) return e;
  }
  return undefined;
}

/**
 * The macro file a raise at `line` came from: nunjucks names no path for errors inside imported
 * macros, only the line, so it is the one macro file with `raise_` on that line (when the model's
 * own line has none). Undefined when that is not clear-cut.
 */
function raisingMacroFile(line: number | undefined, text: string, macroFiles: Array<{ text: string; path: string }>): string | undefined {
  if (!line || /raise_/.test(text.split('\n')[line - 1] ?? '')) return undefined;
  const candidates = macroFiles.filter((m) => /raise_/.test(m.text.split('\n')[line - 1] ?? ''));
  return candidates.length === 1 ? candidates[0]!.path : undefined;
}

/** The one `{{ … }}` expression on a line, to name what was undefined; undefined when there are several. */
function undefinedExpression(text: string, line: number | undefined): string | undefined {
  const found = [...(text.split('\n')[(line ?? 0) - 1] ?? '').matchAll(/\{\{-?\s*(.*?)\s*-?\}\}/g)];
  return found.length === 1 ? found[0]![1] : undefined;
}

function toCompilationError(error: unknown, file: string, text: string, thrown: unknown, macroFiles: Array<{ text: string; path: string }> = []): StrataError {
  const e = error as Error & { cause?: unknown; lineno?: number };
  const found = thrown instanceof StrataError ? thrown : strataCause(error);
  if (found instanceof WarehouseQuestion) throw found;
  if (found instanceof MacroReturn) return new CompilationError('E_RETURN_OUTSIDE_MACRO', 'return() was called outside a macro', { file, hint: 'return() ends a {% macro %}; in a model, print the value with {{ … }} instead' });
  const cause = found;
  const message = String(e.message ?? error);
  const lineMatch = /\[Line (\d+), Column \d+\]/.exec(message);
  const pathMatch = /\(([^()]+\.sql)\)/.exec(message);
  // nunjucks reports the innermost template: a macro file when the error is inside a macro.
  const where = pathMatch && !pathMatch[1]!.startsWith('unknown') ? pathMatch[1]! : file;
  // nunjucks counts lines from 0, except in its undefined-output error, which adds 1 itself.
  const offset = /undefined value/.test(message) ? 0 : 1;
  const line = lineMatch ? Number(lineMatch[1]) + offset : /end of file/.test(message) ? unclosedBlockLine(text) : undefined;
  if (cause) {
    const raisedIn = cause.code === 'E_MACRO_RAISED' && !cause.file ? raisingMacroFile(line, text, macroFiles) : undefined;
    return new CompilationError(cause.code, cause.message, { file: cause.file ?? raisedIn ?? where, line: cause.line ?? line, hint: cause.hint, cause });
  }
  const detail = message.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('(')).join(' ').replace(/^Template render error:\s*/, '');
  if (/undefined/i.test(detail) && /attempted to output null or undefined value/i.test(detail)) {
    const expression = where === file ? undefinedExpression(text, line) : undefined;
    return new CompilationError('E_UNDEFINED', expression ? `'{{ ${expression} }}' is undefined` : 'a template expression is undefined', {
      file: where,
      line,
      hint: 'check the variable name, or guard it with {% if x is defined %}',
    });
  }
  const isSyntax = /expected|unexpected|unknown block tag|parse/i.test(detail);
  return new CompilationError(isSyntax ? 'E_JINJA_SYNTAX' : 'E_RENDER', detail || message, { file: where, line, cause: error });
}
