/**
 * Who may `ref()` a model, like dbt's model access:
 * - `public` — any project that depends on this one; it is an interface, so it must have a zod
 *   schema (its contract, enforced at build);
 * - `protected` (the default) — models of the same project only;
 * - `private` — models in the same folder of the same project only (`models/marts/finance/`).
 *
 * Set it per folder (`models: { marts: { access: 'public' } }`), in a model's `config()`, or in
 * its schema.ts entry (`access: 'public'`).
 */
export type ModelAccess = 'public' | 'protected' | 'private';

/** Access of a model that declares none. */
export const DEFAULT_ACCESS: ModelAccess = 'protected';

/** The accepted values, for validation and messages. */
export const MODEL_ACCESS_LEVELS: readonly ModelAccess[] = ['public', 'protected', 'private'];
