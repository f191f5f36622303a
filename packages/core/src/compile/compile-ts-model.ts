import type { Dialect } from '../adapter/dialect.js';
import { CompilationError, StrataError } from '../errors/strata-error.js';
import type { ModelNode } from '../parse/manifest.js';
import { renderTsModel } from './ts-model-sql.js';

/** The parts of a node's template context a TypeScript model uses (see `Compiler.contextFor`). */
interface TemplateContext {
  ref(a: string, b?: string): unknown;
  source(source: string, table: string): unknown;
  var(name: string, fallback?: unknown): unknown;
  this: unknown;
  target: Record<string, unknown>;
  is_incremental(): boolean;
}

/**
 * SQL of a TypeScript model for the compiler's dialect: its query function runs with the same
 * `ref`, `source`, `var`, `this` and `is_incremental()` a SQL model's Jinja sees, so ephemeral
 * inputs are inlined as CTEs and incremental filters work the same way.
 * @example compileTsModel(node, duckdbDialect, context, (template) => env.render(template, context, node.file))
 */
export function compileTsModel(node: ModelNode, dialect: Dialect, context: Record<string, unknown>, renderJinja: (template: string) => string): string {
  const ctx = context as unknown as TemplateContext;
  try {
    return renderTsModel(node.tsModel!, {
      quoting: dialect,
      renderJinja,
      inputs: {
        ref: (project, name) => String(project ? ctx.ref(project, name) : ctx.ref(name)),
        source: (source, table) => String(ctx.source(source, table)),
      },
      context: {
        isIncremental: ctx.is_incremental(),
        thisSql: String(ctx.this ?? ''),
        target: { name: String(ctx.target.name ?? ''), adapter: String(ctx.target.adapter ?? '') },
        var: (name, fallback) => ctx.var(name, fallback),
      },
    });
  } catch (error) {
    if (error instanceof StrataError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CompilationError('E_TS_MODEL', `${node.name}: the TypeScript model's query failed: ${message}`, { file: node.file, line: 1, cause: error });
  }
}
