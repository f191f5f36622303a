/**
 * Setting and variable names that hold credentials (target settings, `--vars`, environment). A
 * key *file* setting (`keyFile: 'secrets/sa.json'`) holds a path, not a secret, and is not one.
 */
export const SECRET_NAME = /password|passwd|(^|_)pass($|_)|secret|token|api_?key|private_?key|credential|keyfile_?json/i;

/** Environment variables whose values are secrets by name, as dbt's `DBT_ENV_SECRET_` ones. */
export const SECRET_ENV_PREFIXES = ['STRATA_ENV_SECRET_', 'DBT_ENV_SECRET_'];

/** Shorter values are too common to scrub from text without mangling it ('1', 'dev'). */
const MIN_SECRET_LENGTH = 4;

const ENV_VAR_TEMPLATE = /^\{\{\s*env_var\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/;

/** The value a target setting resolves to: a literal, `{ env: 'X' }` or `"{{ env_var('X') }}"`. */
function settingValue(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (value && typeof value === 'object' && 'env' in value) return env[String((value as { env: unknown }).env)] ?? (value as { default?: unknown }).default;
  if (typeof value === 'string') {
    const variable = ENV_VAR_TEMPLATE.exec(value)?.[1];
    return variable ? env[variable] : value;
  }
  return value;
}

/** Every string under a value (a credentials object such as a service-account key holds several). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/**
 * The secret values a run may meet, to scrub from everything it writes or prints: values of
 * secret-named target settings (resolved from the environment as adapters resolve them), of
 * secret-named `vars`, of `STRATA_ENV_SECRET_*` / `DBT_ENV_SECRET_*` environment variables and
 * of environment variables named like credentials (`PGPASSWORD`, `…_TOKEN`, `…_API_KEY`).
 *
 * @example secretValues({ target: { password: { env: 'PGPASSWORD' } }, env: process.env })
 */
export function secretValues(options: { target?: Record<string, unknown>; vars?: Record<string, unknown>; env?: NodeJS.ProcessEnv }): string[] {
  const env = options.env ?? {};
  const found: string[] = [];
  for (const [key, value] of Object.entries(options.target ?? {})) if (SECRET_NAME.test(key)) strings(settingValue(value, env), found);
  for (const [key, value] of Object.entries(options.vars ?? {})) if (SECRET_NAME.test(key)) strings(value, found);
  for (const [name, value] of Object.entries(env)) {
    if (value && (SECRET_ENV_PREFIXES.some((p) => name.startsWith(p)) || SECRET_NAME.test(name))) found.push(value);
  }
  return [...new Set(found.filter((v) => v.length >= MIN_SECRET_LENGTH))];
}
