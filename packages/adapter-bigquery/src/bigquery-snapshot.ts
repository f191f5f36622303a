import { ConfigError, type RelationRef, type SnapshotOptions } from '@strata/core';
import type { BigQueryDialect } from './bigquery-dialect.js';

/**
 * SCD type-2 snapshot SQL in GoogleSQL, the same design as core's: the first run builds every
 * row as its current version; later runs insert new versions, close the ones they replace and,
 * when asked, close versions of rows gone from the source — in one transaction.
 */
export class BigQuerySnapshotSql {
  private readonly q: (name: string) => string;
  /** The run's clock as a TIMESTAMP literal (UTC). */
  readonly now: string;

  constructor(
    private readonly dialect: BigQueryDialect,
    private readonly options: SnapshotOptions,
  ) {
    this.q = (name) => dialect.quoteIdentifier(name);
    this.now = `TIMESTAMP ${dialect.quoteString(options.snapshotTime.toISOString().replace('T', ' ').replace('Z', ''))}`;
  }

  /** When a version starts: the row's `updated_at` (timestamp strategy) or the run's clock (check). */
  validFrom(alias: string): string {
    return this.options.strategy === 'timestamp' ? `CAST(${alias}.${this.q(this.options.updatedAt!)} AS TIMESTAMP)` : this.now;
  }

  keyMatch(left: string, right: string): string {
    return this.options.uniqueKey.map((k) => `${left}.${this.q(k)} = ${right}.${this.q(k)}`).join(' AND ');
  }

  /** True when source row `s` is a newer version than current row `t` (never NULL). */
  changed(sourceColumns: string[]): string {
    if (this.options.strategy === 'timestamp') return `COALESCE(${this.validFrom('s')} > t.${this.q(this.options.columnNames.validFrom)}, FALSE)`;
    const keys = new Set(this.options.uniqueKey.map((k) => k.toLowerCase()));
    const cols = this.options.checkCols === 'all' || this.options.checkCols === undefined ? sourceColumns.filter((c) => !keys.has(c.toLowerCase())) : this.options.checkCols;
    if (cols.length === 0) return 'FALSE';
    return `(${cols.map((c) => `s.${this.q(c)} IS DISTINCT FROM t.${this.q(c)}`).join(' OR ')})`;
  }

  /** A version's id: md5 of its key and start. */
  scdId(alias: string): string {
    const parts = [...this.options.uniqueKey.map((k) => `${alias}.${this.q(k)}`), this.validFrom(alias)].map((p) => `COALESCE(${this.dialect.castToString(p)}, '')`);
    return this.dialect.hash(this.dialect.concat(parts.flatMap((p, i) => (i === 0 ? [p] : ["'|'", p]))));
  }

  /** The first build: every staged row as its current version. */
  initial(staged: RelationRef): string {
    const n = this.options.columnNames;
    return [
      `SELECT s.*, ${this.validFrom('s')} AS ${this.q(n.validFrom)}, CAST(NULL AS TIMESTAMP) AS ${this.q(n.validTo)},`,
      `  TRUE AS ${this.q(n.isCurrent)}, ${this.scdId('s')} AS ${this.q(n.scdId)}`,
      `FROM ${this.dialect.renderRelation(staged)} AS s`,
    ].join('\n');
  }

  /** The statements of a later run, in order; run them in one transaction. */
  update(target: RelationRef, staged: RelationRef, columns: string[]): string[] {
    const n = this.options.columnNames;
    const table = this.dialect.renderRelation(target);
    const source = this.dialect.renderRelation(staged);
    const list = columns.map((c) => this.q(c));
    const statements = [
      [
        `INSERT INTO ${table} (${[...list, this.q(n.validFrom), this.q(n.validTo), this.q(n.isCurrent), this.q(n.scdId)].join(', ')})`,
        `SELECT ${[...list.map((c) => `s.${c}`), this.validFrom('s'), 'CAST(NULL AS TIMESTAMP)', 'TRUE', this.scdId('s')].join(', ')}`,
        `FROM ${source} AS s`,
        `WHERE NOT EXISTS (SELECT 1 FROM ${table} AS t WHERE t.${this.q(n.isCurrent)} AND ${this.keyMatch('t', 's')} AND NOT ${this.changed(columns)})`,
      ].join('\n'),
      [
        `UPDATE ${table} AS t SET ${this.q(n.validTo)} = ${this.options.strategy === 'timestamp' ? this.validFrom('s') : this.now}, ${this.q(n.isCurrent)} = FALSE`,
        `FROM ${source} AS s`,
        `WHERE t.${this.q(n.isCurrent)} AND ${this.keyMatch('t', 's')} AND ${this.changed(columns)}`,
      ].join('\n'),
    ];
    if (this.options.invalidateHardDeletes) {
      statements.push(
        [
          `UPDATE ${table} AS t SET ${this.q(n.validTo)} = ${this.now}, ${this.q(n.isCurrent)} = FALSE`,
          `WHERE t.${this.q(n.isCurrent)} AND NOT EXISTS (SELECT 1 FROM ${source} AS s WHERE ${this.keyMatch('s', 't')})`,
        ].join('\n'),
      );
    }
    return statements;
  }

  /** The key, `updated_at` and check columns must come from the query; the meta columns must not. */
  requireColumns(columns: string[]): void {
    const o = this.options;
    const have = new Set(columns.map((c) => c.toLowerCase()));
    const wanted = [...o.uniqueKey, ...(o.strategy === 'timestamp' ? [o.updatedAt!] : []), ...(Array.isArray(o.checkCols) ? o.checkCols : [])];
    const missing = wanted.filter((c) => !have.has(c.toLowerCase()));
    if (missing.length > 0) {
      throw new ConfigError('E_SNAPSHOT_COLUMNS', `snapshot ${o.model ?? ''} names columns its query does not return: ${missing.join(', ')}`.replace('  ', ' '), { file: o.file, hint: `the query returns: ${columns.join(', ')}` });
    }
    const clash = Object.values(o.columnNames).filter((c) => have.has(c.toLowerCase()));
    if (clash.length > 0) {
      throw new ConfigError('E_SNAPSHOT_COLUMNS', `snapshot ${o.model ?? ''} query already has column(s) ${clash.join(', ')}, which the snapshot adds`.replace('  ', ' '), {
        file: o.file,
        hint: "rename them in the query, or pick other names with snapshot_meta_column_names={'valid_from': '...'}",
      });
    }
  }
}
