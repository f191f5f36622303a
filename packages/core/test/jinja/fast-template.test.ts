import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { TemplateEnv } from '../../src/compile/template-env.js';
import { FastTemplates } from '../../src/compile/jinja/fast-template.js';
import { testDialect } from '../helpers.js';

/** A relation as templates see it: an object (not a dict) that prints its SQL name. */
class FakeRelation {
  constructor(
    private readonly sql: string,
    readonly schema = 'main',
    readonly identifier = '',
  ) {}
  toString(): string {
    return this.sql;
  }
}

/** A context like a model's: functions that record their calls, objects, lists and flags. */
function modelContext(calls: string[] = []): Record<string, unknown> {
  const relation = new FakeRelation('"marts"."orders"', 'marts', 'orders');
  return {
    ref: (name: string) => {
      calls.push(`ref:${name}`);
      return new FakeRelation(`"main"."${name}"`);
    },
    source: (a: string, b: string) => `"${a}"."${b}"`,
    config: (...args: unknown[]) => {
      calls.push(`config:${JSON.stringify(args)}`);
      return '';
    },
    var: (name: string, fallback?: unknown) => (name === 'days' ? 3 : fallback),
    is_incremental: () => false,
    this: relation,
    target: { name: 'dev', type: 'duckdb', schema: 'main', threads: 4 },
    columns: ['a', 'b'],
    empty: [],
    flag: true,
    nothing: null,
  };
}

const macroFile = [{ path: 'macros/m.sql', text: '{% macro cents(c) %}({{ c }} / 100){% endmacro %}', absolute: '/p/macros/m.sql' }];

/** Renders with the fast path and with nunjucks alone; both must agree. */
function both(text: string, context: Record<string, unknown> = modelContext()): { fast: string; nunjucks: string; usedFastPath: boolean } {
  const env = new TemplateEnv(testDialect, macroFile);
  const fast = new FastTemplates((env.env as unknown as { globals: Record<string, unknown> }).globals, env.macros.names);
  return { fast: env.render(text, context, '/p/models/m.sql'), nunjucks: env.renderWithNunjucks(text, context, '/p/models/m.sql'), usedFastPath: fast.render(text, context) !== undefined };
}

/** Templates the fast path takes, each with the output nunjucks gives. */
const TAKEN: Array<[string, string]> = [
  ['select 1', 'select 1'],
  ["select * from {{ ref('orders') }}", 'select * from "main"."orders"'],
  ["{{ config(materialized='table', tags=['a', 'b'], partition_by={'field': 'day'}) }}select 1", 'select 1'],
  ["{{ source('raw', 'events') }} where d > {{ var('days', 7) }} and e < {{ var('missing', 2.5) }}", '"raw"."events" where d > 3 and e < 2.5'],
  ["{{ date_trunc('day', 'at') }}", "date_trunc('day', at)"],
  ['{% if target.name == "prod" %}prod{% elif target.name == \'dev\' %}dev{% else %}other{% endif %}', 'dev'],
  ['{% if is_incremental() %}inc{% else %}full{% endif %}', 'full'],
  ['{% if empty %}x{% elif not columns %}y{% elif flag and columns %}z{% endif %}', 'z'],
  ['{% if nothing or empty %}a{% else %}b{% endif %}', 'b'],
  ['{% if target.threads != 4 %}a{% endif %}b', 'b'],
  ['a  {%- if flag -%}  b  {%- endif -%}  c', 'abc'],
  ['a \n {{- this -}} \n b', 'a"marts"."orders"b'],
  ['a {# a comment with {{ ref("x") }} #} b {#- trimmed -#}  c', 'a  bc'],
  ['{{ this.schema }}.{{ this.identifier }} {{ target.type }}', 'marts.orders duckdb'],
  ["{{ config(tags=['x',],) }}{{ ref('a',) }}", '"main"."a"'],
  ['{% if (flag) and (target.name == "dev") %}yes{% endif %}', 'yes'],
  ["a { b } {{ 'c' }} #{ d }", "a { b } c #{ d }"],
];

/** Templates the fast path leaves to nunjucks (the results must still be nunjucks'). */
const DECLINED = [
  "{{ 'a' | upper }}",
  '{% set x = 1 %}{{ x }}',
  '{% for c in columns %}{{ c }},{% endfor %}',
  '{{ cents(5) }}',
  '{{ columns }}',
  '{{ flag }}',
  "{{ 'a' ~ 'b' }}",
  '{{ var("days") + 1 }}',
  '{{ target.get("name") }}',
  "{{ 'it\\'s' }}",
  "{{ 'a' if flag else 'b' }}",
  '{{ columns[0] }}',
  '{% raw %}{{ x }}{% endraw %}',
];

describe('the Jinja fast path', () => {
  it.each(TAKEN)('renders %j as nunjucks does, without nunjucks', (template, expected) => {
    const { fast, nunjucks: reference, usedFastPath } = both(template);
    expect(usedFastPath).toBe(true);
    expect(reference).toBe(expected);
    expect(fast).toBe(reference);
  });

  it.each(DECLINED)('leaves %j to nunjucks, with the same result', (template) => {
    const { fast, nunjucks: reference, usedFastPath } = both(template);
    expect(usedFastPath).toBe(false);
    expect(fast).toBe(reference);
  });

  it('calls each function once per render, with nunjucks keyword arguments', () => {
    const calls: string[] = [];
    const env = new TemplateEnv(testDialect, []);
    env.render("{{ config(materialized='view') }}{{ ref('a') }}{% if flag %}{{ ref('b') }}{% endif %}", modelContext(calls), 'm.sql');
    expect(calls).toEqual(['config:[{"materialized":"view","__keywords":true}]', 'ref:a', 'ref:b']);
    // nunjucks builds the same keyword object.
    expect((nunjucks.runtime as unknown as { makeKeywordArgs(o: object): object }).makeKeywordArgs({ materialized: 'view' })).toEqual({ materialized: 'view', __keywords: true });
  });

  it('leaves errors to nunjucks, which names the file and line', () => {
    const env = new TemplateEnv(testDialect, []);
    const context = { ...modelContext(), ref: () => undefined };
    expect(() => env.render("select 1\nfrom {{ ref('gone') }}", context, '/p/models/m.sql')).toThrow(expect.objectContaining({ code: 'E_UNDEFINED', file: '/p/models/m.sql', line: 2 }));
    expect(() => env.render('{% if flag %}never closed', modelContext(), '/p/models/m.sql')).toThrow(expect.objectContaining({ code: 'E_JINJA_SYNTAX', line: 1 }));
  });
});
