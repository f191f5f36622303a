/**
 * Column-level lineage of one SELECT, read from DuckDB's JSON syntax tree: for each output
 * column, the base-table columns its value comes from and whether a masking function (md5,
 * sha256, …) stands on the way. Filters, join conditions, CASE conditions and boolean tests do
 * not carry values; anything unrecognised is followed conservatively (every column under it).
 */

/** A base-table column a value comes from; `column` is `*` when the table's columns are unknown. */
export interface ColumnOrigin {
  /** `schema.table` (lower case), or the bare table name when unqualified. */
  relation: string;
  column: string;
  /** A masking function was applied on the way. */
  masked: boolean;
}

/** An output column with its origins and where it is written in the SQL (a character offset). */
export interface LineageColumn {
  name: string;
  origins: ColumnOrigin[];
  location?: number;
}

/** The columns of a base table, when known (from the manifest), to expand `*`. */
export type ColumnsOf = (relation: string) => string[] | undefined;

type Ast = Record<string, unknown>;
interface Source {
  alias: string;
  columns: LineageColumn[];
  /** Unknown columns: any name resolves to `relation.<name>`. */
  open?: string;
}

const BOOLEAN_CLASSES = new Set(['COMPARISON', 'CONJUNCTION', 'BETWEEN']);
const BOOLEAN_OPERATORS = /^OPERATOR_(IS_NULL|IS_NOT_NULL|IN|NOT_IN|NOT)$|^COMPARE_/;

const lower = (s: unknown) => String(s ?? '').toLowerCase();
const isNode = (v: unknown): v is Ast => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const location = (expr: Ast): number | undefined => {
  const n = Number(expr.query_location);
  return Number.isSafeInteger(n) ? n : undefined;
};

export class SelectLineage {
  constructor(
    private readonly columnsOf: ColumnsOf,
    private readonly masking: Set<string>,
  ) {}

  /** The output columns of a statement node (SELECT, UNION, …). */
  query(node: Ast, ctes: Map<string, LineageColumn[]> = new Map()): LineageColumn[] {
    const scope = new Map(ctes);
    for (const entry of ((node.cte_map as Ast | undefined)?.map as Ast[] | undefined) ?? []) {
      const value = entry.value as Ast;
      const query = (value.query as Ast).node as Ast;
      let columns = this.query(query, scope);
      const aliases = (value.aliases as string[] | undefined) ?? [];
      if (aliases.length > 0) columns = columns.map((c, i) => ({ ...c, name: lower(aliases[i] ?? c.name) }));
      scope.set(lower(entry.key), columns);
    }
    if (node.type === 'SELECT_NODE') return this.select(node, scope);
    if (node.type === 'SET_OPERATION_NODE' || node.type === 'RECURSIVE_CTE_NODE') {
      const left = this.query(node.left as Ast, scope);
      const right = this.query(node.right as Ast, scope);
      return left.map((c, i) => ({ ...c, origins: [...c.origins, ...(right[i]?.origins ?? [])] }));
    }
    return [];
  }

  private select(node: Ast, ctes: Map<string, LineageColumn[]>): LineageColumn[] {
    const sources = this.from(node.from_table as Ast | null, ctes);
    const out: LineageColumn[] = [];
    (node.select_list as Ast[]).forEach((expr, index) => {
      if (expr.class === 'STAR' && !expr.expr) {
        const excluded = new Set(((expr.exclude_list as unknown[]) ?? []).map((e) => lower(Array.isArray(e) ? e.at(-1) : isNode(e) ? ((e.column_names as string[]) ?? []).at(-1) : e)));
        const from = expr.relation_name ? sources.filter((s) => s.alias === lower(expr.relation_name)) : sources;
        for (const source of from) {
          if (source.open) out.push({ name: '*', origins: [{ relation: source.open, column: '*', masked: false }], location: location(expr) });
          for (const column of source.columns) if (!excluded.has(column.name)) out.push(column);
        }
        return;
      }
      const alias = lower(expr.alias);
      const name = alias || (expr.class === 'COLUMN_REF' ? lower((expr.column_names as string[]).at(-1)) : `column_${index + 1}`);
      out.push({ name, origins: this.expression(expr, sources, ctes, false), location: location(expr) });
    });
    return out;
  }

  private from(table: Ast | null | undefined, ctes: Map<string, LineageColumn[]>): Source[] {
    if (!table) return [];
    const alias = lower(table.alias);
    const renamed = (columns: LineageColumn[]): LineageColumn[] => {
      const names = (table.column_name_alias as string[] | undefined) ?? [];
      return names.length === 0 ? columns : columns.map((c, i) => ({ ...c, name: lower(names[i] ?? c.name) }));
    };
    switch (table.type) {
      case 'BASE_TABLE': {
        const name = lower(table.table_name);
        const schema = lower(table.schema_name);
        if (!schema && ctes.has(name)) return [{ alias: alias || name, columns: renamed(ctes.get(name)!) }];
        const relation = schema ? `${schema}.${name}` : name;
        const known = this.columnsOf(relation);
        const columns = (known ?? []).map((c) => ({ name: lower(c), origins: [{ relation, column: lower(c), masked: false }] }));
        return [{ alias: alias || name, columns: renamed(columns), open: known ? undefined : relation }];
      }
      case 'JOIN':
        return [...this.from(table.left as Ast, ctes), ...this.from(table.right as Ast, ctes)];
      case 'SUBQUERY':
        return [{ alias, columns: renamed(this.query((table.subquery as Ast).node as Ast, ctes)) }];
      default:
        // Table functions (range, read_csv, unnest): values that come from no table.
        return [];
    }
  }

  /** Where the value of an expression comes from. */
  private expression(expr: unknown, sources: Source[], ctes: Map<string, LineageColumn[]>, masked: boolean): ColumnOrigin[] {
    if (!isNode(expr)) return [];
    const kind = String(expr.class ?? '');
    if (kind === 'COLUMN_REF') return this.column(expr.column_names as string[], sources, masked);
    if (kind === 'CONSTANT' || kind === 'PARAMETER') return [];
    // A test yields true or false, not the value it looked at.
    if (BOOLEAN_CLASSES.has(kind) || BOOLEAN_OPERATORS.test(String(expr.type ?? ''))) return [];
    if (kind === 'FUNCTION' || kind === 'WINDOW' || kind === 'AGGREGATE') {
      const mask = masked || this.masking.has(lower(expr.function_name));
      return ((expr.children as unknown[]) ?? []).flatMap((c) => this.expression(c, sources, ctes, mask));
    }
    if (kind === 'CASE') {
      const checks = (expr.case_checks as Ast[]) ?? [];
      return [...checks.flatMap((c) => this.expression(c.then_expr, sources, ctes, masked)), ...this.expression(expr.else_expr, sources, ctes, masked)];
    }
    if (kind === 'SUBQUERY') {
      const columns = this.query((expr.subquery as Ast).node as Ast, ctes);
      return (columns[0]?.origins ?? []).map((o) => ({ ...o, masked: o.masked || masked }));
    }
    // CAST, COALESCE, arithmetic, string operators, anything else: every value under it.
    const out: ColumnOrigin[] = [];
    for (const [key, value] of Object.entries(expr)) {
      if (key === 'cast_type') continue;
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) out.push(...this.expression(child, sources, ctes, masked));
    }
    return out;
  }

  private column(names: string[], sources: Source[], masked: boolean): ColumnOrigin[] {
    const parts = names.map(lower);
    const column = parts.at(-1)!;
    const qualifier = parts.length > 1 ? parts.at(-2) : undefined;
    const candidates = qualifier ? sources.filter((s) => s.alias === qualifier) : sources;
    for (const source of candidates) {
      const found = source.columns.find((c) => c.name === column);
      if (found) return found.origins.map((o) => ({ ...o, masked: o.masked || masked }));
    }
    // Unknown columns: the open tables that could hold it (all of them, to be safe).
    const open = candidates.filter((s) => s.open);
    return open.map((s) => ({ relation: s.open!, column, masked }));
  }
}
