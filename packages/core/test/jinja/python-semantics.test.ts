import { describe, expect, it } from 'vitest';
import { TemplateEnv } from '../../src/compile/template-env.js';
import { CompilationError } from '../../src/errors/strata-error.js';
import { testDialect } from '../helpers.js';

const macros = (files: Record<string, string>) => Object.entries(files).map(([path, text]) => ({ path, text, absolute: `/p/${path}` }));

function render(text: string, context: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  return new TemplateEnv(testDialect, macros(files)).render(text, context, '/p/models/m.sql');
}

function failure(text: string, context: Record<string, unknown> = {}, files: Record<string, string> = {}): CompilationError {
  try {
    render(text, context, files);
  } catch (error) {
    return error as CompilationError;
  }
  throw new Error('expected a compilation error');
}

describe('Jinja (Python) semantics on nunjucks', () => {
  it('treats empty lists and dicts as false, as Python does', () => {
    expect(render('{% if xs %}yes{% else %}no{% endif %}', { xs: [] })).toBe('no');
    expect(render('{% if d %}yes{% else %}no{% endif %}', { d: {} })).toBe('no');
    expect(render('{% if not xs %}empty{% endif %}', { xs: [] })).toBe('empty');
    expect(render("{{ 'a' if xs else 'b' }}", { xs: [] })).toBe('b');
    expect(render("{{ xs or 'fallback' }}|{{ 'x' and 'y' }}|{{ [] and 'y' }}", { xs: [] })).toBe("fallback|y|[]");
    expect(render('{% if xs and xs[0] == 1 %}one{% endif %}', { xs: [1] })).toBe('one');
  });

  it('reads tuples as lists, concatenates lists, formats with % and repeats strings', () => {
    expect(render("{% for a, b in [(1, 'x'), (2, 'y')] %}{{ a }}{{ b }};{% endfor %}")).toBe('1x;2y;');
    expect(render("{{ 'b' in ('a', 'b') }}")).toBe('True');
    expect(render('{% set xs = [1] + [2, 3] %}{{ xs | length }}')).toBe('3');
    expect(render("{{ '%s_%s' % ('a', 1) }}|{{ '%05.1f%%' % 3.14159 }}|{{ '%(n)s!' % {'n': 'hi'} }}")).toBe('a_1|003.1%|hi!');
    expect(render("{{ '-' * 3 }}{{ 7 % 3 }}{{ 2 * 3 }}")).toBe('---16');
  });

  it('iterates dict keys, unpacks in set, prints Python reprs', () => {
    expect(render('{% for k in d %}{{ k }};{% endfor %}', { d: { a: 1, b: 2 } })).toBe('a;b;');
    expect(render('{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}', { d: { a: 1, b: 2 } })).toBe('a=1;b=2;');
    expect(render("{% set a, b = ['x', 'y'] %}{{ b }}{{ a }}")).toBe('yx');
    expect(render("{{ ['a', 1, none, true] }}|{{ {'k': 'v'} }}|{{ false }}")).toBe("['a', 1, None, True]|{'k': 'v'}|False");
  });

  it('has the str, list and dict methods dbt macros call', () => {
    expect(render("{{ ' Ab-c '.strip().upper().replace('-', '_') }}|{{ 'a-b-c'.replace('-', '+') }}|{{ 'a b  c'.split() }}|{{ 'a,b'.split(',') }}")).toBe("AB_C|a+b+c|['a', 'b', 'c']|['a', 'b']");
    expect(render("{{ 'stg_orders'.startswith('stg_') }}{{ 'x.sql'.endswith(('.py', '.sql')) }}{{ ', '.join(['a', 'b']) }}{{ '{}-{n}'.format(1, n=2) }}")).toBe('TrueTruea, b1-2');
    expect(render("{{ 'xxabcxx'.strip('x') }}|{{ 'Hello World'.lower() }}|{{ 'ab'.title() }}|{{ 'a_b_c'.split('_', 1) }}")).toBe("abc|hello world|Ab|['a', 'b_c']");
    expect(render('{% set xs = [] %}{% do xs.append(1) %}{% do xs.extend([2, 3]) %}{{ xs.pop() }}{{ xs }}{{ xs.index(2) }}')).toBe('3[1, 2]1');
    expect(render("{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d.get('b') }}{{ d.get('z', 0) }}{{ d.keys() | list }}{{ d.values() | sum }}")).toBe("20['a', 'b']3");
    expect(render("{% set d = {'values': [1]} %}{{ d['values'] }}")).toBe('[1]');
  });

  it('adds the Jinja filters and tests nunjucks lacks', () => {
    expect(render("{{ cols | map('upper') | join(',') }}|{{ rows | map(attribute='n') | join(',') }}", { cols: ['a', 'b'], rows: [{ n: 1 }, { n: 2 }] })).toBe('A,B|1,2');
    expect(render("{{ rows | selectattr('kind', 'equalto', 'x') | map(attribute='n') | list }}", { rows: [{ n: 1, kind: 'x' }, { n: 2, kind: 'y' }] })).toBe('[1]');
    expect(render("{{ [1, 1, 2] | unique | list }}|{{ {'a': 1} | tojson }}|{{ x is none }}|{{ 3 is integer }}", { x: null })).toBe('[1, 2]|{"a": 1}|True|True'.replace('{"a": 1}', '{"a":1}'));
    expect(render("{{ 'true' | as_bool }}{{ '12' | as_number + 1 }}{{ \"['a']\" | as_native }}")).toBe("True13['a']");
    expect(render('{{ zip([1, 2], ["a", "b"]) }}')).toBe("[[1, 'a'], [2, 'b']]");
  });

  it('ends a macro with return(), also from inside loops, and keeps the caller intact', () => {
    const files = {
      'macros/cols.sql': "{% macro cols(kind) %}{% for c in ['a', 'b'] %}{% if kind == 'first' %}{{ return(c) }}{% endif %}{% endfor %}{{ return(['a', 'b']) }}{% endmacro %}",
    };
    expect(render("{% set n = 5 %}{{ cols('first') }}{% for c in cols('all') %}{{ c }}{% endfor %}{{ n }}", {}, files)).toBe('aab5');
    expect(failure('{{ return(1) }}').code).toBe('E_RETURN_OUTSIDE_MACRO');
  });

  it('lets a macro call macros of other files, whatever the file order', () => {
    const files = { 'macros/a.sql': '{% macro a() %}A{{ b() }}{% endmacro %}', 'macros/b.sql': '{% macro b() %}B{% endmacro %}' };
    expect(render('{{ a() }}', {}, files)).toBe('AB');
  });

  it('supports call blocks with caller() and caller arguments', () => {
    const files = { 'macros/wrap.sql': '{% macro wrap(x) %}({{ caller(x * 2) }}){% endmacro %}' };
    expect(render('{% call(v) wrap(2) %}v={{ v }}{% endcall %}', {}, files)).toBe('(v=4)');
  });

  it('rejects what it cannot do faithfully, naming the line', () => {
    const filter = failure('select 1\n{% for x in [1, 2] if x > 1 %}{{ x }}{% endfor %}');
    expect(filter.message).toMatch(/loop filters/);
    expect(filter.line).toBe(2);
    const ns = failure("{% set ns = namespace(n=0) %}\n\n{% set ns.n = 1 %}");
    expect(ns.message).toMatch(/namespace/);
    expect(ns.line).toBe(3);
    const cycle = failure('{% for i in [1] %}\n{{ loop.cycle("a", "b") }}{% endfor %}');
    expect(cycle.line).toBe(2);
  });

  it('has a datetime module with strftime and timedelta arithmetic', () => {
    const { datetimeModule } = require_datetime();
    const context = { modules: { datetime: datetimeModule } };
    expect(render("{{ modules.datetime.datetime(2024, 1, 31, 10, 5).strftime('%Y-%m-%d %H:%M') }}", context)).toBe('2024-01-31 10:05');
    expect(render("{{ (modules.datetime.date(2024, 3, 1) - modules.datetime.timedelta(days=1)).isoformat() }}", context)).toBe('2024-02-29');
    expect(render("{{ modules.datetime.datetime.strptime('2024-02-03', '%Y-%m-%d') + modules.datetime.timedelta(hours=36) }}", context)).toBe('2024-02-04 12:00:00');
    expect(render("{{ modules.datetime.date(2024, 1, 2) < modules.datetime.date(2024, 1, 3) }}", context)).toBe('True');
  });
});

import { datetimeModule } from '../../src/compile/jinja/py-datetime.js';
function require_datetime() {
  return { datetimeModule };
}

describe('Python syntax nunjucks lacks', () => {
  it('accepts trailing commas in calls, lists and dicts', () => {
    const files = { 'macros/m.sql': '{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}' };
    expect(render("{{ m(1, b=2,) }}|{{ ['a', 'b',] | join(',') }}|{{ {'k': 1,}.k }}", {}, files)).toBe('1-2|a,b|1');
  });
});
