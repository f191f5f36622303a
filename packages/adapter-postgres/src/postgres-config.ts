import { ConfigError } from '@strata/core';

/**
 * A target setting given directly or read from an environment variable when the adapter opens,
 * so secrets never sit in `strata.config.ts` (or in the workspace object core passes around).
 * Both `{ env: 'PGPASSWORD' }` and dbt's `"{{ env_var('PGPASSWORD') }}"` are accepted.
 * @example password: { env: 'PGPASSWORD' }
 */
export type PostgresSetting<T> = T | { env: string; default?: T };

/** How to use TLS: `disable`, `require` (encrypt, trust any certificate) or `verify-full`. */
export type PostgresSslMode = 'disable' | 'require' | 'verify-full';

/**
 * Settings of a Postgres target in `strata.config.ts`. Every connection setting falls back to
 * libpq's environment variables (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD`) and
 * then to `~/.pgpass`, like `psql`.
 * @example targets: { prod: { adapter: 'postgres', host: 'db.internal', database: 'analytics', user: 'strata', password: { env: 'PGPASSWORD' }, ssl: 'verify-full' } }
 */
export interface PostgresConfig {
  adapter: 'postgres';
  host?: PostgresSetting<string>;
  port?: PostgresSetting<number | string>;
  database?: PostgresSetting<string>;
  user?: PostgresSetting<string>;
  /** Never written in clear: use `{ env: 'PGPASSWORD' }` (or leave it out and set `PGPASSWORD`). */
  password?: PostgresSetting<string>;
  /** Base schema of this target (replaces the project schema, as on every adapter). */
  schema?: string;
  /** `true` means `require`; an object is passed to Node's TLS (`ca`, `rejectUnauthorized`, …). */
  ssl?: boolean | PostgresSslMode | { ca?: PostgresSetting<string>; rejectUnauthorized?: boolean };
  /** Most connections the pool opens; the runner holds one per `--threads`. Default 32. */
  poolSize?: number;
  /** Seconds to wait for the server when connecting. Default 10. */
  connectTimeout?: number;
  /** Seconds after which the server cancels a statement (0 or absent: no limit). */
  statementTimeout?: number;
  /** Shown in `pg_stat_activity.application_name`. Default `strata`. */
  applicationName?: string;
  /** Schema holding Strata's helper functions (`safe_cast`, `round`). Default `strata`. */
  helperSchema?: string;
  /** Session time zone, for `timestamptz` values. Default `UTC`. */
  timezone?: string;
  /**
   * Fold the names Strata quotes to lower case, as Postgres folds unquoted ones (default true), so
   * `OrderID` in a model and in a schema mean the same column, as on DuckDB. Set false to address
   * relations created elsewhere with upper-case letters in their names.
   */
  foldCase?: boolean;
  /**
   * Run `ANALYZE` on every table and seed Strata builds, before the models that read it run
   * (default true). A freshly created table has no statistics until autovacuum gets to it, and
   * without them the planner guesses row counts and picks nested loops that grow with the square
   * of the rows. Set false if something else collects statistics.
   */
  analyze?: boolean;
  /**
   * Server settings every session starts with (`-c name=value` at connection), for what a
   * transformation workload wants but an application server is not set up for: more `work_mem`
   * for sorts and hash joins, or `enable_nestloop: false` where the planner misjudges filters on
   * computed columns of views (it then guesses a row or two and picks nested loops that grow with
   * the square of the rows). The settings Strata sets itself (`search_path`, `timezone`, `datestyle`,
   * `standard_conforming_strings`, `statement_timeout`) have settings of their own.
   * @example sessionSettings: { work_mem: '256MB', enable_nestloop: false }
   */
  sessionSettings?: Record<string, string | number | boolean>;
}

/** A Postgres target with every setting resolved to a plain value. */
export interface ResolvedPostgresConfig {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  ssl?: false | { rejectUnauthorized: boolean; ca?: string };
  poolSize: number;
  connectTimeout: number;
  statementTimeout?: number;
  applicationName: string;
  helperSchema: string;
  timezone: string;
  foldCase: boolean;
  analyze: boolean;
  /** `sessionSettings` as `[name, value]`, values in Postgres' words (`off`, `256MB`). */
  sessionSettings: Array<[string, string]>;
}

/** Schema of the helper functions (`safe_cast`, `round`, `strptime_parts`) unless `helperSchema` says otherwise. */
export const DEFAULT_HELPER_SCHEMA = 'strata';

const ENV_VAR_TEMPLATE = /^\{\{\s*env_var\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)\s*\}\}$/;

/**
 * Reads one setting: a plain value, `{ env, default }` or `"{{ env_var('X', 'default') }}"`.
 * A missing variable without a default is a ConfigError naming the variable (never a value).
 */
export function resolveSetting<T>(name: string, value: PostgresSetting<T> | undefined, env: NodeJS.ProcessEnv = process.env): T | string | undefined {
  let variable: string | undefined;
  let fallback: T | string | undefined;
  if (value && typeof value === 'object' && 'env' in value) {
    variable = value.env;
    fallback = value.default;
  } else if (typeof value === 'string' && ENV_VAR_TEMPLATE.test(value)) {
    const match = ENV_VAR_TEMPLATE.exec(value)!;
    variable = match[1]!;
    fallback = match[2];
  } else {
    return value as T | undefined;
  }
  const found = env[variable];
  if (found !== undefined && found !== '') return found;
  if (fallback !== undefined) return fallback;
  throw new ConfigError('E_ENV_VAR_MISSING', `the target's '${name}' reads environment variable ${variable}, which is not set`, {
    hint: `export ${variable}=… before running strata, or give '${name}' a default`,
  });
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError('E_CONFIG_INVALID', `the target's '${name}' must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

function sslOf(ssl: PostgresConfig['ssl'], env: NodeJS.ProcessEnv): ResolvedPostgresConfig['ssl'] {
  const mode = ssl ?? (env.PGSSLMODE as PostgresSslMode | undefined);
  if (mode === undefined || mode === false || mode === 'disable' || (mode as string) === 'prefer' || (mode as string) === 'allow') return false;
  if (mode === true || mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-full' || (mode as string) === 'verify-ca') return { rejectUnauthorized: true };
  if (typeof mode === 'object') return { rejectUnauthorized: mode.rejectUnauthorized ?? true, ca: resolveSetting('ssl.ca', mode.ca, env) };
  throw new ConfigError('E_CONFIG_INVALID', `the target's 'ssl' must be true, false, 'disable', 'require', 'verify-full' or an object, got ${JSON.stringify(mode)}`);
}

/** Settings Strata gives every session itself, and the target setting that changes each. */
const OWN_SESSION_SETTINGS: Record<string, string> = {
  search_path: "helperSchema (Strata's helpers come first; models name their schemas)",
  timezone: 'timezone',
  datestyle: 'nothing: Strata parses dates in ISO order',
  standard_conforming_strings: 'nothing: quoting relies on it being on',
  statement_timeout: 'statementTimeout',
};

function sessionSettingsOf(settings: PostgresConfig['sessionSettings']): Array<[string, string]> {
  if (settings === undefined) return [];
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new ConfigError('E_CONFIG_INVALID', `the target's 'sessionSettings' must be an object of setting names and values, got ${JSON.stringify(settings)}`);
  }
  return Object.entries(settings).map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(name)) throw new ConfigError('E_CONFIG_INVALID', `the target's sessionSettings has '${name}', which is not a Postgres setting name`);
    const own = OWN_SESSION_SETTINGS[name.toLowerCase()];
    if (own) throw new ConfigError('E_CONFIG_INVALID', `the target's sessionSettings sets '${name}', which Strata sets itself`, { hint: `use the target's ${own}` });
    if (typeof value === 'boolean') return [name, value ? 'on' : 'off'];
    if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '')) return [name, String(value)];
    throw new ConfigError('E_CONFIG_INVALID', `the target's sessionSettings.${name} must be a string, number or boolean, got ${JSON.stringify(value)}`);
  });
}

/**
 * Resolves a target's settings against the environment. Settings left out stay undefined so
 * that `pg` applies libpq's own fallbacks (`PGHOST`, …, `~/.pgpass`).
 * @example resolvePostgresConfig({ adapter: 'postgres', password: { env: 'PGPASSWORD' } })
 */
export function resolvePostgresConfig(config: Partial<PostgresConfig>, env: NodeJS.ProcessEnv = process.env): ResolvedPostgresConfig {
  const port = resolveSetting('port', config.port, env);
  const helperSchema = config.helperSchema ?? DEFAULT_HELPER_SCHEMA;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(helperSchema)) throw new ConfigError('E_CONFIG_INVALID', `the target's 'helperSchema' must be a plain identifier, got '${helperSchema}'`);
  return {
    host: resolveSetting('host', config.host, env) as string | undefined,
    port: port === undefined ? undefined : positive('port', port, 5432),
    database: resolveSetting('database', config.database, env) as string | undefined,
    user: resolveSetting('user', config.user, env) as string | undefined,
    password: resolveSetting('password', config.password, env) as string | undefined,
    ssl: sslOf(config.ssl, env),
    poolSize: Math.max(1, positive('poolSize', config.poolSize, 32)),
    connectTimeout: positive('connectTimeout', config.connectTimeout, 10),
    statementTimeout: config.statementTimeout ? positive('statementTimeout', config.statementTimeout, 0) : undefined,
    applicationName: config.applicationName ?? 'strata',
    helperSchema,
    timezone: config.timezone ?? 'UTC',
    foldCase: config.foldCase ?? true,
    analyze: config.analyze ?? true,
    sessionSettings: sessionSettingsOf(config.sessionSettings),
  };
}
