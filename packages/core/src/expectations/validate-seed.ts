import { SeedError } from '../errors/strata-error.js';
import type { ColumnSpec, SeedNode } from '../parse/manifest.js';
import type { CollectedCheck } from './collect-checks.js';
import { csvRecords } from './csv-records.js';
import { checkValue, FieldProblem, parseField, ROW_LOCAL_CHECKS } from './row-evaluator.js';

/** Bad lines listed in a seed error; the rest are counted. */
const LISTED = 20;

/**
 * The checks every line of a seed must pass on load: its schema's row-local checks that are
 * errors without tolerance (`mostly` below 1, `where` and `warn` are left to the tests).
 */
export function seedValidationChecks(checks: CollectedCheck[]): Array<{ name: string; check: CollectedCheck['check'] }> {
  return checks
    .filter((c) => ROW_LOCAL_CHECKS.has(c.check.kind) && c.options.severity === 'error' && c.options.mostly >= 1 && !c.options.where)
    .map(({ name, check }) => ({ name, check }));
}

/** One line of a seed that breaks its schema. */
export interface SeedProblem {
  line: number;
  column: string;
  message: string;
  check?: string;
}

/**
 * Reads a seed file against its schema: every value must parse as its column's type and pass
 * the row-local checks. Returns the problems (all counted, the first 20 detailed).
 */
export async function findSeedProblems(file: string, delimiter: string, columns: ColumnSpec[], checks: SeedNode['validation'] = []): Promise<{ problems: SeedProblem[]; badLines: number }> {
  const problems: SeedProblem[] = [];
  let badLines = 0;
  let header: string[] | undefined;
  let specs: Array<{ index: number; column: ColumnSpec; checks: NonNullable<SeedNode['validation']> }> = [];
  for await (const batch of csvRecords(file, delimiter)) for (const { line, fields } of batch) {
    if (!header) {
      header = fields.map((f) => f.trim());
      specs = columns
        .map((column) => ({ index: header!.indexOf(column.name), column, checks: checks.filter((c) => 'column' in c.check && c.check.column === column.name) }))
        .filter((s) => s.index >= 0);
      continue;
    }
    let bad = false;
    for (const { index, column, checks: own } of specs) {
      const value = parseField(fields[index] ?? '', column.type);
      let found: SeedProblem[] | undefined;
      if (value instanceof FieldProblem) found = [{ line, column: column.name, message: value.message }];
      else for (const { name, check } of own) {
        const why = checkValue(check, value);
        if (why) (found ??= []).push({ line, column: column.name, message: why, check: name });
      }
      if (found) {
        bad = true;
        if (problems.length < LISTED) problems.push(...found.slice(0, LISTED - problems.length));
      }
    }
    if (bad) badLines++;
  }
  return { problems, badLines };
}

/**
 * Validates a seed before it is loaded; throws a SeedError listing the bad lines (the previous
 * table stays). Does nothing for a seed without a schema.
 */
export async function validateSeed(node: SeedNode): Promise<void> {
  if (!node.file || node.columns.length === 0) return;
  const { problems, badLines } = await findSeedProblems(node.file, node.delimiter, node.columns, node.validation);
  if (badLines === 0) return;
  const listed = problems.map((p) => `  line ${p.line}: ${p.column} ${p.message}${p.check ? ` (${p.check})` : ''}`);
  const more = badLines > new Set(problems.map((p) => p.line)).size ? `\n  … and more: ${badLines} bad lines in all` : '';
  throw new SeedError('E_SEED_INVALID', `seed '${node.name}' has ${badLines} line${badLines === 1 ? '' : 's'} that break${badLines === 1 ? 's' : ''} its schema:\n${listed.join('\n')}${more}`, {
    file: node.file,
    line: problems[0]?.line,
    hint: 'fix these lines, or relax the column in the schema (nullable(), a wider type, mostly); the previous table was kept',
  });
}
