import type { Connection } from '../adapter/connection.js';
import type { Adapter } from '../adapter/adapter.js';
import { ContractError } from '../errors/strata-error.js';
import { lineInFile } from '../load/line-in-file.js';
import type { ManifestNode } from '../parse/manifest.js';

/**
 * When a relation's checks could not run, tells whether that is because its schema names
 * columns the relation does not have: a ContractError (E_CONTRACT_COLUMNS) naming them and the
 * schema.ts line of the first, instead of the warehouse's "column not found". Undefined when
 * every declared column is there (the checks failed for another reason).
 *
 * @example await missingColumnsError(adapter, connection, node) // ContractError: model 'm' has no column email, which its schema declares
 */
export async function missingColumnsError(adapter: Adapter, connection: Connection, node: ManifestNode): Promise<ContractError | undefined> {
  if (!node.relation || node.columns.length === 0) return undefined;
  let actual: Set<string>;
  try {
    actual = new Set((await adapter.createIntrospector(connection).columns(node.relation)).map((c) => c.name.toLowerCase()));
  } catch {
    return undefined;
  }
  if (actual.size === 0) return undefined;
  const missing = node.columns.filter((c) => !actual.has(c.name.toLowerCase())).map((c) => c.name);
  if (missing.length === 0) return undefined;
  const file = node.schemaFile ?? node.file;
  const first = missing[0]!;
  return new ContractError('E_CONTRACT_COLUMNS', `${node.resourceType} '${node.name}' has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which its schema declares`, {
    file,
    line: file ? lineInFile(file, [`${first}:`, `'${first}':`, `"${first}":`]) : undefined,
    hint: `produce ${missing.length > 1 ? 'these columns' : 'this column'} in ${node.path ?? 'the model'}, or remove ${missing.length > 1 ? 'them' : 'it'} from the schema`,
  });
}
