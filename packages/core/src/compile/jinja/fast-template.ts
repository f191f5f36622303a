import nunjucks from 'nunjucks';
import { isDict } from './python-values.js';

/**
 * A fast path for the Jinja most models are written in: text, comments, `{{ expression }}` and
 * `{% if %}…{% elif %}…{% else %}…{% endif %}`, where an expression is a literal, a list or dict
 * of them, a name, an attribute (`target.name`), a call of a named function (`ref('x')`,
 * `config(tags=['a'])`, `date_trunc('day', 'at')`), `==`/`!=`, `not`, `and`, `or` and brackets.
 *
 * Why: nunjucks lexes, parses, transforms and compiles every template to JavaScript and evaluates
 * it — about 0.3 ms a model, most of a 10,000-model compile. A model that only calls `ref`,
 * `source`, `config` and a few macros needs none of that.
 *
 * It gives exactly what nunjucks (with Strata's Python semantics) gives, or declines: anything
 * else in a template (another tag, a filter, arithmetic, a project macro, a method call, a value
 * nunjucks prints in its own way, an error) returns `undefined`, and the caller renders with
 * nunjucks — which also reports errors with their file and line. A template is parsed once.
 */

type Expr =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'attribute'; target: Expr; key: string }
  | { kind: 'call'; callee: string; args: Expr[]; kwargs: Array<[string, Expr]> }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'dict'; entries: Array<[string, Expr]> }
  | { kind: 'compare'; op: '==' | '!='; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr };

type Part = string | { kind: 'output'; expr: Expr } | { kind: 'if'; branches: Array<{ condition: Expr; body: Part[] }>; otherwise: Part[] };

/** Thrown inside this module when a template or value is outside the fast path. */
class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

type Token = { type: 'string' | 'number' | 'name' | 'op'; value: string };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_.])/y;
const SPACE = /\s*/y;
const OPERATORS = ['==', '!=', '(', ')', '[', ']', '{', '}', ',', '.', ':', '='];

/** Reads the code of one tag from `start` up to its closing `}}` or `%}`; returns tokens and where it ended. */
function lexTag(text: string, start: number, closer: '}}' | '%}'): { tokens: Token[]; end: number; trimAfter: boolean } {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
    if (i >= text.length) decline();
    if (text.startsWith(closer, i)) return { tokens, end: i + 2, trimAfter: false };
    if (text.startsWith(`-${closer}`, i)) return { tokens, end: i + 3, trimAfter: true };
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      // Escapes are nunjucks' business.
      if (close < 0 || text.slice(i + 1, close).includes('\\')) decline();
      tokens.push({ type: 'string', value: text.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      tokens.push({ type: 'name', value: name[0] });
      i = NAME.lastIndex;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      tokens.push({ type: 'number', value: number[0] });
      i = NUMBER.lastIndex;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) decline();
    tokens.push({ type: 'op', value: op! });
    i += op!.length;
  }
}

const LITERAL_NAMES: Record<string, unknown> = { true: true, True: true, false: false, False: false, none: null, None: null };
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);

/** A recursive-descent parser over one tag's tokens, for the expression subset above. */
class ExpressionParser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Expr {
    const expr = this.or();
    if (this.i !== this.tokens.length) decline();
    return expr;
  }

  private peek(value: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && (t.type === 'op' || t.type === 'name') && t.value === value;
  }

  private take(value: string): boolean {
    if (!this.peek(value)) return false;
    this.i++;
    return true;
  }

  private expect(value: string): void {
    if (!this.take(value)) decline();
  }

  private or(): Expr {
    let left = this.and();
    while (this.take('or')) left = { kind: 'logical', op: 'or', left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.take('and')) left = { kind: 'logical', op: 'and', left, right: this.not() };
    return left;
  }

  private not(): Expr {
    if (this.take('not')) return { kind: 'not', operand: this.not() };
    return this.compare();
  }

  private compare(): Expr {
    const left = this.postfix();
    const op = this.peek('==') ? '==' : this.peek('!=') ? '!=' : undefined;
    if (!op) return left;
    this.i++;
    const right = this.postfix();
    // Chained comparisons (`a == b == c`) mean something else in Jinja.
    if (this.peek('==') || this.peek('!=')) decline();
    return { kind: 'compare', op, left, right };
  }

  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.take('.')) {
        const key = this.tokens[this.i++];
        if (key?.type !== 'name') decline();
        expr = { kind: 'attribute', target: expr, key: key!.value };
      } else if (this.peek('(')) {
        // Only named functions: a method call may need nunjucks' bound context (`adapter.dispatch`).
        if (expr.kind !== 'name') decline();
        this.i++;
        expr = this.callArguments((expr as { name: string }).name);
      } else if (this.peek('[')) {
        return decline();
      } else {
        return expr;
      }
    }
  }

  private callArguments(callee: string): Expr {
    const args: Expr[] = [];
    const kwargs: Array<[string, Expr]> = [];
    while (!this.take(')')) {
      const t = this.tokens[this.i];
      if (t?.type === 'name' && this.tokens[this.i + 1]?.value === '=' && this.tokens[this.i + 1]?.type === 'op') {
        this.i += 2;
        kwargs.push([t.value, this.or()]);
      } else {
        if (kwargs.length > 0) decline();
        args.push(this.or());
      }
      if (!this.take(',')) {
        this.expect(')');
        break;
      }
    }
    return { kind: 'call', callee, args, kwargs };
  }

  private primary(): Expr {
    const t = this.tokens[this.i++];
    if (!t) return decline();
    if (t.type === 'string') return { kind: 'literal', value: t.value };
    if (t.type === 'number') return { kind: 'literal', value: Number(t.value) };
    if (t.type === 'name') {
      if (t.value in LITERAL_NAMES) return { kind: 'literal', value: LITERAL_NAMES[t.value] };
      if (KEYWORDS.has(t.value)) decline();
      return { kind: 'name', name: t.value };
    }
    if (t.value === '(') {
      const inner = this.or();
      // `(a, b)` is a tuple.
      this.expect(')');
      return inner;
    }
    if (t.value === '[') {
      const items: Expr[] = [];
      while (!this.take(']')) {
        items.push(this.or());
        if (!this.take(',')) {
          this.expect(']');
          break;
        }
      }
      return { kind: 'list', items };
    }
    if (t.value === '{') {
      const entries: Array<[string, Expr]> = [];
      while (!this.take('}')) {
        const key = this.tokens[this.i++];
        if (key?.type !== 'string') decline();
        this.expect(':');
        entries.push([key!.value, this.or()]);
        if (!this.take(',')) {
          this.expect('}');
          break;
        }
      }
      return { kind: 'dict', entries };
    }
    return decline();
  }
}

type Tag = { kind: 'if' | 'elif' | 'else' | 'endif'; condition?: Expr };

/**
 * Splits a template into parts the way nunjucks' lexer and parser do, including whitespace
 * control: `{%-`/`{{-`/`{#-` strip the text before, `-%}`/`-}}`/`-#}` the text after.
 */
function parseTemplate(text: string): Part[] {
  const root: Part[] = [];
  // Open if-blocks: the list being filled, and the if part it belongs to.
  const stack: Array<{ node: Extract<Part, { kind: 'if' }>; body: Part[] }> = [];
  let current = root;
  let i = 0;
  let trimNext = false;
  const pushText = (data: string, trimEnd: boolean) => {
    let value = trimNext ? data.replace(/^\s*/, '') : data;
    if (trimEnd) value = value.replace(/\s*$/, '');
    if (value) current.push(value);
  };
  while (i < text.length) {
    const next = nextTagStart(text, text.indexOf('{', i));
    const dataEnd = next < 0 ? text.length : next;
    const data = text.slice(i, dataEnd);
    // A `#}` outside a comment is an error for nunjucks.
    if (data.includes('#}')) decline();
    if (next < 0) {
      pushText(data, false);
      break;
    }
    const marker = text.slice(next, next + 2);
    const trimBefore = text[next + 2] === '-';
    if (data.length > 0 || trimBefore) pushText(data, trimBefore);
    const codeStart = next + 2 + (trimBefore ? 1 : 0);
    if (marker === '{#') {
      const close = text.indexOf('#}', codeStart);
      if (close < 0) decline();
      trimNext = text[close - 1] === '-';
      i = close + 2;
      continue;
    }
    const { tokens, end, trimAfter } = lexTag(text, codeStart, marker === '{{' ? '}}' : '%}');
    i = end;
    trimNext = trimAfter;
    if (marker === '{{') {
      current.push({ kind: 'output', expr: new ExpressionParser(tokens).parseAll() });
      continue;
    }
    const tag = blockTag(tokens);
    if (tag.kind === 'if') {
      const node: Extract<Part, { kind: 'if' }> = { kind: 'if', branches: [{ condition: tag.condition!, body: [] }], otherwise: [] };
      current.push(node);
      stack.push({ node, body: current });
      current = node.branches[0]!.body;
    } else {
      const open = stack.at(-1) ?? decline();
      if (tag.kind === 'elif') {
        if (current === open.node.otherwise) decline();
        const branch = { condition: tag.condition!, body: [] as Part[] };
        open.node.branches.push(branch);
        current = branch.body;
      } else if (tag.kind === 'else') {
        if (current === open.node.otherwise) decline();
        current = open.node.otherwise;
      } else {
        stack.pop();
        current = open.body;
      }
    }
  }
  if (stack.length > 0) decline();
  return root;
}

/** Where the next `{{`, `{%` or `{#` starts at or after `from` (-1 when none). */
function nextTagStart(text: string, from: number): number {
  for (let at = from; at >= 0 && at < text.length - 1; at = text.indexOf('{', at + 1)) {
    const c = text[at + 1];
    if (c === '{' || c === '%' || c === '#') return at;
  }
  return -1;
}

function blockTag(tokens: Token[]): Tag {
  const [head, ...rest] = tokens;
  if (head?.type !== 'name') return decline();
  switch (head.value) {
    case 'if':
    case 'elif':
    case 'elseif':
      return { kind: head.value === 'if' ? 'if' : 'elif', condition: new ExpressionParser(rest).parseAll() };
    case 'else':
    case 'endif':
      if (rest.length > 0) decline();
      return { kind: head.value };
    default:
      return decline();
  }
}

type Runtime = {
  memberLookup(obj: unknown, key: unknown): unknown;
  suppressValue(value: unknown, autoescape: boolean): unknown;
  makeKeywordArgs(obj: Record<string, unknown>): Record<string, unknown>;
  __pyTruthy(value: unknown): boolean;
};

/** Evaluates templates parsed by `parseTemplate` against a context, as nunjucks would. */
class FastRenderer {
  constructor(
    private readonly runtime: Runtime,
    private readonly context: Record<string, unknown>,
    private readonly globals: Record<string, unknown>,
    private readonly macroNames: ReadonlySet<string>,
  ) {}

  render(parts: Part[]): string {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else if (part.kind === 'output') {
        const value = this.evaluate(part.expr);
        // nunjucks throws for undefined output and prints booleans, lists and dicts the Python way.
        if (value === null || value === undefined || typeof value === 'boolean' || Array.isArray(value) || isDict(value)) decline();
        out += this.runtime.suppressValue(value, false);
      } else {
        const branch = part.branches.find((b) => this.runtime.__pyTruthy(this.evaluate(b.condition)));
        out += this.render(branch ? branch.body : part.otherwise);
      }
    }
    return out;
  }

  private lookup(name: string): unknown {
    // A project macro is imported into the template's frame, which only nunjucks has.
    if (this.macroNames.has(name)) decline();
    const value = name in this.context ? this.context[name] : this.globals[name];
    return value === undefined ? decline() : value;
  }

  private evaluate(expr: Expr): unknown {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'name':
        return this.lookup(expr.name);
      case 'attribute': {
        const target = this.evaluate(expr.target);
        if (target === null || target === undefined) decline();
        const value = this.runtime.memberLookup(target, expr.key);
        return value === undefined || typeof value === 'function' ? decline() : value;
      }
      case 'call': {
        const fn = this.lookup(expr.callee);
        if (typeof fn !== 'function') decline();
        const args = expr.args.map((a) => this.evaluate(a));
        if (expr.kwargs.length > 0) args.push(this.runtime.makeKeywordArgs(Object.fromEntries(expr.kwargs.map(([k, v]) => [k, this.evaluate(v)]))));
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      }
      case 'list':
        return expr.items.map((item) => this.evaluate(item));
      case 'dict':
        return Object.fromEntries(expr.entries.map(([k, v]) => [k, this.evaluate(v)]));
      case 'compare': {
        const left = this.evaluate(expr.left);
        const right = this.evaluate(expr.right);
        const simple = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null;
        if (!simple(left) || !simple(right)) decline();
        // nunjucks compiles `==` to JavaScript's loose equality.
        // eslint-disable-next-line eqeqeq
        return expr.op === '==' ? left == right : left != right;
      }
      case 'not':
        return !this.runtime.__pyTruthy(this.evaluate(expr.operand));
      case 'logical': {
        const left = this.evaluate(expr.left);
        const leftTrue = this.runtime.__pyTruthy(left);
        if (expr.op === 'and') return leftTrue ? this.evaluate(expr.right) : left;
        return leftTrue ? left : this.evaluate(expr.right);
      }
    }
  }
}

/** The fast path of one template environment: its globals and the names of its project macros. */
export class FastTemplates {
  constructor(
    private readonly globals: Record<string, unknown>,
    private readonly macroNames: ReadonlySet<string>,
  ) {}

  /**
   * The parsed template, or null when it is outside the fast path. Not cached: parsing is a
   * fraction of rendering, and a model is rendered once per run.
   */
  parse(text: string): Part[] | null {
    try {
      return parseTemplate(text);
    } catch (error) {
      if (!(error instanceof Decline)) throw error;
      return null;
    }
  }

  /**
   * Renders `text` with `context` the way nunjucks would, or returns undefined when the template
   * or one of its values is outside the fast path (or an error is raised: nunjucks reports it).
   */
  render(text: string, context: Record<string, unknown>): string | undefined {
    const parts = this.parse(text);
    if (!parts) return undefined;
    try {
      return new FastRenderer(nunjucks.runtime as unknown as Runtime, context, this.globals, this.macroNames).render(parts);
    } catch {
      return undefined;
    }
  }
}
