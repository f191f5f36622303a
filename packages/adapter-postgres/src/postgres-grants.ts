import { ConfigError, type Connection, type RelationRef } from '@strata/core';
import type { PostgresDialect } from './postgres-dialect.js';

/** Table privileges a `grants` config may name (Postgres' names, lower case). */
const PRIVILEGES = new Set(['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']);

/** Privilege → roles, as a model's `grants` config gives them (dbt's shape): `{ select: ['reporter'] }`. */
export type Grants = Record<string, string[]>;

/**
 * A node's `grants` config, checked: privileges Postgres knows, role names as strings (one role
 * may be given as a string). Undefined when the node has none.
 * @example grantsOf({ grants: { select: ['reporter', 'analyst'] } }) // { select: ['reporter', 'analyst'] }
 */
export function grantsOf(config: Readonly<Record<string, unknown>> | undefined, model = 'the model'): Grants | undefined {
  const raw = config?.grants;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('E_NODE_CONFIG', `grants of ${model} must map privileges to roles, e.g. { select: ['reporter'] }`);
  const grants: Grants = {};
  for (const [privilege, roles] of Object.entries(raw as Record<string, unknown>)) {
    const name = privilege.toLowerCase();
    if (!PRIVILEGES.has(name)) throw new ConfigError('E_NODE_CONFIG', `grants of ${model}: unknown privilege '${privilege}'`, { hint: `use one of ${[...PRIVILEGES].join(', ')}` });
    const list = typeof roles === 'string' ? [roles] : roles;
    if (!Array.isArray(list) || list.some((r) => typeof r !== 'string' || r === '')) throw new ConfigError('E_NODE_CONFIG', `grants of ${model}: '${privilege}' must list role names`);
    grants[name] = [...new Set(list as string[])];
  }
  return grants;
}

/** `GRANT … ON … TO …` statements that give each privilege to its roles. */
export function grantStatements(dialect: PostgresDialect, relation: RelationRef, grants: Grants): string[] {
  const target = dialect.renderRelation(relation);
  // Role names are identifiers the user wrote exactly: quote them verbatim, never folded.
  const role = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return Object.entries(grants)
    .filter(([, roles]) => roles.length > 0)
    .map(([privilege, roles]) => `GRANT ${privilege.toUpperCase()} ON ${target} TO ${roles.map(role).join(', ')}`);
}

/**
 * Makes a relation's grants exactly its config's: grants what is missing and revokes privileges
 * other roles hold that the config no longer names (dbt's behaviour). The owner's own privileges
 * are never touched. Runs on `connection`, inside the caller's transaction when there is one.
 */
export async function syncGrants(connection: Connection, dialect: PostgresDialect, relation: RelationRef, grants: Grants): Promise<void> {
  const target = dialect.renderRelation(relation);
  const held = await connection.query<{ privilege: string; grantee: string }>(`
SELECT lower(a.privilege_type) AS privilege, coalesce(r.rolname, 'PUBLIC') AS grantee
FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) AS a
LEFT JOIN pg_roles r ON r.oid = a.grantee
WHERE c.oid = to_regclass(${dialect.quoteString(target)}) AND a.grantee <> c.relowner`);
  const role = (name: string) => (name === 'PUBLIC' ? 'PUBLIC' : `"${name.replace(/"/g, '""')}"`);
  const statements: string[] = [];
  for (const { privilege, grantee } of held) {
    if (!(grants[privilege] ?? []).includes(grantee)) statements.push(`REVOKE ${privilege.toUpperCase()} ON ${target} FROM ${role(grantee)}`);
  }
  const missing: Grants = {};
  for (const [privilege, roles] of Object.entries(grants)) missing[privilege] = roles.filter((r) => !held.some((h) => h.privilege === privilege && h.grantee === r));
  statements.push(...grantStatements(dialect, relation, missing));
  for (const statement of statements) await connection.execute(statement);
}
