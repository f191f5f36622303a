/**
 * Every error Strata raises on purpose is a StrataError: it has a stable code, the file and line
 * the user should open, and (when we can guess it) a hint saying what to do.
 *
 * @example
 *   throw new ParseError('E_UNKNOWN_REF', "ref('stg_order') names no model", { file, line, hint: "did you mean 'stg_orders'?" });
 */
export interface ErrorLocation {
  file?: string;
  line?: number;
  hint?: string;
  cause?: unknown;
}

export class StrataError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;

  constructor(code: string, message: string, location: ErrorLocation = {}) {
    super(message, location.cause === undefined ? undefined : { cause: location.cause });
    this.name = new.target.name;
    this.code = code;
    this.file = location.file;
    this.line = location.line;
    this.hint = location.hint;
  }

  /** `file:line` for messages, or '' when the error has no location. */
  get where(): string {
    if (!this.file) return '';
    return this.line ? `${this.file}:${this.line}` : this.file;
  }

  /** One human-readable block: code, location, message and hint. */
  format(): string {
    const where = this.where ? `${this.where}: ` : '';
    const hint = this.hint ? `\n  hint: ${this.hint}` : '';
    return `${this.code} ${where}${this.message}${hint}`;
  }
}

/** Problems in project files found before anything is compiled (config, schemas, refs, seeds). */
export class ParseError extends StrataError {}
/** Problems rendering a model's Jinja or assembling its SQL. */
export class CompilationError extends StrataError {}
/** `strata.config.ts` or a target is wrong. */
export class ConfigError extends StrataError {}
/** A selector string that cannot be parsed. */
export class SelectorError extends StrataError {}
/** A built relation does not match the columns its schema promises. */
export class ContractError extends StrataError {}
/** A seed file is malformed or does not fit its declared types. */
export class SeedError extends StrataError {}

/** The graph has a cycle; `path` lists its nodes, first repeated at the end. */
export class DependencyCycleError extends StrataError {
  readonly path: string[];
  constructor(path: string[], location: ErrorLocation = {}) {
    super('E_CYCLE', `dependency cycle: ${path.join(' -> ')}`, {
      hint: 'remove one of these ref() calls so that the models form a DAG',
      ...location,
    });
    this.path = path;
  }
}

/** The warehouse rejected a statement. Keeps the SQL that failed and the driver's error. */
export class AdapterError extends StrataError {
  readonly sql?: string;
  /** True for errors worth retrying (lost connection, lock held, rate limit). */
  readonly transient: boolean;
  constructor(message: string, options: ErrorLocation & { sql?: string; transient?: boolean; code?: string } = {}) {
    super(options.code ?? 'E_WAREHOUSE', message, options);
    this.sql = options.sql;
    this.transient = options.transient ?? false;
  }
}

/**
 * The run was stopped from outside (Ctrl-C, SIGTERM, an aborted signal): the node's running
 * statement was cancelled, or the node never started.
 */
export class InterruptedError extends StrataError {
  constructor(reason: string, message = `cancelled: the run was interrupted (${reason})`) {
    super('E_INTERRUPTED', message, { hint: 'run the same command again, or `strata retry` to redo only what did not finish' });
  }
}

/** Personal data (a column tagged `pii`) reaches a model the project's `pii` policy does not allow to hold it. */
export class PiiPolicyError extends StrataError {}

/** Several errors found in one pass (parse and compile report everything at once). */
export class StrataErrors extends StrataError {
  readonly errors: StrataError[];
  constructor(errors: StrataError[]) {
    super(errors[0]?.code ?? 'E_MULTIPLE', `${errors.length} error(s):\n${errors.map((e) => '  ' + e.format()).join('\n')}`);
    this.errors = errors;
  }
}

/** Throws all collected errors as one when there are any. */
export function throwIfAny(errors: StrataError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new StrataErrors(errors);
}
