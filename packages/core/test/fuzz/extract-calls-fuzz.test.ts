import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractCalls, StrataError } from '../../src/index.js';

/**
 * Property tests of the static extractor that finds ref(), source() and config() without
 * rendering: for any text it returns or throws a typed StrataError (never a TypeError, a stack
 * overflow or a hang); and for SQL built around known calls it finds exactly those calls, on
 * their lines, whatever noise surrounds them.
 */
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 400);
const SEED = Number(process.env.FAST_CHECK_SEED ?? 20_240_611);
const FILE = 'models/fuzz.sql';

const piece = fc.oneof(
  fc.constantFrom('{{', '}}', '{%', '%}', '{#', '#}', '(', ')', '[', ']', '{', '}', "'", '"', ',', '=', ':', '\n', ' ', '-', '\\'),
  fc.constantFrom('ref', 'source', 'config', 'materialized', 'tags', 'unique_key', 'true', 'None', '12', '-3.5', 'select', 'from'),
  fc.string({ maxLength: 5 }),
);
const jinjaish = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
/** A config() call with possibly deep or broken literal arguments. */
const configCall = fc
  .tuple(fc.nat({ max: 3000 }), fc.constantFrom('[', '{', "['a', ", "{'k': "), fc.boolean())
  .map(([depth, open, closed]) => `{{ config(x=${open.repeat(depth)}1${closed ? (open.startsWith('[') ? ']' : '}').repeat(depth) : ''}) }}`);
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }), jinjaish, configCall);

describe('static ref extractor (fast-check)', () => {
  it('returns calls or throws a typed error, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let calls: ReturnType<typeof extractCalls> | undefined;
        try {
          calls = extractCalls(text, FILE);
        } catch (error) {
          if (!(error instanceof StrataError)) throw new Error(`untyped error ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
          expect(error.code).toMatch(/^E_[A-Z_]+$/);
          expect(error.file).toBe(FILE);
          return;
        }
        const lines = text.split('\n').length;
        for (const call of [...calls.refs, ...calls.sources]) expect(call.line >= 1 && call.line <= lines).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('finds exactly the refs and sources a model holds, on their lines, among noise', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/);
    const call = fc.oneof(
      fc.record({ kind: fc.constant('ref' as const), name, project: fc.option(name, { nil: undefined }), quote: fc.constantFrom("'", '"') }),
      fc.record({ kind: fc.constant('source' as const), name, project: name, quote: fc.constantFrom("'", '"') }),
    );
    // Noise that holds no call: SQL words, punctuation, newlines, Jinja comments.
    const noise = fc.array(fc.constantFrom('select a,', ' b ', 'from', '\n', ' where x = 1', '{# ref("hidden") #}', '(', ')', '-- note', '{% if true %}', '{% endif %}'), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, call), { maxLength: 8 }), noise, (parts, tail) => {
        let text = '';
        const refs: Array<{ project?: string; name: string; line: number }> = [];
        const sources: Array<{ source: string; table: string; line: number }> = [];
        for (const [before, c] of parts) {
          text += before;
          const line = text.split('\n').length;
          const q = c.quote;
          if (c.kind === 'ref') {
            text += c.project === undefined ? `{{ ref(${q}${c.name}${q}) }}` : `{{ ref( ${q}${c.project}${q} , ${q}${c.name}${q} ) }}`;
            refs.push(c.project === undefined ? { name: c.name, line } : { project: c.project, name: c.name, line });
          } else {
            text += `{{ source(${q}${c.project}${q}, ${q}${c.name}${q}) }}`;
            sources.push({ source: c.project!, table: c.name, line });
          }
        }
        text += tail;
        const found = extractCalls(text, FILE);
        expect(found.refs).toEqual(refs);
        expect(found.sources).toEqual(sources);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('reports a config() literal nested 10,000 deep as a ParseError (it once overflowed the stack)', () => {
    const text = `{{ config(x=${'['.repeat(10_000)}1${']'.repeat(10_000)}) }}`;
    expect(() => extractCalls(text, FILE)).toThrow(expect.objectContaining({ name: 'ParseError', code: 'E_CONFIG_CALL', message: 'config(): literal nested more than 64 levels deep', line: 1 }));
  });
});
