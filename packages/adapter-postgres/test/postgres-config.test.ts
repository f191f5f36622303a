import { describe, expect, it } from 'vitest';
import { ConfigError } from '@strata/core';
import { resolvePostgresConfig, resolveSetting } from '../src/index.js';

describe('Postgres target settings', () => {
  const env = { PGPASSWORD: 's3cret', DB_HOST: 'db.internal', EMPTY: '' };

  it('reads { env } objects and dbt-style env_var() strings, with defaults', () => {
    expect(resolveSetting('password', { env: 'PGPASSWORD' }, env)).toBe('s3cret');
    expect(resolveSetting('password', "{{ env_var('PGPASSWORD') }}", env)).toBe('s3cret');
    expect(resolveSetting('host', '{{ env_var("NOPE", "localhost") }}', env)).toBe('localhost');
    expect(resolveSetting('port', { env: 'NOPE', default: 5433 }, env)).toBe(5433);
    expect(resolveSetting('user', { env: 'EMPTY', default: 'me' }, env)).toBe('me');
    expect(resolveSetting('user', 'plain', env)).toBe('plain');
    expect(resolveSetting('user', undefined, env)).toBeUndefined();
  });

  it('names the missing variable and never a value', () => {
    const error = (() => {
      try {
        resolveSetting('password', { env: 'MISSING_PW' }, env);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.code).toBe('E_ENV_VAR_MISSING');
    expect(error!.message).toBe("the target's 'password' reads environment variable MISSING_PW, which is not set");
  });

  it('resolves a whole target, leaving unset settings to libpq fallbacks', () => {
    const config = resolvePostgresConfig({ adapter: 'postgres', host: { env: 'DB_HOST' }, port: '5433', password: { env: 'PGPASSWORD' }, ssl: 'require' }, env);
    expect(config).toEqual({
      host: 'db.internal',
      port: 5433,
      database: undefined,
      user: undefined,
      password: 's3cret',
      ssl: { rejectUnauthorized: false },
      poolSize: 32,
      connectTimeout: 10,
      statementTimeout: undefined,
      applicationName: 'strata',
      helperSchema: 'strata',
      timezone: 'UTC',
      foldCase: true,
      analyze: true,
      sessionSettings: [],
    });
    expect(resolvePostgresConfig({ analyze: false }, {}).analyze).toBe(false);
    expect(resolvePostgresConfig({ ssl: 'verify-full' }, {}).ssl).toEqual({ rejectUnauthorized: true });
    expect(resolvePostgresConfig({}, { PGSSLMODE: 'require' }).ssl).toEqual({ rejectUnauthorized: false });
    expect(resolvePostgresConfig({}, {}).ssl).toBe(false);
    expect(() => resolvePostgresConfig({ helperSchema: 'bad name' }, {})).toThrow("the target's 'helperSchema' must be a plain identifier, got 'bad name'");
    expect(() => resolvePostgresConfig({ poolSize: -1 }, {})).toThrow("the target's 'poolSize' must be a non-negative number, got -1");
  });

  it('reads session settings in Postgres words, and refuses names it cannot pass or settings Strata owns', () => {
    expect(resolvePostgresConfig({ sessionSettings: { enable_nestloop: false, work_mem: '256MB', max_parallel_workers_per_gather: 0, 'auto_explain.log_min_duration': '5s' } }, {}).sessionSettings).toEqual([
      ['enable_nestloop', 'off'],
      ['work_mem', '256MB'],
      ['max_parallel_workers_per_gather', '0'],
      ['auto_explain.log_min_duration', '5s'],
    ]);
    expect(() => resolvePostgresConfig({ sessionSettings: { 'work_mem=1GB -c x': '1' } }, {})).toThrow("the target's sessionSettings has 'work_mem=1GB -c x', which is not a Postgres setting name");
    expect(() => resolvePostgresConfig({ sessionSettings: { TimeZone: 'Europe/Paris' } }, {})).toThrow(expect.objectContaining({ message: "the target's sessionSettings sets 'TimeZone', which Strata sets itself", hint: "use the target's timezone" }));
    expect(() => resolvePostgresConfig({ sessionSettings: { work_mem: null as unknown as string } }, {})).toThrow("the target's sessionSettings.work_mem must be a string, number or boolean, got null");
    expect(() => resolvePostgresConfig({ sessionSettings: ['enable_nestloop'] as unknown as Record<string, string> }, {})).toThrow(`the target's 'sessionSettings' must be an object of setting names and values, got ["enable_nestloop"]`);
  });
});
