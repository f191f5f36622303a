import { AdapterError, SeedError, SqlMaterializer, temporaryRelation, type MaterializeResult, type RelationRef, type SeedOptions, type TableOptions } from '@strata/core';
import { readCsvHeader } from './read-csv-header.js';

/**
 * DuckDB materializations: the standard temp-table-and-swap from core, and seeds through
 * DuckDB's native CSV reader (typed, streaming, parallel).
 */
export class DuckDbMaterializer extends SqlMaterializer {
  /**
   * DuckDB names the database after its file (`ov.duckdb` → catalog `ov`); a schema with the
   * same name makes every unqualified `ov.x` ambiguous. Say so before building anything.
   */
  async ensureSchema(schema: string): Promise<void> {
    const [row] = await this.connection.query<{ catalog: string }>('select current_database() as catalog');
    if (row && row.catalog.toLowerCase() === schema.toLowerCase()) {
      throw new AdapterError(`schema '${schema}' has the same name as the DuckDB database file, so references to it are ambiguous`, {
        code: 'E_SCHEMA_IS_CATALOG',
        hint: `rename the warehouse file (it is named '${row.catalog}.duckdb') or give the project another schema`,
      });
    }
    await super.ensureSchema(schema);
  }

  async seed(relation: RelationRef, file: string, options: SeedOptions & TableOptions): Promise<MaterializeResult> {
    const delimiter = options.delimiter ?? ',';
    const header = readCsvHeader(file, delimiter);
    if (header.length === 0) throw new SeedError('E_SEED_EMPTY', 'seed file is empty: it needs at least a header row', { file, line: 1 });
    if (options.columns) {
      const declared = options.columns.map((c) => c.name);
      const missing = declared.filter((c) => !header.includes(c));
      const extra = header.filter((c) => !declared.includes(c));
      if (missing.length || extra.length || header.join() !== declared.join()) {
        throw new SeedError(
          'E_SEED_HEADER',
          `seed header does not match its schema${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; unexpected: ${extra.join(', ')}` : ''}${!missing.length && !extra.length ? '; columns are in a different order' : ''}`,
          { file, line: 1, hint: `expected header: ${declared.join(delimiter)}` },
        );
      }
    }
    const q = (s: string) => this.dialect.quoteString(s);
    const columns = options.columns?.every((c) => c.type)
      ? `, columns = {${options.columns.map((c) => `${q(c.name)}: ${q(c.type!)}`).join(', ')}}`
      : options.columns
        ? `, types = {${options.columns.filter((c) => c.type).map((c) => `${q(c.name)}: ${q(c.type!)}`).join(', ')}}`
        : '';
    const csvOptions = `header = true, delim = ${q(delimiter)}, quote = '"', escape = '"', strict_mode = true, null_padding = false`;
    const fixed = 'auto_detect = false';
    const reader = `read_csv(${q(file)}, ${csvOptions}${columns.startsWith(', columns') ? `, ${fixed}` : ''}${columns})`;
    const temporary = temporaryRelation(relation);
    let rows: number;
    try {
      if (!columns) {
        // DuckDB's sniffer can read a ragged file as zero rows instead of failing, so a file
        // without declared types is first read as text with the header's columns: any row with
        // the wrong number of fields fails here, with its line number.
        const asText = `{${header.map((h) => `${q(h)}: 'VARCHAR'`).join(', ')}}`;
        await this.connection.query(`SELECT count(*) AS n FROM read_csv(${q(file)}, ${csvOptions}, ${fixed}, columns = ${asText})`);
      }
      rows = (await this.connection.execute(`CREATE TABLE ${this.dialect.renderRelation(temporary)} AS SELECT * FROM ${reader}`)).rowsAffected;
    } catch (error) {
      const message = error instanceof AdapterError ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : String(error);
      const line = /line:?\s*(\d+)/i.exec(message)?.[1];
      if (/invalid unicode|not utf-8/i.test(message)) {
        throw new SeedError('E_SEED_ENCODING', `seed file is not valid UTF-8${line ? ` (line ${line})` : ''}`, {
          file,
          line: line ? Number(line) : undefined,
          hint: 'save the file as UTF-8, e.g. iconv -f latin1 -t utf-8 in.csv > out.csv; the previous table was kept',
          cause: error,
        });
      }
      // DuckDB's "Possible fixes"/"Possible solutions" suggest relaxing the reader (which would load
      // bad data) or SET commands a Strata user does not run: drop them and say what to do here.
      const reason = message.split(/Possible (?:fixes|solution)/i)[0]!.replace(/\s+/g, ' ').trim().slice(0, 400);
      const outOfMemory = /out of memory/i.test(message);
      throw new SeedError('E_SEED_LOAD', `seed could not be loaded: ${reason}`, {
        file,
        line: outOfMemory || !line ? undefined : Number(line),
        hint: outOfMemory
          ? "the file is fine, DuckDB ran out of memory loading it: raise the target's memoryLimit, or load fewer files at once (--threads); the previous table was kept"
          : 'fix the row named above (column count, delimiter, quoting, or a value that does not fit its declared type); the previous table was kept',
        cause: error,
      });
    }
    await this.verifyAndSwap(relation, temporary, options);
    return { rowsAffected: rows };
  }
}
