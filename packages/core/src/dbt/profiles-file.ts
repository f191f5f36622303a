import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import type { TargetConfig } from '../config/project-config.js';
import { ConfigError } from '../errors/strata-error.js';
import { lineOf, readYaml } from './read-yaml.js';

/** The targets of one profile, in Strata's shape, and the one dbt would use by default. */
export interface DbtProfile {
  file?: string;
  defaultTarget: string;
  targets: Record<string, TargetConfig>;
  /** What templates see as `target` for each target (dbt's fields without secrets). */
  templateTargets: Record<string, Record<string, unknown>>;
}

/** Where dbt looks for `profiles.yml`: `DBT_PROFILES_DIR`, the project folder, then `~/.dbt`. */
export function findProfilesFile(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.DBT_PROFILES_DIR, root, join(homedir(), '.dbt')].filter((d): d is string => Boolean(d));
  return candidates.map((dir) => join(resolve(dir), 'profiles.yml')).find((file) => existsSync(file));
}

/** Renders `{{ env_var('X', 'default') }}` in profile values, as dbt does. */
function renderValue(value: unknown, env: NodeJS.ProcessEnv, file: string): unknown {
  if (typeof value === 'string' && value.includes('{{')) {
    const jinja = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
    jinja.addGlobal('env_var', (name: string, fallback?: string) => {
      const found = env[name] ?? fallback;
      if (found === undefined) throw new ConfigError('E_UNDEFINED_ENV', `profiles.yml: env_var('${name}') is not set and has no default`, { file, hint: `export ${name}=...` });
      return found;
    });
    jinja.addFilter('as_number', (v: unknown) => Number(v));
    jinja.addFilter('as_bool', (v: unknown) => /^(true|1|yes)$/i.test(String(v)));
    jinja.addFilter('as_text', (v: unknown) => String(v));
    try {
      return jinja.renderString(value, {});
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof ConfigError ? cause : new ConfigError('E_PROFILE', `profiles.yml: cannot render ${JSON.stringify(value)}: ${(error as Error).message.split('\n').pop()?.trim()}`, { file });
    }
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, env, file));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, env, file)]));
  return value;
}

const SECRET = /pass|secret|token|key|credential|keyfile/i;

/** One dbt output as a Strata target: duckdb and postgres map onto their adapters, others keep their `type`. */
function toTarget(output: Record<string, unknown>, root: string): { target: TargetConfig; template: Record<string, unknown> } {
  const type = String(output.type ?? '');
  const template: Record<string, unknown> = Object.fromEntries(Object.entries(output).filter(([k]) => !SECRET.test(k)));
  if (type === 'duckdb') {
    const path = String(output.path ?? ':memory:');
    const absolute = path === ':memory:' || path.startsWith('md:') ? path : resolve(root, path);
    const schema = String(output.schema ?? 'main');
    // dbt-duckdb names the database after the file (`dev.duckdb` → `dev`).
    const database = String(output.database ?? (path === ':memory:' ? 'memory' : (path.split('/').pop() ?? 'main').replace(/\.[^.]*$/, '')));
    return { target: { adapter: 'duckdb', path: absolute, schema }, template: { ...template, schema, database, type } };
  }
  if (type === 'postgres' || type === 'redshift') {
    const target: TargetConfig = {
      adapter: 'postgres',
      host: output.host,
      port: output.port === undefined ? undefined : Number(output.port),
      user: output.user,
      password: output.password ?? output.pass,
      database: output.dbname ?? output.database,
      schema: String(output.schema ?? 'public'),
    };
    return { target, template: { ...template, database: output.dbname ?? output.database, schema: target.schema, type } };
  }
  return { target: { adapter: type, ...output, schema: output.schema === undefined ? undefined : String(output.schema) }, template: { ...template, type } };
}

/**
 * Reads the profile a dbt project names from `profiles.yml` (values rendered with `env_var`).
 * Without a profiles file, the project builds into an embedded DuckDB file
 * (`<project>/<profile>.duckdb`, schema `main`), what dbt-duckdb's default profile would do.
 */
export function readProfile(root: string, profile: string, env: NodeJS.ProcessEnv = process.env): DbtProfile {
  const file = findProfilesFile(root, env);
  if (!file) {
    const { target, template } = toTarget({ type: 'duckdb', path: `${profile}.duckdb`, schema: 'main', threads: 4 }, root);
    return { defaultTarget: 'dev', targets: { dev: target }, templateTargets: { dev: { ...template, name: 'dev', profile_name: profile } } };
  }
  const all = readYaml(file) as Record<string, unknown> | null;
  const entry = all?.[profile] as Record<string, unknown> | undefined;
  if (!entry || typeof entry !== 'object') {
    throw new ConfigError('E_DBT_PROFILE', `profiles.yml has no profile '${profile}' (the profile dbt_project.yml names)`, { file, hint: `profiles in the file: ${Object.keys(all ?? {}).filter((k) => k !== 'config').join(', ') || '(none)'}` });
  }
  const outputs = (entry.outputs ?? {}) as Record<string, Record<string, unknown>>;
  const targets: Record<string, TargetConfig> = {};
  const templateTargets: Record<string, Record<string, unknown>> = {};
  for (const [name, output] of Object.entries(outputs)) {
    const rendered = renderValue(output, env, file) as Record<string, unknown>;
    if (!rendered.type) throw new ConfigError('E_DBT_PROFILE', `profiles.yml: output '${name}' of '${profile}' has no type`, { file, line: lineOf(output), hint: 'set type: duckdb (or postgres)' });
    const { target, template } = toTarget(rendered, root);
    targets[name] = target;
    templateTargets[name] = { ...template, name, profile_name: profile, threads: Number(rendered.threads ?? 1) };
  }
  const defaultTarget = String(renderValue(entry.target ?? 'dev', env, file));
  return { file, defaultTarget, targets, templateTargets };
}
