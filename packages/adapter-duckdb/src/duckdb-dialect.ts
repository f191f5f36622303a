import { translateJsRegex, type DatePart, type Dialect, type LogicalType, type RelationRef } from '@strata/core';

const TYPES: Record<LogicalType, string> = {
  string: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  float: 'DOUBLE',
  numeric: 'DECIMAL(38, 9)',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

/** Interval of one unit of a date part, as DuckDB (and Postgres) write it. */
function interval(part: DatePart): string {
  if (part === 'quarter') return "interval '3 months'";
  if (part === 'week') return "interval '7 days'";
  return `interval '1 ${part}'`;
}

/** DuckDB's SQL: double-quoted identifiers, `try_cast`, `date_diff`, RE2 regular expressions. */
export class DuckDbDialect implements Dialect {
  quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }
  quoteString(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
  }
  renderRelation(relation: RelationRef): string {
    const parts = [relation.database, relation.schema, relation.name].filter((p): p is string => Boolean(p));
    return parts.map((p) => this.quoteIdentifier(p)).join('.');
  }
  typeName(type: LogicalType): string {
    return TYPES[type];
  }
  dateTrunc(part: DatePart, expression: string): string {
    return `cast(date_trunc('${part}', ${expression}) as timestamp)`;
  }
  dateDiff(start: string, end: string, part: DatePart): string {
    return `date_diff('${part}', ${start}, ${end})`;
  }
  dateAdd(part: DatePart, amount: string, expression: string): string {
    return `(${expression} + (${amount}) * ${interval(part)})`;
  }
  safeCast(expression: string, type: string): string {
    return `try_cast(${expression} as ${type})`;
  }
  hash(expression: string): string {
    return `md5(cast(${expression} as varchar))`;
  }
  concat(expressions: string[]): string {
    return `(${expressions.join(' || ')})`;
  }
  regexpMatches(value: string, pattern: string): string {
    return `regexp_matches(${value}, ${pattern})`;
  }
  /** DuckDB's regular expressions are RE2: no lookaround, no backreferences. */
  translateRegex(source: string, flags: string): string {
    return translateJsRegex(source, flags, 're2');
  }
  median(expression: string): string {
    return `median(${expression})`;
  }
  castToString(expression: string): string {
    return `cast(${expression} as varchar)`;
  }
}
