import type { Adapter } from '../adapter/adapter.js';
import type { Connection } from '../adapter/connection.js';
import type { SeedColumn } from '../adapter/materializer.js';
import type { Compiler } from '../compile/compiler.js';
import { verifyContract } from '../expectations/contract.js';
import type { ModelNode, SeedNode } from '../parse/manifest.js';

/** Per-thread resources: one connection and the adapter's helpers bound to it. */
export interface Worker {
  connection: Connection;
  adapter: Adapter;
}

/** Builds one model with its materialization. Returns rows written (0 for views). */
export async function executeModel(worker: Worker, node: ModelNode, sql: string): Promise<number> {
  const materializer = worker.adapter.createMaterializer(worker.connection);
  const introspector = worker.adapter.createIntrospector(worker.connection);
  const relation = node.relation!;
  const verify = node.contract
    ? async (temporary: typeof relation) => verifyContract(node.name, node.file, node.columns, await introspector.columns(temporary))
    : undefined;
  switch (node.config.materialized) {
    case 'ephemeral':
      return 0;
    case 'view':
      return (await materializer.view(relation, sql, { verify })).rowsAffected;
    case 'table':
      return (await materializer.table(relation, sql, { verify })).rowsAffected;
    default:
      throw new Error(`materialization '${node.config.materialized}' of ${node.name} is not supported by this runner yet`);
  }
}

/** Loads a seed file with the types its schema declares. */
export async function executeSeed(worker: Worker, node: SeedNode): Promise<number> {
  const materializer = worker.adapter.createMaterializer(worker.connection);
  const introspector = worker.adapter.createIntrospector(worker.connection);
  const dialect = worker.adapter.dialect;
  const columns: SeedColumn[] | undefined = node.columns.length > 0 ? node.columns.map((c) => ({ name: c.name, type: c.type ? dialect.typeName(c.type) : undefined })) : undefined;
  const result = await materializer.seed(node.relation!, node.file!, {
    delimiter: node.delimiter,
    columns,
    verify: columns ? async (temporary) => verifyContract(node.name, node.file, node.columns, await introspector.columns(temporary)) : undefined,
  });
  return result.rowsAffected;
}

export type { Compiler };
