import nunjucks from 'nunjucks';
import { callPythonMethod } from './python-methods.js';
import { isDict, isStringLike, percentFormat, pyRepr, truthy } from './python-values.js';

/**
 * Jinja (Python) semantics for nunjucks, which otherwise evaluates expressions as JavaScript.
 * dbt macros rely on them, and the JavaScript reading is silently wrong SQL, not an error:
 *
 * - truthiness: `{% if columns %}` is false for an empty list or dict (`if`, inline `if`, `not`,
 *   `and`/`or`, which return one of their operands as in Python);
 * - tuples: `('a', 'b')` is a list, not JavaScript's comma operator;
 * - `+` concatenates lists, `%` formats strings, `*` repeats strings;
 * - `for x in dict` iterates the keys, and `{% set a, b = pair %}` unpacks;
 * - `{{ return(value) }}` ends the macro it runs in, which then returns `value` (dbt's idiom);
 * - methods of Python's str, list and dict (`.upper()`, `.split()`, `.items()`, …), see python-methods.ts;
 * - printing a list or dict shows Python's repr, and booleans print as `True`/`False`;
 * - trailing commas in calls, lists and dicts are allowed.
 *
 * Constructs nunjucks would misread are compile errors instead: loop filters
 * (`for x in xs if c`) and attribute assignment (`{% set ns.x = 1 %}`).
 *
 * The patches are installed once per process, on nunjucks' shared compiler and runtime, after
 * `installJinjaCompat()` (slices, `True`/`False`/`None`).
 */

/** Thrown by `{{ return(value) }}` and caught by the macro running it. */
export class MacroReturn extends Error {
  constructor(readonly value: unknown) {
    super('return() outside a macro');
  }
}

interface CompilerLike {
  codebuf: string[];
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  compile(node: unknown, frame: unknown): void;
  _compileExpression(node: unknown, frame: unknown): void;
  fail(message: string, lineno?: number, colno?: number): never;
}

type TokenLike = { type: string; value: string };
type ParserLike = {
  tokens: { nextToken(): TokenLike | null };
  buffered?: Array<TokenLike | null>;
  peekToken(): TokenLike | null;
  pushToken(token: TokenLike | null): void;
  nextToken(withWhitespace?: boolean): TokenLike | null;
};
type NodeLike = { typename: string; lineno: number; colno: number; [k: string]: unknown };
type Proto = Record<string, (this: CompilerLike, node: NodeLike, frame: unknown, ...rest: unknown[]) => unknown>;

let installed = false;

/** Installs the Python semantics described above (idempotent). */
export function installPythonSemantics(): void {
  if (installed) return;
  installed = true;
  const nj = nunjucks as unknown as {
    installJinjaCompat(): void;
    runtime: Record<string, unknown>;
    compiler: { Compiler: { prototype: Proto } };
    nodes: Record<string, new (...args: unknown[]) => NodeLike>;
    lib: { TemplateError: new (message: string, lineno: number, colno: number) => Error };
    parser: { Parser: { prototype: ParserLike } };
    lexer: Record<string, string>;
  };
  const runtime = nj.runtime;
  const plainLookup = runtime.memberLookup as (obj: unknown, key: unknown) => unknown;
  nj.installJinjaCompat();
  const proto = nj.compiler.Compiler.prototype;
  const nodes = nj.nodes;

  runtime.__MacroReturn = MacroReturn;
  runtime.__pyTruthy = truthy;
  runtime.__pyOr = (left: unknown, right: () => unknown) => (truthy(left) ? left : right());
  runtime.__pyAnd = (left: unknown, right: () => unknown) => (truthy(left) ? right() : left);
  // Objects with Python's operator methods (datetimes, timedeltas) handle `+` and `-` themselves.
  const dunder = (value: unknown, name: string): ((other: unknown) => unknown) | undefined => {
    const fn = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
    return typeof fn === 'function' ? (fn as (other: unknown) => unknown).bind(value) : undefined;
  };
  runtime.__pyAdd = (a: unknown, b: unknown) => {
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    const left = dunder(a, '__add__');
    if (left) return left(b);
    // Adding a date to a timedelta commutes.
    const right = dunder(b, '__add__');
    return right ? right(a) : (a as number) + (b as number);
  };
  runtime.__pySub = (a: unknown, b: unknown) => {
    const sub = dunder(a, '__sub__');
    return sub ? sub(b) : (a as number) - (b as number);
  };
  runtime.__pyMod = (a: unknown, b: unknown) => (isStringLike(a) ? percentFormat(String(a), b) : (a as number) % (b as number));
  runtime.__pyMul = (a: unknown, b: unknown) => (isStringLike(a) && typeof b === 'number' ? String(a).repeat(b) : Array.isArray(a) && typeof b === 'number' ? Array.from({ length: b }, () => a).flat() : (a as number) * (b as number));
  runtime.__pyIter = (value: unknown) => (isDict(value) ? Object.keys(value) : value);
  runtime.__pyUnpack = (value: unknown, count: number) => {
    const list = isStringLike(value) ? [...String(value)] : Array.isArray(value) ? value : isDict(value) ? Object.keys(value) : undefined;
    if (!list || list.length !== count) throw new Error(`cannot unpack ${pyRepr(value)} into ${count} names`);
    return list;
  };

  const suppressValue = runtime.suppressValue as (value: unknown, autoescape: boolean) => unknown;
  runtime.suppressValue = (value: unknown, autoescape: boolean) => {
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (Array.isArray(value) || isDict(value)) return pyRepr(value);
    return suppressValue(value, autoescape);
  };

  // Member lookup: Python's methods of str/list/dict first, then the value itself. jinja-compat's
  // lookup is kept for slices only (its dict methods shadow keys such as `d['values']`).
  const sliceLookup = runtime.memberLookup as (...args: unknown[]) => unknown;
  runtime.memberLookup = function lookup(this: unknown, obj: unknown, key: unknown, ...rest: unknown[]) {
    if (rest.length === 2) return sliceLookup.call(this, obj, key, ...rest);
    if (typeof key === 'string') {
      const method = callPythonMethod(obj, key);
      if (method) return method;
    }
    const value = plainLookup(obj, key);
    // nunjucks binds a member function in a fresh wrapper; keep the members of callable
    // objects (`modules.datetime.datetime.now`, `config.get`).
    if (typeof value === 'function' && obj !== null && obj !== undefined) {
      const own = (obj as Record<string, unknown>)[key as string] as object;
      if (Object.keys(own).length > 0) Object.assign(value, own);
    }
    return value;
  };
  // Python allows a trailing comma in calls, lists and dicts (`config(a=1,)`, `['x', 'y',]`):
  // the parser drops a comma that a closing bracket follows.
  // That needs a look past the comma, so the parser's one-token `peeked` becomes a buffer.
  installTrailingCommas(nj.parser.Parser.prototype, nj.lexer);
  const failAt = (node: NodeLike, message: string): never => {
    throw new nj.lib.TemplateError(message, node.lineno, node.colno);
  };

  const emitCall = (c: CompilerLike, helper: string, node: NodeLike, frame: unknown, lazyRight: boolean): void => {
    c._emit(`runtime.${helper}(`);
    c.compile(node.left, frame);
    c._emit(lazyRight ? ', function() { return ' : ', ');
    c.compile(node.right, frame);
    c._emit(lazyRight ? '; })' : ')');
  };
  proto.compileOr = function (node, frame) {
    emitCall(this, '__pyOr', node, frame, true);
  };
  proto.compileAnd = function (node, frame) {
    emitCall(this, '__pyAnd', node, frame, true);
  };
  proto.compileAdd = function (node, frame) {
    emitCall(this, '__pyAdd', node, frame, false);
  };
  proto.compileSub = function (node, frame) {
    emitCall(this, '__pySub', node, frame, false);
  };
  proto.compileMod = function (node, frame) {
    emitCall(this, '__pyMod', node, frame, false);
  };
  proto.compileMul = function (node, frame) {
    emitCall(this, '__pyMul', node, frame, false);
  };
  proto.compileNot = function (node, frame) {
    this._emit('!runtime.__pyTruthy(');
    this.compile(node.target, frame);
    this._emit(')');
  };

  // Conditions are wrapped in a call to the truthiness helper (a node the original compilers
  // emit as an ordinary expression), so their own code paths stay untouched.
  const truthyCall = (cond: NodeLike): NodeLike => new nodes.FunCall!(cond.lineno, cond.colno, new nodes.Symbol!(cond.lineno, cond.colno, '__py_truthy'), new nodes.NodeList!(cond.lineno, cond.colno, [cond]));
  const compileIf = proto.compileIf!;
  proto.compileIf = function (node, frame, ...rest) {
    return compileIf.call(this, { ...node, cond: truthyCall(node.cond as NodeLike) } as NodeLike, frame, ...rest);
  };
  const compileInlineIf = proto.compileInlineIf!;
  proto.compileInlineIf = function (node, frame) {
    return compileInlineIf.call(this, Object.assign(Object.create(Object.getPrototypeOf(node)), node, { cond: truthyCall(node.cond as NodeLike) }), frame);
  };

  const compileGroup = proto.compileGroup!;
  proto.compileGroup = function (node, frame) {
    const children = node.children as NodeLike[];
    if (children.length > 1) return this.compile(new nodes.Array!(node.lineno, node.colno, children), frame);
    return compileGroup.call(this, node, frame);
  };

  const compileFor = proto.compileFor!;
  proto.compileFor = function (node, frame) {
    const arr = node.arr as NodeLike;
    if (arr.typename === 'InlineIf' && arr.else_ === null) {
      failAt(node, 'loop filters (`for x in items if condition`) are not supported: put an {% if %} inside the loop, or filter with |select/|selectattr first');
    }
    if (node.name && (node.name as NodeLike).typename === 'Symbol') {
      const wrapped = new nodes.FunCall!(arr.lineno, arr.colno, new nodes.Symbol!(arr.lineno, arr.colno, '__py_iter'), new nodes.NodeList!(arr.lineno, arr.colno, [arr]));
      return compileFor.call(this, Object.assign(Object.create(Object.getPrototypeOf(node)), node, { arr: wrapped }), frame);
    }
    return compileFor.call(this, node, frame);
  };

  const compileSet = proto.compileSet!;
  proto.compileSet = function (node, frame) {
    const targets = node.targets as NodeLike[];
    for (const target of targets) {
      if (target.typename !== 'Symbol') failAt(node, 'assigning to an attribute or item (`{% set ns.x = … %}`, namespace()) is not supported: use a dict and {% do d.update({...}) %}');
    }
    if (targets.length < 2 || !node.value) return compileSet.call(this, node, frame);
    // `{% set a, b = pair %}` unpacks, as in Python.
    const value = node.value as NodeLike;
    const list = new nodes.FunCall!(value.lineno, value.colno, new nodes.Symbol!(value.lineno, value.colno, '__py_unpack'), new nodes.NodeList!(value.lineno, value.colno, [value, new nodes.Literal!(value.lineno, value.colno, targets.length)]));
    const holder = `__unpack_${Math.random().toString(36).slice(2, 8)}`;
    compileSet.call(this, Object.assign(Object.create(Object.getPrototypeOf(node)), node, { targets: [new nodes.Symbol!(node.lineno, node.colno, holder)], value: list }), frame);
    targets.forEach((target, i) => {
      const item = new nodes.LookupVal!(value.lineno, value.colno, new nodes.Symbol!(value.lineno, value.colno, holder), new nodes.Literal!(value.lineno, value.colno, i));
      compileSet.call(this, Object.assign(Object.create(Object.getPrototypeOf(node)), node, { targets: [target], value: item }), frame);
    });
    return undefined;
  };

  // A macro's body runs inside try/catch so `{{ return(x) }}` can end it with a value; the
  // frame it replaced is restored either way (nunjucks keeps it in a closure variable).
  const compileMacro = proto._compileMacro!;
  proto._compileMacro = function (node, frame) {
    const start = this.codebuf.length;
    const id = compileMacro.call(this, node, frame);
    const buf = this.codebuf;
    const open = buf.indexOf('var callerFrame = frame;\n', start);
    const end = buf.length - 3;
    if (open < 0 || !buf[end]!.startsWith('frame = ') || !buf[end + 1]!.startsWith('return new runtime.SafeString(') || buf[end + 2] !== '});\n') {
      throw new Error('unexpected nunjucks macro code: the return() support needs nunjucks 3.2');
    }
    buf[open] = 'var callerFrame = frame;\ntry {\n';
    buf[end + 1] = `${buf[end + 1]}} catch (e) { frame = callerFrame; if (e instanceof runtime.__MacroReturn) { return e.value; } throw e; }\n`;
    return id;
  };
}

/** Globals the patched compiler emits calls to. */
export const PYTHON_GLOBALS: Record<string, (...args: never[]) => unknown> = {
  __py_truthy: truthy as (...args: never[]) => unknown,
  __py_iter: ((value: unknown) => (isDict(value) ? Object.keys(value) : value)) as (...args: never[]) => unknown,
  __py_unpack: ((value: unknown, count: number) => (nunjucks.runtime as unknown as { __pyUnpack: (v: unknown, n: number) => unknown[] }).__pyUnpack(value, count)) as (...args: never[]) => unknown,
  return: ((value: unknown) => {
    throw new MacroReturn(value);
  }) as (...args: never[]) => unknown,
};

/** Replaces the parser's token reading with a buffered one that drops a comma before `)`, `]` or `}`. */
function installTrailingCommas(parser: ParserLike, lexer: Record<string, string>): void {
  const WHITESPACE = lexer.TOKEN_WHITESPACE;
  const closers = new Set([lexer.TOKEN_RIGHT_PAREN, lexer.TOKEN_RIGHT_BRACKET, lexer.TOKEN_RIGHT_CURLY]);
  const read = (p: ParserLike): TokenLike | null => ((p.buffered ??= []).length > 0 ? p.buffered.shift()! : p.tokens.nextToken());
  // nunjucks (and jinja-compat's slice parsing) set `peeked` to reset the lookahead.
  Object.defineProperty(parser, 'peeked', {
    configurable: true,
    get(this: ParserLike) {
      return this.buffered?.[0] ?? null;
    },
    set(this: ParserLike, token: TokenLike | null) {
      this.buffered = token ? [token] : [];
    },
  });
  parser.nextToken = function (this: ParserLike, withWhitespace?: boolean) {
    let token = read(this);
    while (!withWhitespace && token?.type === WHITESPACE) token = read(this);
    if (token?.type !== lexer.TOKEN_COMMA) return token;
    const skipped: Array<TokenLike | null> = [];
    let next = read(this);
    while (next?.type === WHITESPACE) {
      skipped.push(next);
      next = read(this);
    }
    this.buffered!.unshift(...skipped, next);
    return next && closers.has(next.type) ? this.nextToken(withWhitespace) : token;
  };
  parser.peekToken = function (this: ParserLike) {
    const token = this.nextToken();
    (this.buffered ??= []).unshift(token);
    return token;
  };
  parser.pushToken = function (this: ParserLike, token: TokenLike | null) {
    (this.buffered ??= []).unshift(token);
  };
}
