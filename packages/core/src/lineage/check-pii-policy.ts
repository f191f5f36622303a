import type { AdapterFactory } from '../adapter/adapter.js';
import { Compiler, type CompileOptions } from '../compile/compiler.js';
import { ConfigError, throwIfAny } from '../errors/strata-error.js';
import { selectNodes } from '../select/select-nodes.js';
import type { Workspace } from '../workspace/load-workspace.js';
import { DEFAULT_MASKING_FUNCTIONS, modelLineage } from './model-lineage.js';
import { dagWithMaskingMacros, MASKED_MARKER } from './masking-macros.js';
import type { PiiPolicyConfig } from '../config/pii-policy-config.js';
import { piiFlow, piiViolations } from './pii-policy.js';

/**
 * Enforces the `pii` policies of a workspace's projects before anything is built: column-level
 * lineage of every model (compiled for DuckDB's dialect and parsed by DuckDB's own parser, from
 * the adapter factory that offers one), PII followed from the tagged source columns, and a
 * PiiPolicyError (E_PII_LEAK) for every selected model outside `pii.allow` that would hold it.
 * Does nothing for projects without a `pii` setting.
 *
 * @example await checkPiiPolicy(workspace, selected, adapters, { target, vars })
 */
export async function checkPiiPolicy(workspace: Workspace, selected: Set<string>, adapters: Record<string, AdapterFactory>, options: Omit<CompileOptions, 'dialect'>): Promise<void> {
  const policies = workspace.projects.filter((p) => (p.config as { pii?: PiiPolicyConfig }).pii).map((p) => ({ project: p.config.name, file: p.configFile, policy: (p.config as { pii: PiiPolicyConfig }).pii }));
  if (policies.length === 0) return;
  const { dag } = workspace;
  const checked = new Set([...selected].filter((id) => policies.some((p) => p.project === dag.node(id).project) && dag.node(id).resourceType === 'model'));
  if (checked.size === 0) return;
  const factory = Object.values(adapters).find((f) => f.createSqlParser);
  if (!factory) {
    throw new ConfigError('E_PII_PARSER', 'the pii policy reads column lineage with a SQL parser, and no installed adapter offers one', {
      file: policies[0]!.file,
      hint: 'install @strata/adapter-duckdb (its parser runs in memory, whatever the target), or remove pii from strata.config.ts',
    });
  }
  const masking = [...new Set(policies.flatMap((p) => [...(p.policy.masking ?? DEFAULT_MASKING_FUNCTIONS), ...(p.policy.extraMasking ?? []), MASKED_MARKER]))];
  const maskingMacros = [...new Set(policies.flatMap((p) => p.policy.maskingMacros ?? []))];
  const deidentified = new Set(policies.flatMap((p) => (p.policy.deidentified ?? []).map((c) => c.toLowerCase())));
  const allowed = new Set<string>();
  for (const { policy } of policies) if (policy.allow?.length) for (const id of selectNodes(dag, { select: policy.allow, includeAttachedTests: false })) allowed.add(id);
  const models = [...dag.manifest.nodes.values()].filter((n) => n.resourceType === 'model').map((n) => n.uniqueId);
  const parser = factory.createSqlParser!();
  try {
    // Compiled with the project's masking macros marked, for DuckDB's parser.
    const compiler = new Compiler(dagWithMaskingMacros(dag, maskingMacros), { ...options, dialect: factory.createDialect({}) });
    const lineage = await modelLineage(dag, models, compiler, parser, masking);
    throwIfAny(piiViolations(dag, lineage, piiFlow(dag, lineage, deidentified), allowed, checked));
  } finally {
    await parser.close();
  }
}
