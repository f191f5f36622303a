import type { Dialect } from '../../adapter/dialect.js';
import type { SnapshotOptions } from '../../adapter/materializer.js';
import type { RelationRef } from '../../adapter/relation.js';

/** A timestamp literal for the snapshot clock, in UTC without a zone (how Strata stores times). */
export function timestampLiteral(dialect: Dialect, time: Date): string {
  return `cast(${dialect.quoteString(time.toISOString().replace('T', ' ').replace('Z', ''))} as ${dialect.typeName('timestamp')})`;
}

/** SQL pieces shared by the snapshot statements. */
export class SnapshotSql {
  private readonly q: (name: string) => string;
  readonly now: string;

  constructor(
    private readonly dialect: Dialect,
    private readonly options: SnapshotOptions,
  ) {
    this.q = (name) => dialect.quoteIdentifier(name);
    this.now = timestampLiteral(dialect, options.snapshotTime);
  }

  /** When a source row's version starts: its `updated_at` (timestamp) or the run's clock (check). */
  validFrom(alias: string): string {
    if (this.options.strategy === 'timestamp') return `cast(${alias}.${this.q(this.options.updatedAt!)} as ${this.dialect.typeName('timestamp')})`;
    return this.now;
  }

  /** Key equality between two aliases. */
  keyMatch(left: string, right: string): string {
    return this.options.uniqueKey.map((k) => `${left}.${this.q(k)} = ${right}.${this.q(k)}`).join(' and ');
  }

  /** True when source row `s` is a newer version than current row `t` (never NULL). */
  changed(sourceColumns: string[]): string {
    if (this.options.strategy === 'timestamp') return `coalesce(${this.validFrom('s')} > t.${this.q(this.options.columnNames.validFrom)}, false)`;
    const keys = new Set(this.options.uniqueKey.map((k) => k.toLowerCase()));
    const cols = this.options.checkCols === 'all' || this.options.checkCols === undefined ? sourceColumns.filter((c) => !keys.has(c.toLowerCase())) : this.options.checkCols;
    if (cols.length === 0) return 'false';
    return `(${cols.map((c) => `s.${this.q(c)} is distinct from t.${this.q(c)}`).join(' or ')})`;
  }

  /** The row id of a version: hash of the key and the version's start. */
  scdId(alias: string): string {
    const parts = [...this.options.uniqueKey.map((k) => this.dialect.castToString(`${alias}.${this.q(k)}`)), this.dialect.castToString(this.validFrom(alias))];
    return this.dialect.hash(this.dialect.concat(parts.map((p) => `coalesce(${p}, '')`).flatMap((p, i) => (i === 0 ? [p] : ["'|'", p]))));
  }

  /** The first build: every source row as its current version. */
  initial(sql: string): string {
    const n = this.options.columnNames;
    return [
      `SELECT s.*, ${this.validFrom('s')} AS ${this.q(n.validFrom)}, cast(NULL AS ${this.dialect.typeName('timestamp')}) AS ${this.q(n.validTo)},`,
      `  true AS ${this.q(n.isCurrent)}, ${this.scdId('s')} AS ${this.q(n.scdId)}`,
      `FROM (\n${sql}\n) AS s`,
    ].join('\n');
  }

  /**
   * Statements of a later run, in order: insert new versions (new keys, changed rows), close the
   * versions they replace, and close versions of deleted rows when asked.
   */
  update(target: RelationRef, staged: RelationRef, columns: string[]): string[] {
    const n = this.options.columnNames;
    const table = this.dialect.renderRelation(target);
    const source = this.dialect.renderRelation(staged);
    const list = columns.map((c) => this.q(c));
    const statements = [
      [
        `INSERT INTO ${table} (${[...list, this.q(n.validFrom), this.q(n.validTo), this.q(n.isCurrent), this.q(n.scdId)].join(', ')})`,
        `SELECT ${[...list.map((c) => `s.${c}`), this.validFrom('s'), `cast(NULL AS ${this.dialect.typeName('timestamp')})`, 'true', this.scdId('s')].join(', ')}`,
        `FROM ${source} AS s`,
        `WHERE NOT EXISTS (SELECT 1 FROM ${table} AS t WHERE t.${this.q(n.isCurrent)} AND ${this.keyMatch('t', 's')} AND NOT ${this.changed(columns)})`,
      ].join('\n'),
      [
        `UPDATE ${table} AS t SET ${this.q(n.validTo)} = ${this.options.strategy === 'timestamp' ? this.validFrom('s') : this.now}, ${this.q(n.isCurrent)} = false`,
        `FROM ${source} AS s`,
        `WHERE t.${this.q(n.isCurrent)} AND ${this.keyMatch('t', 's')} AND ${this.changed(columns)}`,
      ].join('\n'),
    ];
    if (this.options.invalidateHardDeletes) {
      statements.push(
        [
          `UPDATE ${table} AS t SET ${this.q(n.validTo)} = ${this.now}, ${this.q(n.isCurrent)} = false`,
          `WHERE t.${this.q(n.isCurrent)} AND NOT EXISTS (SELECT 1 FROM ${source} AS s WHERE ${this.keyMatch('s', 't')})`,
        ].join('\n'),
      );
    }
    return statements;
  }
}
