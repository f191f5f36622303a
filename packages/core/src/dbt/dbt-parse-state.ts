import { join } from 'node:path';
import { ConfigError, ParseError, type StrataError } from '../errors/strata-error.js';
import { auditRelation } from '../expectations/audit-relation.js';
import { checksum } from '../parse/checksum.js';
import { extractCalls, type ExtractedCalls } from '../parse/extract-calls.js';
import type { ManifestNode, NodeConfig, TestNode } from '../parse/manifest.js';
import type { PendingDependency } from '../parse/parse-project.js';
import { configFromTree, mergeConfigs } from './dbt-config.js';
import { DbtParseEnv, withoutConfigCalls } from './dbt-parse-env.js';
import { testsOf } from './dbt-properties.js';
import { buildDbtTest, type TestTarget } from './dbt-tests.js';
import type { DbtLoadedProject } from './load-dbt-project.js';

/** What the parsers of one dbt project's resource types share: the nodes so far, errors, naming. */
export class DbtParseState {
  readonly nodes: ManifestNode[] = [];
  readonly pending: PendingDependency[] = [];
  readonly errors: StrataError[];
  readonly disabled: string[] = [];
  readonly env: DbtParseEnv;
  readonly macroNames: Set<string>;
  readonly project: string;
  readonly targetSchema: string;

  constructor(
    readonly loaded: DbtLoadedProject,
    readonly templateTarget: Record<string, unknown> & { name: string; schema: string },
  ) {
    this.project = loaded.dbt.project.name;
    this.targetSchema = templateTarget.schema;
    this.errors = [...loaded.dbt.properties.errors];
    this.env = new DbtParseEnv(loaded.macros, loaded.root, templateTarget, loaded.dbt.project.vars);
    this.macroNames = new Set(loaded.macros.flatMap((m) => [...m.text.matchAll(/\{%-?\s*(macro|test)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((x) => (x[1] === 'test' ? `test_${x[2]}` : x[2]!))));
  }

  /** Runs one step, keeping its StrataError (a mistake in one file does not hide the others). */
  attempt<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof ParseError || error instanceof ConfigError || (error as StrataError).code)) throw error;
      this.errors.push(error as StrataError);
      return undefined;
    }
  }

  /**
   * `ref`/`source`/`config` calls of a SQL file. Literal `config()` arguments are read
   * statically; expressions (`var('x')`, `target.name == 'prod'`) are evaluated like dbt does.
   */
  calls(text: string, file: string): ExtractedCalls {
    try {
      return extractCalls(text, file);
    } catch (error) {
      if ((error as StrataError).code !== 'E_CONFIG_CALL') throw error;
      const calls = extractCalls(withoutConfigCalls(text), file);
      return { ...calls, config: this.env.evaluateConfig(text, file) };
    }
  }

  /** Folders between a resource path and the file (`models/staging/x.sql` → `['staging']`). */
  folders(path: string, roots: string[]): string[] {
    const root = roots.map((r) => r.replace(/\/$/, '')).find((r) => path.startsWith(`${r}/`));
    return (root ? path.slice(root.length + 1) : path).split('/').slice(0, -1);
  }

  /** A merged config as a NodeConfig (tags a list, enabled a boolean). */
  nodeConfig(materialized: string, ...layers: Array<Record<string, unknown> | undefined>): NodeConfig {
    const merged = mergeConfigs({ materialized }, ...layers);
    return { ...merged, materialized: merged.materialized as NodeConfig['materialized'], tags: (merged.tags as string[] | undefined) ?? [], enabled: merged.enabled !== false };
  }

  /** Adds the tests a properties entry declares for `parent` (its own and its columns'). */
  addTests(parent: ManifestNode, data: Record<string, unknown> | undefined, target: Omit<TestTarget, 'column'>, relationJinja: string, file: string, line: number): void {
    if (!data) return;
    const entries: Array<{ entry: unknown; column?: string }> = testsOf(data).map((entry) => ({ entry }));
    const columns = Array.isArray(data.columns) ? (data.columns as Array<Record<string, unknown>>) : [];
    for (const column of columns) for (const entry of testsOf(column)) entries.push({ entry, column: String(column.name) });
    for (const { entry, column } of entries) {
      this.attempt(() => {
        const spec = buildDbtTest(entry, { ...target, column }, relationJinja, this.macroNames, { file, line, evaluate: (expression) => this.env.evaluate(expression, file, line) });
        const config = mergeConfigs(configFromTree(this.loaded.dbt.project.tests, [this.project]), spec.config);
        if (config.enabled === false) return;
        const severity = String(config.severity ?? 'error').toLowerCase() === 'warn' ? 'warn' : 'error';
        if (spec.rawSql) delete config.where;
        const test: TestNode = {
          uniqueId: `test.${this.project}.${spec.name}`,
          resourceType: 'test',
          name: spec.name,
          project: this.project,
          file,
          path: file.slice(this.loaded.root.length + 1),
          line,
          tags: [...new Set([...parent.tags, ...((config.tags as string[] | undefined) ?? [])])],
          config: { ...config, materialized: 'test' as NodeConfig['materialized'], tags: (config.tags as string[] | undefined) ?? [], enabled: true, severity },
          dependsOn: [parent.uniqueId],
          columns: [],
          attachedTo: parent.uniqueId,
          column,
          check: spec.check,
          rawSql: spec.rawSql,
          severity,
          relation: auditRelation(`${this.targetSchema}_dbt_test__audit`, spec.alias),
          checksum: checksum(entry, column, parent.uniqueId),
        };
        this.nodes.push(test);
        if (spec.refs.length + spec.sources.length > 0) this.pending.push({ nodeId: test.uniqueId, file, refs: spec.refs, sources: spec.sources });
      });
    }
  }

  absolute(path: string): string {
    return join(this.loaded.root, path);
  }
}
