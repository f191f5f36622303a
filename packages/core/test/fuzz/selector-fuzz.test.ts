import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace, parseSelector, selectWorkspace, StrataError, type Workspace } from '../../src/index.js';
import { writeProject } from '../helpers.js';

/**
 * Property tests of the selector parser and of selection over a small project: for any input —
 * random text, or text built from the grammar's own pieces so that it gets past the first
 * character — parsing either succeeds or throws a typed StrataError (never a TypeError, a
 * RangeError or a hang), and a successful selection only ever names nodes of the project.
 * The seed is fixed, so a failure reproduces; FAST_CHECK_RUNS and FAST_CHECK_SEED run a longer hunt.
 */
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 400);
const SEED = Number(process.env.FAST_CHECK_SEED ?? 20_240_611);

let workspace: Workspace;
beforeAll(async () => {
  const root = writeProject({
    'strata.config.ts': `export default { name: 'shop', models: { staging: { materialized: 'view', schema: 'staging', tags: ['stg'] }, marts: { materialized: 'table', schema: 'marts' } }, seeds: { schema: 'raw' }, sources: { raw: { tables: ['orders'] } }, selectors: { nightly: 'tag:nightly', loop: 'selector:loop' } };`,
    'seeds/orders.csv': 'id,amount\n1,10\n',
    'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}",
    'models/marts/fct_orders.sql': "{{ config(tags=['nightly']) }}\nselect * from {{ ref('stg_orders') }}",
    'models/marts/schema.ts': "import { z } from 'zod';\nexport default { models: { fct_orders: { columns: z.object({ id: z.number().meta({ unique: true }) }) } } };",
  });
  workspace = await loadWorkspace({ projects: [root] });
});

/** Pieces of the selection grammar, glued together in random order. */
const token = fc.oneof(
  fc.constantFrom('+', '@', ',', ' ', ':', '*', '.', '/', '\t', '\n', '', '2', '10', '99999999999999999999', '-', '\\', '(', '[', '?'),
  fc.constantFrom('tag', 'path', 'source', 'resource_type', 'config.materialized', 'config', 'state', 'selector', 'package', 'fqn', 'test_type', 'tagg'),
  fc.constantFrom('fct_orders', 'stg_orders', 'orders', 'raw', 'nightly', 'loop', 'models/marts', 'marts.*', 'modified', 'new', 'model', 'seed', 'table', 'shop'),
  fc.string({ maxLength: 6 }),
);
const grammarText = fc.array(token, { maxLength: 12 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), grammarText);

/** Runs `fn`; an error must be a StrataError with a code and a message. */
function typedOrNothing(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof StrataError)) throw new Error(`untyped error ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
    expect(error.code).toMatch(/^E_[A-Z_]+$/);
    expect(error.message.length).toBeGreaterThan(0);
    return undefined;
  }
}

describe('selector parser (fast-check)', () => {
  it('parses or throws a typed error, for any text', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 3 }), (selectors) => {
        const tree = typedOrNothing(() => parseSelector(selectors)) as ReturnType<typeof parseSelector> | undefined;
        if (!tree) return;
        const criteria = JSON.stringify(tree);
        expect(criteria).not.toContain('"value":""');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('selects only nodes of the project, or throws a typed error, for any --select and --exclude', () => {
    const nodes = new Set(workspace.dag.manifest.nodes.keys());
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 2 }), fc.array(anyText, { maxLength: 2 }), (select, exclude) => {
        const selected = typedOrNothing(() => selectWorkspace(workspace, { select, exclude })) as Set<string> | undefined;
        for (const id of selected ?? []) expect(nodes.has(id)).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('reads back the graph operators and method of any well-formed criterion', () => {
    const criterion = fc.record({
      at: fc.boolean(),
      parents: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
      children: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
      method: fc.constantFrom('fqn', 'tag', 'path', 'source', 'resource_type', 'config.materialized'),
      value: fc.stringMatching(/^[a-z_][a-z0-9_./]{0,15}$/),
    });
    fc.assert(
      fc.property(criterion, ({ at, parents, children, method, value }) => {
        const ops = at ? { before: '@', after: '' } : { before: parents === undefined ? '' : `${parents || ''}+`, after: children === undefined ? '' : `+${children || ''}` };
        const text = `${ops.before}${method === 'fqn' ? '' : `${method}:`}${value}${ops.after}`;
        const tree = parseSelector([text]);
        expect(tree).toEqual({
          type: 'union',
          items: [
            {
              type: 'criterion',
              criterion: {
                method,
                value,
                parents: at || parents === undefined ? 0 : parents || Infinity,
                children: at || children === undefined ? 0 : children || Infinity,
                childrenWithParents: at,
              },
            },
          ],
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
