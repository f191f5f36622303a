import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdapterError, ConfigError } from '@strata/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redactSecrets, resolveBigQueryConfig } from '../src/index.js';
import { startHarness, type Harness } from './helpers.js';

/** Looks like a private key; must never show up in an error, a log or an artifact. */
const FAKE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDfake\n-----END PRIVATE KEY-----\n';

let dir: string;
let h: Harness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-bq-config-'));
  h = await startHarness();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.double.stop();
});
beforeEach(() => h.double.reset());

describe('target settings', () => {
  it('fills in defaults and accepts dbt-bigquery’s names', () => {
    const key = join(dir, 'sa.json');
    writeFileSync(key, JSON.stringify({ type: 'service_account', client_email: 'strata@acme.iam.gserviceaccount.com', private_key: FAKE_KEY }));
    expect(resolveBigQueryConfig({ adapter: 'bigquery', project: 'acme', keyfile: 'sa.json', maximum_bytes_billed: 1e9, job_execution_timeout_seconds: 300, dataset: 'analytics' }, dir)).toEqual({
      project: 'acme',
      dataset: 'analytics',
      location: undefined,
      keyFile: key,
      maximumBytesBilled: '1000000000',
      jobTimeoutMs: 300_000,
      priority: 'interactive',
      jobRetries: 3,
      retryBackoffMs: 1000,
      pollIntervalMs: 500,
      labels: undefined,
      apiEndpoint: undefined,
      anonymous: false,
    });
  });

  it('says what is wrong, with a hint', () => {
    const attempt = (target: Record<string, unknown>) => {
      try {
        resolveBigQueryConfig({ adapter: 'bigquery', ...target }, dir);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).message;
      }
    };
    expect(attempt({})).toBe("BigQuery target: 'project' is missing");
    expect(attempt({ project: 'p', priority: 'urgent' })).toBe("BigQuery target: unknown priority 'urgent'");
    expect(attempt({ project: 'p', maximumBytesBilled: '10GB' })).toBe('BigQuery target: maximumBytesBilled must be a whole number of bytes, got 10GB');
    expect(attempt({ project: 'p', anonymous: true })).toBe("BigQuery target: 'anonymous' needs an 'apiEndpoint'");
    expect(attempt({ project: 'p', keyFile: 'missing.json' })).toBe(`BigQuery target: key file not found: ${join(dir, 'missing.json')}`);
  });

  it('never quotes a key file’s content, even when it is not JSON', () => {
    const key = join(dir, 'broken.json');
    writeFileSync(key, `{"private_key": "${FAKE_KEY}"`);
    const error = (() => {
      try {
        resolveBigQueryConfig({ adapter: 'bigquery', project: 'p', keyFile: key }, dir);
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(error.message).toBe(`BigQuery target: key file is not valid JSON: ${key}`);
    expect(error.format()).not.toContain('PRIVATE KEY');
    expect(error.format()).not.toContain('MIIE');
  });
});

describe('secrets', () => {
  it('redacts private keys, tokens and bearer headers', () => {
    expect(redactSecrets(`key: ${FAKE_KEY}end`)).toBe('key: [redacted private key]\nend');
    expect(redactSecrets('Authorization: Bearer ya29.a0AfH6SMB-secret')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('token ya29.a0AfH6SMB-secret expired')).toBe('token [redacted] expired');
    expect(redactSecrets('{"private_key":"abc","client_email":"x@y"}')).toBe('{"private_key":[redacted],"client_email":"x@y"}');
    expect(redactSecrets('refresh_token=1//0gabc&x=1')).toBe('refresh_token=[redacted]&x=1');
  });

  it('sends the auth client’s token to the endpoint but never puts it in an error', async () => {
    const authClient = { getRequestHeaders: async () => new Headers({ authorization: 'Bearer ya29.test-token-123' }) };
    h.double.fail('POST', /\/jobs$/, 401, 'authError', 1, 'Request had invalid authentication credentials: Bearer ya29.test-token-123');
    const adapter = h.open({ anonymous: false }, { authClient: authClient as never });
    const connection = await adapter.connect();
    const error = (await connection.execute('SELECT 1').catch((e) => e)) as AdapterError;
    expect(h.double.requests[0]!.headers.authorization).toBe('Bearer ya29.test-token-123');
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.message).toBe('BigQuery job failed (authError): Request had invalid authentication credentials: Bearer [redacted]');
    // the client's raw error (with the request and its headers) is not kept
    expect(JSON.stringify({ message: error.message, hint: error.hint, cause: error.cause, sql: error.sql })).not.toContain('test-token');
    expect(error.cause).toEqual({ reason: 'authError', status: 401, jobId: undefined });
  });
});
