import type { Connection } from '@strata/core';

/** How two tables differ as multisets of rows. Both `only*` zero means they are equal. */
export interface TableDifference {
  rowsA: number;
  rowsB: number;
  /** Rows of A not in B, duplicates counted (EXCEPT ALL). */
  onlyInA: number;
  /** Rows of B not in A, duplicates counted. */
  onlyInB: number;
}

/**
 * One query comparing two relations row for row, as multisets: row counts and EXCEPT ALL both
 * ways (so a duplicated row, or one row swapped for another, shows).
 * @example tableDifferenceSql('bench_incremental.fct_streams', 'streaming_marts.fct_streams')
 */
export function tableDifferenceSql(a: string, b: string): string {
  return [
    'select',
    `  (select count(*) from ${a}) as rows_a,`,
    `  (select count(*) from ${b}) as rows_b,`,
    `  (select count(*) from (select * from ${a} except all select * from ${b})) as only_in_a,`,
    `  (select count(*) from (select * from ${b} except all select * from ${a})) as only_in_b`,
  ].join('\n');
}

/**
 * Compares two relations on a connection (see tableDifferenceSql).
 * @example await tableDifference(connection, 'snapshot.t', 'marts.t') // { rowsA: 3, rowsB: 3, onlyInA: 0, onlyInB: 0 }
 */
export async function tableDifference(connection: Connection, a: string, b: string): Promise<TableDifference> {
  const [row] = await connection.query<Record<string, unknown>>(tableDifferenceSql(a, b));
  return { rowsA: Number(row!.rows_a), rowsB: Number(row!.rows_b), onlyInA: Number(row!.only_in_a), onlyInB: Number(row!.only_in_b) };
}

/**
 * True when the two relations hold the same rows.
 * @example isSame({ rowsA: 3, rowsB: 3, onlyInA: 0, onlyInB: 0 }) // true
 */
export function isSame(difference: TableDifference): boolean {
  return difference.onlyInA === 0 && difference.onlyInB === 0 && difference.rowsA === difference.rowsB;
}
