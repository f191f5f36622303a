import type { Dialect } from '../../adapter/dialect.js';
import { splitKwargs } from './python-values.js';

/**
 * A relation as templates see it (dbt's `Relation`): `{{ this }}` and `{{ ref('x') }}` print
 * its quoted name, and macros read its parts — `this.schema`, `ref('x').identifier`,
 * `.include(schema=false)`, `.is_table`.
 */
export class JinjaRelation {
  readonly name: string;
  /** Whether `render()` includes each part (dbt's `include_policy`). */
  private readonly policy: { database: boolean; schema: boolean; identifier: boolean };

  constructor(
    private readonly dialect: Dialect,
    readonly database: string | null,
    readonly schema: string | null,
    readonly identifier: string,
    readonly type: 'table' | 'view' | 'cte' | null = null,
    /** Text printed instead of the quoted parts (an ephemeral model's CTE name). */
    private readonly literal?: string,
    policy?: { database: boolean; schema: boolean; identifier: boolean },
  ) {
    this.name = identifier;
    this.policy = policy ?? { database: false, schema: true, identifier: true };
  }

  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return this.type === 'cte';
  }
  get table(): string {
    return this.identifier;
  }

  /** The quoted, dotted name. */
  render(): string {
    if (this.literal !== undefined) return this.literal;
    const parts: string[] = [];
    if (this.policy.database && this.database) parts.push(this.dialect.quoteIdentifier(this.database));
    if (this.policy.schema && this.schema) parts.push(this.dialect.quoteIdentifier(this.schema));
    if (this.policy.identifier) parts.push(this.dialect.quoteIdentifier(this.identifier));
    return parts.join('.');
  }

  /** A copy printing only some parts: `this.include(database=false)`. */
  include(...args: unknown[]): JinjaRelation {
    const { kwargs } = splitKwargs(args);
    const policy = { ...this.policy };
    for (const key of ['database', 'schema', 'identifier'] as const) if (kwargs[key] !== undefined) policy[key] = Boolean(kwargs[key]);
    return new JinjaRelation(this.dialect, this.database, this.schema, this.identifier, this.type, this.literal, policy);
  }

  /** A copy with other parts: `this.incorporate(path={'identifier': 'x'}, type='table')`. */
  incorporate(...args: unknown[]): JinjaRelation {
    const { kwargs } = splitKwargs(args);
    const path = (kwargs.path ?? {}) as Record<string, string>;
    return new JinjaRelation(this.dialect, path.database ?? this.database, path.schema ?? this.schema, path.identifier ?? this.identifier, (kwargs.type as JinjaRelation['type']) ?? this.type, undefined, this.policy);
  }

  /** The `(schema, identifier)` as dbt's `without_identifier()` and friends would need them. */
  without_identifier(): JinjaRelation {
    return new JinjaRelation(this.dialect, this.database, this.schema, '', this.type, undefined, { ...this.policy, identifier: false });
  }

  toString(): string {
    return this.render();
  }
}

/** `api.Relation.create(database=…, schema=…, identifier=…, type=…)`. */
export function relationApi(dialect: Dialect): { Relation: { create: (...args: unknown[]) => JinjaRelation } } {
  return {
    Relation: {
      create: (...args: unknown[]) => {
        const { positional, kwargs } = splitKwargs(args);
        const [database, schema, identifier, type] = positional as Array<string | undefined>;
        return new JinjaRelation(dialect, (kwargs.database as string) ?? database ?? null, (kwargs.schema as string) ?? schema ?? null, String(kwargs.identifier ?? identifier ?? ''), ((kwargs.type as string) ?? type ?? null) as JinjaRelation['type']);
      },
    },
  };
}
