import { AdapterError, ConfigError, type RelationRef } from '@strata/core';
import type { BigQueryConnection } from './bigquery-connection.js';
import type { BigQueryDialect } from './bigquery-dialect.js';
import { toAdapterError } from './bigquery-errors.js';

/**
 * Strata's (Postgres') privilege names → the BigQuery role that gives them on one table or
 * view. BigQuery has no per-statement privileges: writing rows at all is `dataEditor`.
 */
const PRIVILEGE_ROLES: Record<string, string> = {
  select: 'roles/bigquery.dataViewer',
  insert: 'roles/bigquery.dataEditor',
  update: 'roles/bigquery.dataEditor',
  delete: 'roles/bigquery.dataEditor',
  truncate: 'roles/bigquery.dataEditor',
};

/** Predefined (`roles/…`) and custom (`projects/p/roles/r`, `organizations/o/roles/r`) IAM role names. */
const ROLE = /^(roles\/[A-Za-z0-9_.]+|(projects|organizations)\/[A-Za-z0-9_.:-]+\/roles\/[A-Za-z0-9_.]+)$/;

/** Principals BigQuery's DCL accepts (`user:`, `group:`, `serviceAccount:`, `domain:`, `specialGroup:`). */
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const SPECIAL_GROUPS = new Set(['allAuthenticatedUsers', 'allUsers']);

/** Bindings the project's basic roles hold through convenience values: never Strata's to revoke. */
const CONVENIENCE = /^(projectOwner|projectEditor|projectViewer):/;

/** IAM role → principals, resolved from a model's `grants` config: `{ 'roles/bigquery.dataViewer': ['user:a@x.com'] }`. */
export type BigQueryGrants = Record<string, string[]>;

/**
 * True when `grantee` is a principal BigQuery's `GRANT … TO` accepts.
 * @example isPrincipal('group:analysts@acme.com') // true; isPrincipal('analysts') // false
 */
export function isPrincipal(grantee: string): boolean {
  const colon = grantee.indexOf(':');
  const kind = grantee.slice(0, colon);
  const id = grantee.slice(colon + 1);
  if (kind === 'user' || kind === 'group' || kind === 'serviceAccount') return EMAIL.test(id);
  if (kind === 'domain') return DOMAIN.test(id);
  return kind === 'specialGroup' && SPECIAL_GROUPS.has(id);
}

/**
 * A node's `grants` config resolved to IAM roles: Strata privilege names (`select` →
 * `roles/bigquery.dataViewer`; `insert`/`update`/`delete`/`truncate` → `roles/bigquery.dataEditor`)
 * or full role names, each to a list of principals (one may be a string). Undefined when the node
 * has none. A malformed entry is a ConfigError naming the model, before anything is built.
 *
 * @example bigQueryGrantsOf({ grants: { select: ['user:a@x.com'] } }, 'fct_orders') // { 'roles/bigquery.dataViewer': ['user:a@x.com'] }
 */
export function bigQueryGrantsOf(config: Readonly<Record<string, unknown>> | undefined, model = 'the model', file?: string): BigQueryGrants | undefined {
  const raw = config?.grants;
  if (raw === undefined || raw === null) return undefined;
  const fail = (message: string, hint: string): never => {
    throw new ConfigError('E_NODE_CONFIG', `grants of ${model}: ${message}`, { file, hint });
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('must map privileges or roles to principals', "write grants={'select': ['user:ana@acme.com', 'group:analysts@acme.com']}");
  const grants: BigQueryGrants = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const role = PRIVILEGE_ROLES[key.toLowerCase()] ?? (ROLE.test(key) ? key : undefined);
    if (!role) fail(`unknown privilege or role '${key}'`, `use ${Object.keys(PRIVILEGE_ROLES).join(', ')}, or an IAM role such as roles/bigquery.dataViewer or projects/<project>/roles/<custom role>`);
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list)) fail(`'${key}' must list principals`, "write e.g. 'select': ['user:ana@acme.com']");
    for (const grantee of list as unknown[]) {
      if (typeof grantee !== 'string' || !isPrincipal(grantee)) {
        fail(`'${key}' names ${typeof grantee === 'string' ? `'${grantee}'` : String(grantee)}, which is not a BigQuery principal`, 'write user:<email>, group:<email>, serviceAccount:<email>, domain:<domain> or specialGroup:allAuthenticatedUsers');
      }
    }
    grants[role!] = [...new Set([...(grants[role!] ?? []), ...(list as string[])])];
  }
  return grants;
}

/** A principal as a DCL string literal (validated already: no quotes or backslashes inside). */
const principal = (grantee: string): string => `"${grantee}"`;

/**
 * `GRANT role ON TABLE|VIEW x TO "principal", …`, one per role with principals.
 * @example grantStatements(dialect, ref, 'TABLE', { 'roles/bigquery.dataViewer': ['user:a@x.com'] })
 */
export function grantStatements(dialect: BigQueryDialect, relation: RelationRef, kind: 'TABLE' | 'VIEW', grants: BigQueryGrants): string[] {
  const target = dialect.renderRelation(relation);
  return Object.entries(grants)
    .filter(([, grantees]) => grantees.length > 0)
    .map(([role, grantees]) => `GRANT ${dialect.quoteIdentifier(role)} ON ${kind} ${target} TO ${grantees.map(principal).join(', ')}`);
}

/**
 * Makes a table's or view's IAM bindings its config's, after every build: grants every configured
 * role (idempotent, and a `CREATE OR REPLACE` or a drop-and-create may have cleared the table's
 * policy), then revokes the bindings set on the table itself that the config no longer names.
 * Granting first means a principal never loses access in between; granting everything, not just
 * what INFORMATION_SCHEMA lists, means a lagging view of the policy cannot leave a grant out.
 */
export async function syncBigQueryGrants(connection: BigQueryConnection, dialect: BigQueryDialect, relation: RelationRef, kind: 'TABLE' | 'VIEW', grants: BigQueryGrants, location: string): Promise<void> {
  const project = relation.database ?? connection.jobs.config.project;
  const hint = `the account running Strata needs bigquery.tables.setIamPolicy and getIamPolicy on ${relation.schema} (roles/bigquery.dataOwner), or drop the model's grants`;
  const held = await connection
    .query<{ privilege_type: string; grantee: string }>(
      `SELECT privilege_type, grantee FROM ${dialect.quoteIdentifier(project)}.${dialect.quoteIdentifier(`region-${location.toLowerCase()}`)}.INFORMATION_SCHEMA.OBJECT_PRIVILEGES\nWHERE object_schema = ${dialect.quoteString(relation.schema)} AND object_name = ${dialect.quoteString(relation.name)}`,
    )
    .catch((error) => {
      throw withHint(error, hint);
    });
  // IAM keeps e-mail addresses in lower case: compare that way, or a grant would be revoked again.
  const wanted = new Set(Object.entries(grants).flatMap(([role, grantees]) => grantees.map((g) => `${role}|${g.toLowerCase()}`)));
  const stale: BigQueryGrants = {};
  for (const { privilege_type: role, grantee } of held) {
    if (CONVENIENCE.test(grantee) || wanted.has(`${role}|${grantee.toLowerCase()}`)) continue;
    (stale[role] ??= []).push(grantee);
  }
  const target = dialect.renderRelation(relation);
  const revokes = Object.entries(stale).map(([role, grantees]) => `REVOKE ${dialect.quoteIdentifier(role)} ON ${kind} ${target} FROM ${grantees.map(principal).join(', ')}`);
  for (const statement of [...grantStatements(dialect, relation, kind, grants), ...revokes]) {
    await connection.execute(statement).catch((error) => {
      throw withHint(error, hint);
    });
  }
}

/** An access error on grants says which permission is missing, not the generic dataEditor hint. */
function withHint(error: unknown, hint: string): unknown {
  const e = toAdapterError(error, { action: 'grants failed' });
  if (!/\(accessDenied\)/.test(e.message)) return e;
  return new AdapterError(e.message, { code: e.code, sql: e.sql, transient: e.transient, hint, file: e.file, cause: e.cause });
}
