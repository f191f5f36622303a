import type { Connection, RelationRef } from '@strata/core';
import type { PostgresDialect } from './postgres-dialect.js';

/** A view (or materialized view) that reads a relation, directly or through other views. */
export interface DependentView {
  schema: string;
  name: string;
  materialized: boolean;
  /** `pg_get_viewdef()`: the view's query as Postgres stores it. */
  definition: string;
  /** 1 for a view on the relation itself, 2 for a view on that view, … */
  depth: number;
  /** `GRANT` statements that give back what other roles held on it (dropping it drops them). */
  grants: string[];
}

/**
 * Views that depend on `relation`, deepest last. Postgres binds a view to the table it reads, so
 * dropping the table means dropping them (DuckDB binds by name and needs none of this); a swap
 * reads their definitions first and recreates them on the new table in the same transaction.
 */
export async function dependentViews(connection: Connection, dialect: PostgresDialect, relation: RelationRef): Promise<DependentView[]> {
  const target = dialect.quoteString(dialect.renderRelation(relation));
  const rows = await connection.query<{ schema: string; name: string; relkind: string; definition: string; depth: number; grants: string[] }>(`
WITH RECURSIVE deps(oid, depth) AS (
  SELECT DISTINCT r.ev_class, 1
  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
  WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.refobjid = to_regclass(${target}) AND r.ev_class <> d.refobjid
  UNION
  SELECT r.ev_class, deps.depth + 1
  FROM deps JOIN pg_depend d ON d.refobjid = deps.oid AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
  JOIN pg_rewrite r ON r.oid = d.objid
  WHERE r.ev_class <> deps.oid AND deps.depth < 100
)
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS relkind, pg_get_viewdef(c.oid) AS definition, max(deps.depth) AS depth,
  coalesce((SELECT array_agg(format('GRANT %s ON %I.%I TO %s', a.privilege_type, n.nspname, c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END))
            FROM aclexplode(c.relacl) AS a WHERE a.grantee <> c.relowner), '{}') AS grants
FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
GROUP BY c.oid, n.nspname, c.relname, c.relkind
ORDER BY max(deps.depth), n.nspname, c.relname`);
  return rows.map((r) => ({ schema: r.schema, name: r.name, materialized: r.relkind === 'm', definition: r.definition.trim().replace(/;$/, ''), depth: Number(r.depth), grants: r.grants ?? [] }));
}

/** The statements that recreate dependent views, shallowest first, under their stored names. */
export function recreateViews(views: DependentView[]): string[] {
  // The catalog's names, quoted verbatim: the dialect's case folding is for names users write.
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return views.map((v) => `CREATE ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${quote(v.schema)}.${quote(v.name)} AS\n${v.definition}`);
}

/** The grants dependent views held, given back once they are recreated. */
export function regrantViews(views: DependentView[]): string[] {
  return views.flatMap((v) => v.grants);
}
