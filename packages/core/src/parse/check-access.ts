import { dirname } from 'node:path';
import type { ModelSchema } from '../config/define-schemas.js';
import { DEFAULT_ACCESS, MODEL_ACCESS_LEVELS, type ModelAccess } from '../config/model-access.js';
import { ParseError, type StrataError } from '../errors/strata-error.js';
import { declaresColumns } from '../expectations/collect-checks.js';
import type { ManifestNode, ModelNode } from './manifest.js';

/** A model's access: its `config()` or folder setting, else its schema.ts entry, else `protected`. */
export function accessOf(node: ManifestNode): ModelAccess {
  return (node.config.access as ModelAccess | undefined) ?? DEFAULT_ACCESS;
}

/**
 * Settles a model's access when it is parsed: records it in the model's config (so the manifest
 * shows it), and holds a public model to its interface: it must have a zod schema, and that
 * schema is its contract, verified when the model is built.
 */
export function applyAccess(node: ModelNode, schema: ModelSchema | undefined, schemaFile: string | undefined): StrataError[] {
  const declared = (node.config.access ?? schema?.access) as unknown;
  if (declared !== undefined && !MODEL_ACCESS_LEVELS.includes(declared as ModelAccess)) {
    return [new ParseError('E_ACCESS_INVALID', `${node.name} has access '${String(declared)}'`, { file: node.file, line: node.line, hint: `access is one of ${MODEL_ACCESS_LEVELS.join(', ')}` })];
  }
  const access = (declared as ModelAccess | undefined) ?? DEFAULT_ACCESS;
  node.config.access = access;
  if (access !== 'public') return [];
  if (!schema || !declaresColumns(schema)) {
    return [
      new ParseError('E_PUBLIC_NO_SCHEMA', `public model '${node.project}.${node.name}' has no zod schema: a public model's columns are its contract with the projects that ref it`, {
        file: node.file,
        line: node.line,
        hint: `describe it in models/.../schema.ts: models: { ${node.name}: { columns: z.object({...}) } }, or make it protected`,
      }),
    ];
  }
  if (schema.contract === false) {
    return [new ParseError('E_PUBLIC_NO_CONTRACT', `public model '${node.project}.${node.name}' turns its contract off`, { file: schemaFile ?? node.file, hint: 'public models always enforce their schema; remove contract: false or make the model protected' })];
  }
  node.contract = true;
  return [];
}

/**
 * Why `from` may not ref `to`, or undefined when it may: another project's model must be public;
 * a private model is for models in its own folder.
 */
export function accessDenied(from: ManifestNode, to: ManifestNode, file: string | undefined, line: number | undefined): StrataError | undefined {
  if (to.resourceType !== 'model') return undefined;
  const access = accessOf(to);
  const target = `${to.project}.${to.name}`;
  const source = `${from.project}.${from.name}`;
  if (from.project !== to.project && access !== 'public') {
    return new ParseError('E_REF_NOT_PUBLIC', `${source} refs ${target}, which is ${access}: only public models may be referenced from another project`, {
      file,
      line,
      hint: `ask the owners of '${to.project}' to make ${to.name} public (access: 'public', with a zod schema), or ref one of its public models`,
    });
  }
  if (from.project === to.project && access === 'private' && from.path && to.path && dirname(from.path) !== dirname(to.path)) {
    return new ParseError('E_REF_PRIVATE', `${source} refs ${target}, which is private to ${dirname(to.path)}/`, {
      file,
      line,
      hint: `move ${from.name} next to ${to.name}, or make ${to.name} protected`,
    });
  }
  return undefined;
}
