import nunjucks from 'nunjucks';
import type { Dialect } from '../adapter/dialect.js';
import { CompilationError, StrataError } from '../errors/strata-error.js';
import { crossDatabaseMacros } from './cross-db-macros.js';

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
  /**
   * The first StrataError thrown by one of our functions during the current render. nunjucks
   * wraps thrown errors in its own type and drops their class, so we keep the original here.
   */
  private thrown: unknown;

  constructor(dialect: Dialect, macroFiles: Array<{ path: string; text: string; absolute: string }>) {
    const files = this.files;
    const loader = {
      getSource(name: string) {
        const file = files.get(name);
        if (!file) throw new Error(`template ${name} not found`);
        return { src: file.text, path: file.path, noCache: false };
      },
    };
    this.env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: false, throwOnUndefined: true });
    for (const [name, fn] of Object.entries(crossDatabaseMacros(dialect))) {
      this.env.addGlobal(name, fn);
    }
    this.env.addGlobal('dbt', crossDatabaseMacros(dialect));
    this.env.addGlobal('exceptions', {
      raise_compiler_error: (message: string) => {
        throw this.remember(new CompilationError('E_MACRO_RAISED', String(message)));
      },
    });
    this.env.addGlobal('log', () => '');
    const imports: string[] = [];
    const names = new Set<string>();
    for (const file of macroFiles) {
      const key = `__macros__/${file.path}`;
      files.set(key, { text: preprocessMacroFile(file.text), path: file.absolute });
      const defined = [...file.text.matchAll(MACRO_NAME)].map((m) => (/\{%-?\s*test\b/.test(m[0]) ? `test_${m[1]}` : m[1]!));
      for (const name of defined) names.add(name);
      if (defined.length > 0) imports.push(`{% from "${key}" import ${defined.join(', ')} with context %}`);
    }
    this.macros = { importLine: imports.join(''), names };
  }

  /**
   * Renders a template with the node's context. Errors become CompilationErrors naming the file
   * and line — a macro that raised, an undefined variable, a Jinja syntax error.
   */
  render(text: string, context: Record<string, unknown>, file: string): string {
    this.thrown = undefined;
    const guarded: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(context)) {
      guarded[key] =
        typeof value === 'function'
          ? (...args: unknown[]) => {
              try {
                return (value as (...a: unknown[]) => unknown)(...args);
              } catch (error) {
                throw this.remember(error);
              }
            }
          : value;
    }
    try {
      return this.env.renderString(this.macros.importLine + text, guarded);
    } catch (error) {
      throw toCompilationError(error, file, text, this.thrown);
    }
  }

  private remember(error: unknown): unknown {
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

function toCompilationError(error: unknown, file: string, text: string, thrown: unknown): StrataError {
  const e = error as Error & { cause?: unknown; lineno?: number };
  const cause = thrown instanceof StrataError ? thrown : error instanceof StrataError ? error : undefined;
  const message = String(e.message ?? error);
  const lineMatch = /\[Line (\d+), Column \d+\]/.exec(message);
  const pathMatch = /\(([^()]+\.sql)\)/.exec(message);
  // nunjucks reports the innermost template: a macro file when the error is inside a macro.
  const where = pathMatch && !pathMatch[1]!.startsWith('unknown') ? pathMatch[1]! : file;
  // nunjucks counts lines from 0, except in its undefined-output error, which adds 1 itself.
  const offset = /undefined value/.test(message) ? 0 : 1;
  const line = lineMatch ? Number(lineMatch[1]) + offset : /end of file/.test(message) ? unclosedBlockLine(text) : undefined;
  if (cause) return new CompilationError(cause.code, cause.message, { file: cause.file ?? where, line: cause.line ?? line, hint: cause.hint, cause });
  const detail = message.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('(')).join(' ').replace(/^Template render error:\s*/, '');
  if (/undefined/i.test(detail) && /attempted to output null or undefined value/i.test(detail)) {
    return new CompilationError('E_UNDEFINED', 'a template expression is undefined', { file: where, line, hint: 'check the variable name, or guard it with {% if x is defined %}' });
  }
  const isSyntax = /expected|unexpected|unknown block tag|parse/i.test(detail);
  return new CompilationError(isSyntax ? 'E_JINJA_SYNTAX' : 'E_RENDER', detail || message, { file: where, line, cause: error });
}
