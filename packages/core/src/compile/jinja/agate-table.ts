/**
 * What `run_query()` returns, shaped like the agate table dbt returns: `table.rows` (each row
 * indexable by position and by column name), `table.columns[0].values()`, `table.column_names`.
 * The table itself iterates its rows (`{% for row in run_query(...) %}`).
 */

/** One column of a result: `column.name`, `column.values()`. */
export interface AgateColumn {
  name: string;
  values(): unknown[];
}

/** One row: an array of values with each value also under its column name. */
export type AgateRow = unknown[] & Record<string, unknown>;

/** A query result as templates see it. An array of its rows, plus agate's members. */
export interface AgateTable extends Array<AgateRow> {
  rows: AgateRow[];
  columns: AgateColumn[] & Record<string, AgateColumn>;
  column_names: string[];
  print_table(): string;
}

/**
 * Builds the table from plain row objects (what a Connection's `query` returns). Column names
 * come from the first row, so an empty result has no columns.
 * @example agateTable([{ id: 1 }]).columns[0].values() // [1]
 */
export function agateTable(records: Array<Record<string, unknown>>, columnNames?: string[]): AgateTable {
  const names = columnNames ?? Object.keys(records[0] ?? {});
  const rows = records.map((record) => {
    const row = names.map((n) => record[n]) as AgateRow;
    for (const n of names) row[n] = record[n];
    return row;
  });
  const columns = names.map((name) => ({ name, values: () => records.map((r) => r[name]) })) as AgateTable['columns'];
  for (const column of [...columns]) columns[column.name] = column;
  const table = [...rows] as AgateTable;
  table.rows = rows;
  table.columns = columns;
  table.column_names = names;
  table.print_table = () => '';
  return table;
}
