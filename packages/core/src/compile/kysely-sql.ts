import { AliasNode, createQueryId, FromNode, JoinNode, PostgresQueryCompiler, type CommonTableExpressionNameNode, type IdentifierNode, type OperationNode, type RootOperationNode, type TableNode } from 'kysely';

/** How one dialect writes identifiers and string literals (a Strata `Dialect` satisfies it). */
export interface SqlQuoting {
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
}

/** A table a TypeScript model's query names, as written: `stg_orders` or `ecommerce.dim_customers`. */
export interface TableName {
  schema?: string;
  name: string;
}

/**
 * Turns a table the query names into the SQL of the relation it stands for (`"ecommerce_staging"."stg_orders"`,
 * or `{{ ref('stg_orders') }}` when parsing); `undefined` when the name is not a declared input.
 */
export type TableResolver = (table: TableName) => string | undefined;

/** Raised for a table the query reads that is neither a declared ref or source nor one of its CTEs. */
export class UndeclaredTableError extends Error {
  constructor(readonly table: string) {
    super(`the query reads '${table}', which is not declared in refs or sources`);
  }
}

/**
 * Kysely's Postgres compiler (ANSI-shaped SQL that DuckDB, Postgres and BigQuery all read) with
 * three changes: identifiers and string literals are quoted by the target's dialect (backticks on
 * BigQuery), parameters are inlined as literals (a model is DDL, not a prepared statement), and
 * tables that name a ref or source become the relation they resolve to, aliased back to the name
 * the query used, so `stg_orders.amount` keeps working.
 */
class StrataQueryCompiler extends PostgresQueryCompiler {
  private readonly ctes = new Set<string>();

  constructor(
    private readonly quoting: SqlQuoting,
    private readonly resolve: TableResolver,
  ) {
    super();
  }

  protected override visitIdentifier(node: IdentifierNode): void {
    this.append(this.quoting.quoteIdentifier(node.name));
  }

  protected override appendStringLiteral(value: string): void {
    this.append(this.quoting.quoteString(value));
  }

  protected override appendValue(value: unknown): void {
    this.appendImmediateValue(value);
  }

  protected override visitCommonTableExpressionName(node: CommonTableExpressionNameNode): void {
    this.ctes.add(node.table.table.identifier.name);
    super.visitCommonTableExpressionName(node);
  }

  protected override visitTable(node: TableNode): void {
    const parent = this.nodeStack[this.nodeStack.length - 2];
    const grandparent = this.nodeStack[this.nodeStack.length - 3];
    const inFrom = (n: OperationNode | undefined): boolean => n !== undefined && (FromNode.is(n) || JoinNode.is(n));
    const aliased = parent !== undefined && AliasNode.is(parent) && inFrom(grandparent);
    if (!aliased && !inFrom(parent)) {
      // A column's qualifier (`stg_orders.amount`): the alias the from clause gave the relation.
      const input = this.inputName(node);
      if (input && node.table.schema) return this.visitNode(node.table.identifier);
      return super.visitTable(node);
    }
    const name = node.table.identifier.name;
    const schema = node.table.schema?.name;
    if (!schema && this.ctes.has(name)) return super.visitTable(node);
    const relation = this.resolve({ schema, name });
    if (relation === undefined) throw new UndeclaredTableError(schema ? `${schema}.${name}` : name);
    this.append(relation);
    if (!aliased) this.append(` as ${this.quoting.quoteIdentifier(name)}`);
  }

  private inputName(node: TableNode): string | undefined {
    const name = node.table.identifier.name;
    const schema = node.table.schema?.name;
    if (!schema && this.ctes.has(name)) return undefined;
    return this.resolve({ schema, name }) === undefined ? undefined : name;
  }
}

/**
 * SQL of a Kysely query for one dialect, with its inputs resolved, and no parameters left.
 * @example kyselySql(db.selectFrom('stg_orders').selectAll(), duckdbDialect, ({ name }) => `"ecommerce_staging"."${name}"`)
 */
export function kyselySql(query: { toOperationNode(): OperationNode }, quoting: SqlQuoting, resolve: TableResolver): string {
  const node = query.toOperationNode() as RootOperationNode;
  const compiled = new StrataQueryCompiler(quoting, resolve).compileQuery(node, createQueryId());
  return compiled.sql;
}

/** The quoting of `rawSql` written at parse time: ANSI double quotes, as DuckDB and Postgres read. */
export const ANSI_QUOTING: SqlQuoting = {
  quoteIdentifier: (name) => `"${name.replace(/"/g, '""')}"`,
  quoteString: (value) => `'${value.replace(/'/g, "''")}'`,
};
