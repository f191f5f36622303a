import { describe, expect, it } from 'vitest';
import { extractCalls, ParseError } from '../src/index.js';

describe('extractCalls', () => {
  it('finds refs, two-argument refs and sources with their lines', () => {
    const sql = "select *\nfrom {{ ref('stg_orders') }}\njoin {{ ref(\"ecommerce\", 'dim_customers') }}\njoin {{ source('raw', 'orders') }}";
    const calls = extractCalls(sql, 'm.sql');
    expect(calls.refs).toEqual([
      { name: 'stg_orders', line: 2 },
      { project: 'ecommerce', name: 'dim_customers', line: 3 },
    ]);
    expect(calls.sources).toEqual([{ source: 'raw', table: 'orders', line: 4 }]);
  });

  it('ignores refs inside Jinja comments', () => {
    expect(extractCalls("{# {{ ref('old') }} #}\nselect 1", 'm.sql').refs).toEqual([]);
  });

  it('reads literal config() keyword arguments', () => {
    const calls = extractCalls("{{ config(materialized='incremental', unique_key=['a', 'b'], tags=['x'], enabled=true, batch=10) }}\nselect 1", 'm.sql');
    expect(calls.config).toEqual({ materialized: 'incremental', unique_key: ['a', 'b'], tags: ['x'], enabled: true, batch: 10 });
    expect(calls.configLine).toBe(1);
  });

  it('rejects a non-literal config value with the file and line', () => {
    try {
      extractCalls("select 1\n{{ config(materialized=var('m')) }}", 'models/m.sql');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).code).toBe('E_CONFIG_CALL');
      expect((error as ParseError).line).toBe(2);
      expect((error as ParseError).file).toBe('models/m.sql');
    }
  });
});
