import type { Compiler } from '../compile/compiler.js';
import type { Dialect } from '../adapter/dialect.js';
import { CompilationError, StrataError, throwIfAny } from '../errors/strata-error.js';
import type { Dag } from '../graph/dag.js';
import type { ManifestNode, TestNode } from '../parse/manifest.js';
import { sharesScan } from './check-definition.js';
import { compileSuite } from './compile-suite.js';

/**
 * The SQL of the schema checks among `nodes`, for `strata compile` (offline): every test of a
 * relation's single scan gets that scan's query, generic tests their rendered macro. Checks the
 * target's dialect cannot express are reported together.
 */
export function compileExpectations(dag: Dag, compiler: Compiler, dialect: Dialect, nodes: ManifestNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const errors: StrataError[] = [];
  const byRelation = new Map<string, TestNode[]>();
  for (const node of nodes) {
    if (node.resourceType !== 'test') continue;
    const test = node as TestNode;
    if (!test.check || !test.attachedTo) continue;
    if (sharesScan(test.check)) byRelation.set(test.attachedTo, [...(byRelation.get(test.attachedTo) ?? []), test]);
    else if (test.check.kind === 'generic') {
      try {
        const parent = dag.node(test.attachedTo);
        out.set(test.uniqueId, compiler.renderGenericTest(test, test.check.macro, compiler.relationSql(parent), test.check.column, test.check.args));
      } catch (error) {
        errors.push(error as StrataError);
      }
    }
  }
  for (const [parentId, tests] of byRelation) {
    const checks = tests.map((t) => ({
      id: t.uniqueId,
      name: t.name,
      check: t.check!,
      options: { severity: t.severity, mostly: Number(t.config.mostly ?? 1), where: t.config.where as string | undefined },
    }));
    const suite = compileSuite(dialect, compiler.relationSql(dag.node(parentId)), checks);
    for (const test of tests) {
      const error = suite.errors.get(test.uniqueId);
      if (error) {
        const code = error instanceof StrataError ? error.code : 'E_COMPILE';
        errors.push(new CompilationError(code, `test ${test.name}: ${error.message}`, { file: test.file, hint: error instanceof StrataError ? error.hint : undefined }));
      }
      else out.set(test.uniqueId, suite.sql);
    }
  }
  throwIfAny(errors);
  return out;
}
